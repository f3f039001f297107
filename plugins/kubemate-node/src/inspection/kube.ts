import { KubeObject, POD_SPEC_KINDS } from './types';

/** A Kubernetes label selector (`matchLabels` / `matchExpressions`) or a plain map. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

type Labels = Record<string, string> | undefined;

/** Match a plain `{key: value}` selector (Service style). Empty matches nothing. */
export function matchesMap(selector: Record<string, unknown>, labels: Labels) {
  let any = false;
  for (const key in selector) {
    if (!Object.prototype.hasOwnProperty.call(selector, key)) continue;
    any = true;
    if (!labels || labels[key] !== selector[key]) return false;
  }
  return any;
}

/**
 * Match a LabelSelector (PDB / NetworkPolicy style). An empty selector
 * matches everything, as in Kubernetes.
 */
export function matchesSelector(
  selector: LabelSelector | undefined,
  labels: Labels,
): boolean {
  if (!selector) return false;
  const ml = selector.matchLabels;
  if (ml) {
    for (const key in ml) {
      if (!labels || labels[key] !== ml[key]) return false;
    }
  }
  for (const expr of selector.matchExpressions ?? []) {
    const value = labels?.[expr.key];
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
export function apiGroupOf(apiVersion: string | undefined): string {
  if (!apiVersion) return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

const POD_SPEC_KIND_SET = new Set<string>(POD_SPEC_KINDS);

/** Whether a kind carries a pod template that {@link podTemplateOf} understands. */
export function isPodSpecKind(kind: string): boolean {
  return POD_SPEC_KIND_SET.has(kind);
}

type Dict = Record<string, any>;

/**
 * The pod template of a workload: `{ metadata, spec }`, or undefined.
 */
export function podTemplateOf(
  obj: KubeObject,
): { metadata: Dict; spec: Dict } | undefined {
  const spec = obj.spec as Dict | undefined;
  if (!spec) return undefined;
  switch (obj.kind) {
    case 'Pod':
      return { metadata: (obj.metadata as Dict) ?? {}, spec };
    case 'CronJob': {
      const t = spec.jobTemplate?.spec?.template;
      return t?.spec ? { metadata: t.metadata ?? {}, spec: t.spec } : undefined;
    }
    default: {
      const t = spec.template;
      return t?.spec ? { metadata: t.metadata ?? {}, spec: t.spec } : undefined;
    }
  }
}

/** JSON fragments that wrap a pod-spec patch for `kubectl patch`. */
export function podSpecPatchWrapper(kind: string): [string, string] {
  switch (kind) {
    case 'Pod':
      return ['{"spec":', '}'];
    case 'CronJob':
      return ['{"spec":{"jobTemplate":{"spec":{"template":{"spec":', '}}}}}'];
    default:
      return ['{"spec":{"template":{"spec":', '}}}'];
  }
}

/** True when another object controls this one (ReplicaSet of a Deployment, ...). */
export function isControlled(obj: KubeObject): boolean {
  const refs = obj.metadata?.ownerReferences;
  if (!refs) return false;
  for (const ref of refs) {
    if (ref.controller) return true;
  }
  return false;
}

const QUANTITY = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)([a-zA-Z]*)$/;
const SUFFIX: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
};

/** Parse a Kubernetes resource quantity (`500m`, `1Gi`) into a number. */
export function parseQuantity(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const m = typeof value === 'string' ? QUANTITY.exec(value.trim()) : null;
  const factor = m ? SUFFIX[m[2]] : undefined;
  if (!m || factor === undefined) {
    throw new Error(`invalid quantity: ${JSON.stringify(value)}`);
  }
  return Number(m[1]) * factor;
}

/**
 * The tag of a container image reference: `""` when there is none, the
 * digest (`sha256:...`) when pinned by digest.
 */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1);
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : '';
}
