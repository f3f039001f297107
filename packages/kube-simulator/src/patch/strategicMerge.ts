import { clone } from '../util/objects';
import { isObject } from '../util/types';
import { isSetList, smpMergeKey } from './listKeys';

/**
 * Strategic merge patch for the fields kubectl touches: keyed lists merge by their merge key
 * (new entries go first, like the apiserver), `$patch: delete|replace`, `$setElementOrder`,
 * `$deleteFromPrimitiveList`, and `$retainKeys`.
 */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  return mergeMap(isObject(target) ? target : {}, isObject(patch) ? patch : {});
}

function mergeMap(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return stripDirectives(rest) as Record<string, unknown>;
  }
  if (patch.$patch === 'delete') return {};
  const out: Record<string, unknown> = { ...target };
  const orders: Record<string, unknown[]> = {};
  const retain = Array.isArray(patch.$retainKeys)
    ? (patch.$retainKeys as string[])
    : undefined;
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/')) {
      orders[k.slice('$setElementOrder/'.length)] = v as unknown[];
      continue;
    }
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const f = k.slice('$deleteFromPrimitiveList/'.length);
      const del = new Set((v as unknown[]).map(x => JSON.stringify(x)));
      if (Array.isArray(out[f]))
        out[f] = (out[f] as unknown[]).filter(x => !del.has(JSON.stringify(x)));
      continue;
    }
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = out[k];
    if (Array.isArray(v))
      out[k] = mergeList(k, Array.isArray(cur) ? cur : [], v);
    else if (isObject(v)) out[k] = mergeMap(isObject(cur) ? cur : {}, v);
    else out[k] = v;
  }
  if (retain)
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  for (const [f, order] of Object.entries(orders)) {
    if (Array.isArray(out[f]))
      out[f] = applyOrder(f, out[f] as unknown[], order);
  }
  return out;
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (isObject(v)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      if (!k.startsWith('$')) o[k] = stripDirectives(x);
    return o;
  }
  return v;
}

function mergeList(field: string, cur: unknown[], patch: unknown[]): unknown[] {
  if (patch.some(p => isObject(p) && p.$patch === 'replace')) {
    return patch
      .filter(p => !(isObject(p) && p.$patch === 'replace'))
      .map(stripDirectives);
  }
  if (isSetList(field)) {
    const out = [...cur];
    for (const p of patch)
      if (!out.some(x => JSON.stringify(x) === JSON.stringify(p))) out.push(p);
    return out;
  }
  const key = smpMergeKey(field, [...patch, ...cur]);
  if (!key) return patch.map(stripDirectives);
  const out = cur.map(x => clone(x));
  const added: unknown[] = [];
  for (const p of patch) {
    if (!isObject(p)) continue;
    const idx = out.findIndex(x => isObject(x) && x[key] === p[key]);
    if (p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = mergeMap(out[idx] as Record<string, unknown>, p);
    else added.push(mergeMap({}, p));
  }
  return [...added, ...out];
}

function applyOrder(
  field: string,
  list: unknown[],
  order: unknown[],
): unknown[] {
  const key = smpMergeKey(field, list);
  const id = (x: unknown) =>
    key && isObject(x) ? JSON.stringify(x[key]) : JSON.stringify(x);
  const pos = new Map(order.map((o, i) => [id(o), i]));
  const known = list
    .filter(x => pos.has(id(x)))
    .sort((a, b) => pos.get(id(a))! - pos.get(id(b))!);
  const rest = list.filter(x => !pos.has(id(x)));
  return [...known, ...rest];
}
