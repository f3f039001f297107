import { resourcesOfKind } from '@kubemate/plugin-kubemate-common';
import type { ActiveRule } from './inspector';
import type { KubeObject } from './types';

/**
 * What listing needs of a client: `KubernetesObjectApi.list` of @kubernetes/client-node, on a
 * client that returns the API server's JSON as is (no typed-model conversion) and whose every
 * request has a deadline. The backend passes its cluster layer's raw client; the CLI its own.
 *
 * @public
 */
export interface ObjectLister {
  list(
    apiVersion: string,
    kind: string,
    namespace?: string,
    pretty?: string,
    exact?: boolean,
    exportt?: boolean,
    fieldSelector?: string,
    labelSelector?: string,
    limit?: number,
    continueToken?: string,
  ): Promise<{ items?: unknown[]; metadata?: object }>;
}

/** A kind to list and the apiVersions to try, preferred first. @public */
export interface KindSpec {
  kind: string;
  apiVersions: string[];
}

/** Where the registry says a kind is served, preferred first; empty for a kind it lacks. */
const apiVersionsOf = (kind: string) =>
  resourcesOfKind(kind).map(r => r.apiVersion);

/** Kinds that relational rule functions read, whatever the rules target. @public */
export const RELATED_KINDS = [
  'Namespace',
  'Node',
  'Service',
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'Secret',
  'Event',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Ingress',
  'HTTPRoute',
  'Gateway',
  'ServiceProfile',
  // Binding rules read the Role / ClusterRole a binding refers to (`roleRefRules`), even in a
  // profile without the rules that target roles themselves.
  'Role',
  'ClusterRole',
];

const groupOf = (apiVersion: string) =>
  apiVersion.includes('/') ? apiVersion.split('/')[0] : '';

/**
 * The kinds to list for a set of active rules: every kind a rule targets (restricted to the
 * rule's groups / apiVersions when it names them) plus {@link RELATED_KINDS}, at the places the
 * resource registry names (`RESOURCE_TYPES`). A kind the registry does not know needs
 * `target.apiVersions` in its rule; otherwise it is reported as unresolved.
 *
 * @public
 */
export function kindsForRules(rules: readonly ActiveRule[]): {
  kinds: KindSpec[];
  unresolved: string[];
} {
  const byKind = new Map<string, string[]>();
  const unresolved = new Set<string>();
  const add = (kind: string, versions: string[]) => {
    const list = byKind.get(kind) ?? [];
    for (const v of versions) if (!list.includes(v)) list.push(v);
    byKind.set(kind, list);
  };
  for (const kind of RELATED_KINDS) add(kind, apiVersionsOf(kind));
  for (const { rule } of rules) {
    const target = rule.definition.target;
    for (const kind of rule.kinds) {
      let versions = target.apiVersions?.length
        ? [...target.apiVersions]
        : apiVersionsOf(kind);
      if (target.groups?.length && !target.apiVersions?.length) {
        versions = versions.filter(v => target.groups!.includes(groupOf(v)));
      }
      if (versions.length === 0) unresolved.add(kind);
      else add(kind, versions);
    }
  }
  return {
    kinds: [...byKind.entries()]
      .map(([kind, apiVersions]) => ({ kind, apiVersions }))
      .sort((a, b) => a.kind.localeCompare(b.kind)),
    unresolved: [...unresolved].sort(),
  };
}

