import { podTemplateOf } from './kube';
import { KubeObject } from './types';

type Dict = Record<string, any>;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const has = (v: unknown, ...values: string[]) =>
  list(v).some(x => typeof x === 'string' && values.includes(x));

const EXEC_RESOURCES = ['pods/exec', 'pods/attach', 'pods/*', '*'];
// `get` opens the exec / attach web socket, `create` the SPDY stream.
const EXEC_VERBS = ['create', 'get', '*'];
const ALL_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch'];

/** Whether RBAC rules allow exec into or attach to pods. */
export function grantsPodExec(rules: unknown): boolean {
  return list(rules).some(r => {
    const rule = (r ?? {}) as Dict;
    return (
      has(rule.apiGroups, '', '*') &&
      has(rule.resources, ...EXEC_RESOURCES) &&
      has(rule.verbs, ...EXEC_VERBS)
    );
  });
}

/** Whether RBAC rules grant every verb on every resource (cluster-admin alike). */
export function grantsAll(rules: unknown): boolean {
  return list(rules).some(r => {
    const rule = (r ?? {}) as Dict;
    const allVerbs =
      has(rule.verbs, '*') ||
      (ALL_VERBS.every(v => has(rule.verbs, v)) && has(rule.verbs, 'delete'));
    if (has(rule.nonResourceURLs, '*') && has(rule.verbs, '*')) return true;
    return has(rule.apiGroups, '*') && has(rule.resources, '*') && allVerbs;
  });
}

/**
 * Pods a PodDisruptionBudget keeps available out of `replicas`, as the
 * disruption controller computes it (percentages of minAvailable and
 * maxUnavailable round up); -1 when it sets neither.
 */
export function minAvailableOf(pdb: Dict, replicas: number): number {
  const spec = (pdb?.spec ?? {}) as Dict;
  const resolve = (v: unknown): number | undefined => {
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v !== 'string') return undefined;
    const m = /^(\d+)%$/.exec(v.trim());
    if (m) return Math.ceil((Number(m[1]) * replicas) / 100);
    return /^\d+$/.test(v.trim()) ? Number(v) : undefined;
  };
  const min = resolve(spec.minAvailable);
  if (min !== undefined) return min;
  const maxUnavailable = resolve(spec.maxUnavailable);
  if (maxUnavailable !== undefined)
    return Math.max(replicas - maxUnavailable, 0);
  return -1;
}

// The API server's label value syntax (IsValidLabelValue).
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function badLabels(labels: unknown, out: string[]) {
  if (!labels || typeof labels !== 'object') return;
  for (const [k, v] of Object.entries(labels as Dict)) {
    const valid =
      typeof v === 'string' && v.length <= 63 && LABEL_VALUE.test(v);
    if (!valid) out.push(`${k}=${typeof v === 'string' ? v : String(v)}`);
  }
}

/** `key=value` of every invalid label value on an object and its pod template. */
export function invalidLabelValues(obj: KubeObject): string[] {
  const out: string[] = [];
  badLabels(obj?.metadata?.labels, out);
  if (obj?.kind && obj.kind !== 'Pod') {
    badLabels(podTemplateOf(obj)?.metadata?.labels, out);
  }
  return [...new Set(out)];
}
