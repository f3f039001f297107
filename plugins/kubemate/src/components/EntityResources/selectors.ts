import type { KubeObject } from '@kubemate/plugin-kubemate-common';

/** A Kubernetes label selector: a Service's plain map, or a LabelSelector with expressions. */
export type LabelSelector =
  | Record<string, string>
  | {
      matchLabels?: Record<string, string>;
      matchExpressions?: Array<{
        key: string;
        operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
        values?: string[];
      }>;
    };

function isStructured(
  s: LabelSelector,
): s is Exclude<LabelSelector, Record<string, string>> {
  return (
    typeof (s as { matchLabels?: unknown }).matchLabels === 'object' ||
    Array.isArray((s as { matchExpressions?: unknown }).matchExpressions)
  );
}

/** Whether the labels satisfy every term of the selector, as the API server decides. */
export function matchesSelector(
  labels: Record<string, string> | undefined,
  selector: LabelSelector,
): boolean {
  const have = labels ?? {};
  const matchLabels = isStructured(selector)
    ? selector.matchLabels ?? {}
    : (selector as Record<string, string>);
  for (const [k, v] of Object.entries(matchLabels)) {
    if (have[k] !== v) return false;
  }
  const expressions = isStructured(selector)
    ? selector.matchExpressions ?? []
    : [];
  return expressions.every(e => {
    const present = Object.prototype.hasOwnProperty.call(have, e.key);
    switch (e.operator) {
      case 'In':
        return present && (e.values ?? []).includes(have[e.key]);
      case 'NotIn':
        return !present || !(e.values ?? []).includes(have[e.key]);
      case 'Exists':
        return present;
      case 'DoesNotExist':
        return !present;
      default:
        // An operator we do not know selects nothing rather than everything.
        return false;
    }
  });
}

/** A selector with no terms. For a Service it selects no pods (endpoints are managed by hand). */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  if (!selector) return true;
  if (isStructured(selector)) {
    return (
      Object.keys(selector.matchLabels ?? {}).length === 0 &&
      (selector.matchExpressions ?? []).length === 0
    );
  }
  return Object.keys(selector).length === 0;
}

/** The pods of a namespace a selector selects; an empty selector selects none. */
export function podsBySelector(
  pods: KubeObject[],
  namespace: string | undefined,
  selector: LabelSelector | undefined,
): KubeObject[] {
  if (!selector || isEmptySelector(selector)) return [];
  return pods.filter(
    p =>
      (p.metadata.namespace ?? 'default') === (namespace ?? 'default') &&
      matchesSelector(p.metadata.labels, selector),
  );
}

/** `k=v, k2=v2` as kubectl prints a selector map. */
export function formatSelector(
  selector: Record<string, string> | undefined,
): string {
  const entries = Object.entries(selector ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : '—';
}