function statusCode(e: unknown): number | undefined {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The API (group version or kind) is not served by this cluster. */
function isNotInstalled(e: unknown): boolean {
  if (statusCode(e) === 404) return true;
  return (
    e instanceof Error && /Unrecognized API version and kind/.test(e.message)
  );
}

/** A short description of a client error (the client's own message includes all headers). @public */
export function describeKubeError(e: unknown): string {
  const code = statusCode(e);
  if (code !== undefined) {
    const body = (e as { body?: unknown }).body;
    let message: string | undefined;
    if (typeof body === 'string') {
      try {
        message = JSON.parse(body)?.message;
      } catch {
        message = body.slice(0, 200);
      }
    } else if (body && typeof body === 'object') {
      message = (body as { message?: string }).message;
    }
    return `HTTP ${code}${message ? `: ${message}` : ''}`;
  }
  return e instanceof Error ? e.message.split('\n')[0] : String(e);
}

/** @public */
export interface FetchedKind {
  kind: string;
  apiVersion: string;
  count: number;
}

/** @public */
export interface FetchResult {
  objects: KubeObject[];
  listed: FetchedKind[];
  /** Kinds whose API the cluster does not serve. */
  skipped: string[];
}

/** @public */
export interface FetchOptions {
  pageSize?: number;
  /** Kinds listed at the same time (default 2): parsing one overlaps the server producing the next. */
  concurrency?: number;
  /** Called after each kind. */
  onKind?: (done: number, total: number, kind: string) => Promise<void> | void;
  signal?: AbortSignal;
}

/**
 * Lists every object of the given kinds, page by page (`limit` / `continue`). Kinds whose API
 * is not installed are skipped; any other failure rejects (the run must not be reconciled with
 * a partial view).
 *
 * @public
 */
export async function fetchClusterObjects(
  client: ObjectLister,
  kinds: KindSpec[],
  options?: FetchOptions,
): Promise<FetchResult> {
  const pageSize = options?.pageSize ?? 500;
  const perKind: KubeObject[][] = kinds.map(() => []);
  const listed: Array<FetchedKind | undefined> = kinds.map(() => undefined);
  const finished = kinds.map(() => false);
  let reported = 0;
  let next = 0;
  const listKind = async (index: number) => {
    const spec = kinds[index];
    for (const apiVersion of spec.apiVersions) {
      let items: KubeObject[];
      try {
        items = await listAll(
          client,
          apiVersion,
          spec.kind,
          pageSize,
          options?.signal,
        );
      } catch (e) {
        if (isNotInstalled(e)) continue;
        throw new Error(
          `listing ${spec.kind} (${apiVersion}) failed: ${describeKubeError(
            e,
          )}`,
        );
      }
      // List items carry no kind/apiVersion: stamp them in place (no copy), and drop
      // managedFields, which no rule reads and which can be most of an object's size.
      for (const item of items) {
        item.apiVersion = apiVersion;
        item.kind = spec.kind;
        if (item.metadata) delete item.metadata.managedFields;
      }
      perKind[index] = items;
      listed[index] = { kind: spec.kind, apiVersion, count: items.length };
      break;
    }
    // Progress in the kinds' order, as if they were listed one after the other.
    finished[index] = true;
    while (reported < kinds.length && finished[reported]) {
      reported++;
      await options?.onKind?.(reported, kinds.length, kinds[reported - 1].kind);
    }
  };
  const worker = async () => {
    while (next < kinds.length) {
      options?.signal?.throwIfAborted();
      await listKind(next++);
    }
  };
  await Promise.all(
    Array.from(
      {
        length: Math.max(1, Math.min(options?.concurrency ?? 2, kinds.length)),
      },
      worker,
    ),
  );
  return {
    objects: perKind.flat(),
    listed: listed.filter((l): l is FetchedKind => !!l),
    skipped: kinds.filter((_, i) => !listed[i]).map(k => k.kind),
  };
}

async function listAll(
  client: ObjectLister,
  apiVersion: string,
  kind: string,
  pageSize: number,
  signal?: AbortSignal,
): Promise<KubeObject[]> {
  const items: KubeObject[] = [];
  let token: string | undefined;
  do {
    signal?.throwIfAborted();
    const page = await client.list(
      apiVersion,
      kind,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      pageSize,
      token,
    );
    for (const item of page.items ?? []) items.push(item as KubeObject);
    token =
      (page.metadata as { continue?: string } | undefined)?.continue ||
      undefined;
  } while (token);
  return items;
}
