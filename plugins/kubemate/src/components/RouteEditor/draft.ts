import type {
  HttpBackendRef,
  HttpPathModifier,
  HttpRouteFilter,
  HttpRouteFilterType,
  HttpRouteIssue,
  HttpRouteMatch,
  HttpRouteParentRef,
  HttpRouteRuleSpec,
  HttpRouteSpec,
  HttpRouteSummary,
  RouteEditRequest,
  RouteGateway,
  RouteService,
} from '@kubemate/plugin-kubemate-common';
import {
  traefikMiddlewareRef,
  validateHttpRouteForParents,
} from '@kubemate/plugin-kubemate-common';

/** Where a value sits in the draft: `['spec', 'rules', 0, 'matches']`. */
export type FieldPath = ReadonlyArray<string | number>;

/** The route being edited: what the form changes, sent as the request's `route`. */
export type RouteDraft = {
  metadata: {
    namespace: string;
    name: string;
    resourceVersion?: string;
    /** The spec's generation then: status written since does not make the edit stale. */
    generation?: number;
  };
  /** Kept whole, so fields the form does not show survive an edit. */
  spec: HttpRouteSpec;
};

type Container = Record<string, unknown> | unknown[];

const isContainer = (v: unknown): v is Container =>
  typeof v === 'object' && v !== null;

