import { KObject, isObject } from '../util/types';

type Res = Record<string, string>;

/**
 * The LimitRanger admission plugin: containers without requests/limits get the namespace's
 * LimitRange defaults, and the pod records what was set in `kubernetes.io/limit-ranger`.
 */
export function applyLimitRanges(ranges: KObject[], pod: KObject) {
  const items = ranges.flatMap(r =>
    (
      (r.spec?.limits ?? []) as Array<{
        type?: string;
        default?: Res;
        defaultRequest?: Res;
      }>
    ).filter(l => l.type === 'Container'),
  );
  if (!items.length) return;
  const notes: string[] = [];
  for (const c of (pod.spec?.containers ?? []) as Array<{
    name: string;
    resources?: { limits?: Res; requests?: Res };
  }>) {
    const res = isObject(c.resources) ? c.resources : (c.resources = {});
    const setRequest: string[] = [];
    const setLimit: string[] = [];
    for (const l of items) {
      for (const [k, v] of Object.entries(l.default ?? {})) {
        res.limits = res.limits ?? {};
        if (res.limits[k] === undefined) {
          res.limits[k] = v;
          setLimit.push(k);
        }
      }
      for (const [k, v] of Object.entries(
        l.defaultRequest ?? l.default ?? {},
      )) {
        res.requests = res.requests ?? {};
        if (res.requests[k] === undefined) {
          // an explicit limit without a request means request = limit
          res.requests[k] = setLimit.includes(k) ? v : res.limits?.[k] ?? v;
          setRequest.push(k);
        }
      }
    }
    if (setRequest.length)
      notes.push(`${setRequest.join(', ')} request for container ${c.name}`);
    if (setLimit.length)
      notes.push(`${setLimit.join(', ')} limit for container ${c.name}`);
  }
  if (notes.length) {
    pod.metadata.annotations = {
      ...(pod.metadata.annotations ?? {}),
      'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join(
        '; ',
      )}`,
    };
  }
}
