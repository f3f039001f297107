import { z } from 'zod';

/**
 * Approved container images (`kubemate.images` in app-config): the registries and repositories
 * templates choose an image from, and the only ones Kubemate's template apply accepts. Shared by
 * the image picker (frontend) and the apply endpoint (backend), so both read the list alike.
 */

// A registry host with an optional port (`ghcr.io`, `localhost:5000`).
const REGISTRY = /^[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?(:[0-9]{1,5})?$/;
// Path components as the OCI distribution spec defines them.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
/** A tag as the OCI distribution spec allows it. */
export const IMAGE_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

export const imageTagSchema = z
  .string()
  .regex(IMAGE_TAG_PATTERN, 'must be an image tag (letters, digits, _ . -)');

/** One entry of `kubemate.images`. */
export const imageSourceSchema = z.object({
  /** Registry host, e.g. `ghcr.io` or `registry.bank.example.com` (`docker.io` for Docker Hub). */
  registry: z
    .string()
    .regex(REGISTRY, 'must be a registry host, optionally with a port'),
  /** Repository in the registry, e.g. `kubemate/hello` or `library/nginx`. */
  repository: z
    .string()
    .max(255)
    .regex(REPOSITORY, 'must be a repository path of lower-case components'),
  /** What the picker shows; the image reference without the tag when omitted. */
  title: z.string().min(1).max(100).optional(),
  /** The only tags allowed (the picker offers them); any tag or digest when omitted. */
  tags: z.array(imageTagSchema).min(1).max(200).optional(),
});
export type ImageSource = z.infer<typeof imageSourceSchema>;

export const imageSourcesSchema = z.array(imageSourceSchema).max(500);

/**
 * `kubemate.images` as read from config (`config.getOptional('kubemate.images')`): the list, or
 * an empty one when it is not set. Throws naming the entry and field when an entry is invalid.
 */
export function readImageSources(value: unknown): ImageSource[] {
  if (value === undefined || value === null) return [];
  const parsed = imageSourcesSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `Invalid config kubemate.images${issue.path
        .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** An image reference split up, Docker Hub names normalized (`nginx` → `docker.io/library/nginx`). */
export interface ImageReference {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

const DOCKER_HUB = 'docker.io';
const normalizeRegistry = (registry: string) => {
  const r = registry.toLowerCase();
  return r === 'index.docker.io' || r === 'registry-1.docker.io'
    ? DOCKER_HUB
    : r;
};
const normalizeRepository = (registry: string, repository: string) =>
  registry === DOCKER_HUB && !repository.includes('/')
    ? `library/${repository}`
    : repository;

/** The parts of an image reference as a container runtime reads it, or undefined when invalid. */
export function parseImageReference(
  reference: string,
): ImageReference | undefined {
  let rest = reference.trim();
  if (!rest || rest.length > 512) return undefined;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!IMAGE_TAG_PATTERN.test(tag)) return undefined;
  }
  // The first component is a registry when it looks like a host (a dot, a port, localhost).
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  const hasRegistry =
    first.includes('.') || first.includes(':') || first === 'localhost';
  const registry = normalizeRegistry(hasRegistry ? first : DOCKER_HUB);
  const path = hasRegistry ? rest.slice(slash + 1) : rest;
  if (!REGISTRY.test(registry) || !REPOSITORY.test(path)) return undefined;
  return {
    registry,
    repository: normalizeRepository(registry, path),
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** `registry/repository` of a configured source, as a runtime would pull it. */
export function imageSourceName(source: ImageSource): string {
  return `${source.registry}/${source.repository}`;
}

/** The full image reference the picker produces for a source and tag. */
export function imageReferenceOf(source: ImageSource, tag: string): string {
  return `${imageSourceName(source)}:${tag}`;
}

const sameSource = (source: ImageSource, ref: ImageReference) => {
  const registry = normalizeRegistry(source.registry);
  return (
    registry === ref.registry &&
    normalizeRepository(registry, source.repository) === ref.repository
  );
};

/** The configured source an image reference belongs to (any tag), or undefined. */
export function findImageSource(
  sources: readonly ImageSource[],
  reference: string,
): { source: ImageSource; parsed: ImageReference } | undefined {
  const parsed = parseImageReference(reference);
  if (!parsed) return undefined;
  const source = sources.find(s => sameSource(s, parsed));
  return source ? { source, parsed } : undefined;
}

/**
 * Why an image may not be used, or undefined when it is approved: its registry and repository
 * are in the list and, when the entry lists tags, its tag is one of them (a digest alone is not
 * enough then: the tags are the approval). An image without a tag or digest (`:latest` by
 * default) is refused: what runs would change with every push.
 */
export function imageRefusal(
  sources: readonly ImageSource[],
  reference: string,
): string | undefined {
  const parsed = parseImageReference(reference);
  if (!parsed) return `"${reference}" is not a valid image reference`;
  const source = sources.find(s => sameSource(s, parsed));
  if (!source) {
    return `${parsed.registry}/${parsed.repository} is not an approved registry and repository (kubemate.images)`;
  }
  if (source.tags) {
    if (!parsed.tag || !source.tags.includes(parsed.tag)) {
      return `tag ${parsed.tag ?? '(none)'} of ${imageSourceName(
        source,
      )} is not one of the approved tags: ${source.tags.join(', ')}`;
    }
    return undefined;
  }
  if (!parsed.tag && !parsed.digest) {
    return `${imageSourceName(
      source,
    )} needs a tag or digest (without one the runtime pulls :latest)`;
  }
  return undefined;
}

/** One container of a manifest and its image. */
export interface ManifestImage {
  /** `containers`, `initContainers` or `ephemeralContainers`. */
  field: string;
  container: string;
  image: string;
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The pod spec of an object: a Pod's own, a CronJob's job template's, and `spec.template.spec`
 * of anything else (Deployments, StatefulSets, DaemonSets, Jobs, ReplicaSets, and custom kinds
 * built the same way).
 */
function podSpecOf(object: Dict): Dict | undefined {
  const spec = object.spec;
  if (!isDict(spec)) return undefined;
  if (object.kind === 'Pod') return spec;
  const template =
    object.kind === 'CronJob'
      ? (spec.jobTemplate as Dict | undefined)?.spec
      : spec;
  const podSpec = isDict(template)
    ? (template.template as Dict | undefined)?.spec
    : undefined;
  return isDict(podSpec) ? podSpec : undefined;
}

/** Every container image of a manifest (none for objects without a pod spec). */
export function manifestImages(object: unknown): ManifestImage[] {
  if (!isDict(object)) return [];
  const podSpec = podSpecOf(object);
  if (!podSpec) return [];
  const out: ManifestImage[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = podSpec[field];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isDict(c)) continue;
      out.push({
        field,
        container: typeof c.name === 'string' ? c.name : '',
        image: typeof c.image === 'string' ? c.image : '',
      });
    }
  }
  return out;
}