/** The value at `path`, or undefined when some step is missing. */
export function getIn(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const segment of path) {
    if (!isContainer(current)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

function copyOf(value: unknown, next: string | number): Container {
  if (Array.isArray(value)) return [...value];
  if (isContainer(value)) return { ...value };
  return typeof next === 'number' ? [] : {};
}

/**
 * A copy of `root` with `value` at `path`, creating missing objects and lists on the way;
 * `undefined` removes an object's key. Only the containers on the path are copied, so every
 * other field (including those the form does not know) is kept as it was.
 */
export function setIn<T>(root: T, path: FieldPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const out = copyOf(root, head) as Record<string | number, unknown>;
  const child = setIn(out[head], rest, value);
  if (child === undefined && !Array.isArray(out)) {
    delete out[head];
  } else {
    out[head] = child;
  }
  return out as T;
}

/** `item` appended to the list at `path` (created when missing). */
export function appendAt<T>(root: T, path: FieldPath, item: unknown): T {
  const list = getIn(root, path);
  return setIn(root, path, [...(Array.isArray(list) ? list : []), item]);
}

/**
 * The list item at `path` (its last segment an index) removed; a list left empty is removed
 * too, so an optional list does not linger in the YAML as `[]`.
 */
export function removeAt<T>(root: T, path: FieldPath): T {
  const index = path[path.length - 1];
  const listPath = path.slice(0, -1);
  const list = getIn(root, listPath);
  if (typeof index !== 'number' || !Array.isArray(list)) return root;
  const rest = list.filter((_, i) => i !== index);
  return setIn(root, listPath, rest.length ? rest : undefined);
}

/** Sets an optional object's field; the object goes when its last field does. */
export function setOptionalField<T>(
  root: T,
  objectPath: FieldPath,
  field: string,
  value: unknown,
): T {
  const next = setIn(root, [...objectPath, field], value);
  const object = getIn(next, objectPath);
  return isContainer(object) && Object.keys(object).length === 0
    ? setIn(next, objectPath, undefined)
    : next;
}

/** Text typed in an optional field: empty means "not set". */
export const optionalText = (text: string): string | undefined =>
  text === '' ? undefined : text;

/** A number typed in an optional field: empty means "not set"; anything else as typed. */
export const optionalNumber = (text: string): number | undefined =>
  text.trim() === '' ? undefined : Number(text);

export const newMatch = (): HttpRouteMatch => ({
  path: { type: 'PathPrefix', value: '/' },
});

export const newRule = (): HttpRouteRuleSpec => ({ matches: [newMatch()] });

/** A new route in `namespace`: no parents yet, one rule for every path. */
export function emptyDraft(namespace: string): RouteDraft {
  return {
    metadata: { namespace, name: '' },
    spec: { parentRefs: [], rules: [newRule()] },
  };
}

/** The draft of a stored route: its spec as stored and the version it was read at. */
export function draftOfRoute(route: HttpRouteSummary): RouteDraft {
  return {
    metadata: {
      namespace: route.namespace,
      name: route.name,
      ...(route.resourceVersion
        ? { resourceVersion: route.resourceVersion }
        : {}),
      ...(route.generation !== undefined
        ? { generation: route.generation }
        : {}),
    },
    spec: route.spec as HttpRouteSpec,
  };
}

/** The body of preview, create and update. */
export function editRequest(
  cluster: string,
  draft: RouteDraft,
): RouteEditRequest {
  return { cluster, route: { metadata: draft.metadata, spec: draft.spec } };
}

/** A listener of a Gateway as a parent. */
export function gatewayParentRef(
  gateway: Pick<RouteGateway, 'name'>,
  listener: { name: string; port?: number },
): HttpRouteParentRef {
  return {
    group: 'gateway.networking.k8s.io',
    kind: 'Gateway',
    name: gateway.name,
    sectionName: listener.name,
    ...(listener.port !== undefined ? { port: listener.port } : {}),
  };
}

/** A Service port as a (Linkerd) parent. */
export function serviceParentRef(
  service: Pick<RouteService, 'name'>,
  port?: number,
): HttpRouteParentRef {
  return {
    group: '',
    kind: 'Service',
    name: service.name,
    ...(port !== undefined ? { port } : {}),
  };
}

/** A backend sending to a Service's first port, with the default weight. */
export function serviceBackendRef(service: RouteService): HttpBackendRef {
  return {
    name: service.name,
    ...(service.ports[0] ? { port: service.ports[0].port } : {}),
    weight: 1,
  };
}

/** The filter types the form edits field by field; others are kept as written. */
export const editableFilterTypes = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestRedirect',
  'URLRewrite',
  'ExtensionRef',
] as const satisfies readonly HttpRouteFilterType[];
export type EditableFilterType = (typeof editableFilterTypes)[number];

export const isEditableFilter = (
  type: HttpRouteFilterType,
): type is EditableFilterType =>
  (editableFilterTypes as readonly string[]).includes(type);

/** A new filter of `type` with the settings object the type needs. */
export function filterOfType(type: EditableFilterType): HttpRouteFilter {
  switch (type) {
    case 'RequestHeaderModifier':
      return { type, requestHeaderModifier: {} };
    case 'ResponseHeaderModifier':
      return { type, responseHeaderModifier: {} };
    case 'RequestRedirect':
      return { type, requestRedirect: {} };
    case 'URLRewrite':
      return { type, urlRewrite: {} };
    case 'ExtensionRef':
    default:
      return { type, extensionRef: { ...traefikMiddlewareRef, name: '' } };
  }
}

/** A redirect's or rewrite's path part of `type` with `value`; none for an empty type. */
export function pathModifierOfType(
  type: string,
  value: string,
): HttpPathModifier | undefined {
  if (type === 'ReplaceFullPath') return { type, replaceFullPath: value };
  if (type === 'ReplacePrefixMatch') return { type, replacePrefixMatch: value };
  return undefined;
}

/** Whether a Gateway serves the route (ExtensionRef Middlewares work only there). */
export const hasGatewayParent = (spec: HttpRouteSpec) =>
  (spec.parentRefs ?? []).some(p => (p.kind ?? 'Gateway') === 'Gateway');

// RFC 1123 subdomain: what Kubernetes accepts as an object name.
const objectName =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function metadataIssues(draft: RouteDraft): HttpRouteIssue[] {
  const issues: HttpRouteIssue[] = [];
  const { name, namespace } = draft.metadata;
  if (!name) {
    issues.push({ path: 'metadata.name', message: 'a name is required' });
  } else if (name.length > 253 || !objectName.test(name)) {
    issues.push({
      path: 'metadata.name',
      message:
        'lower-case letters, digits, "-" and ".", starting and ending with a letter or digit',
    });
  }
  if (!namespace) {
    issues.push({
      path: 'metadata.namespace',
      message: 'choose one of the namespaces',
    });
  }
  return issues;
}

/**
 * Everything wrong with the draft, as the server would answer it: the name, then the spec
 * checked for each implementation serving it (the same code the server runs), each issue once.
 */
export function validateDraft(draft: RouteDraft): HttpRouteIssue[] {
  return [...metadataIssues(draft), ...validateHttpRouteForParents(draft.spec)];
}
