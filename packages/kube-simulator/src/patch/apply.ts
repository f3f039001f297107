import { clone, deepEqual, now } from '../util/objects';
import { KObject, ManagedFieldsEntry, isObject } from '../util/types';
import { itemKey, listKind } from './listKeys';
import {
  FieldSet,
  fieldSetOf,
  fromFieldsV1,
  isLeafPath,
  toFieldsV1,
  valueAt,
} from './managedFields';

export interface ApplyConflict {
  manager: string;
  operation: 'Update' | 'Apply';
  apiVersion: string;
  field: string;
}

export class ApplyConflictError extends Error {
  constructor(readonly conflicts: ApplyConflict[]) {
    super('apply conflict');
  }
}

const SEP = '\n';

/** `.spec.replicas` / `.spec.template.spec.containers[name="app"].image` as the apiserver prints paths. */
export function printPath(p: string): string {
  return p
    .split(SEP)
    .map(s => {
      if (s.startsWith('f:')) return `.${s.slice(2)}`;
      if (s.startsWith('k:')) {
        const o = JSON.parse(s.slice(2)) as Record<string, unknown>;
        return `[${Object.entries(o)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
      }
      return `[${s.slice(2)}]`;
    })
    .join('');
}

/** Structural merge used by apply: maps merge, keyed lists merge by key, everything else replaced. */
function applyMerge(
  live: unknown,
  cfg: unknown,
  field: string,
  structured: boolean,
): unknown {
  if (isObject(cfg)) {
    const out: Record<string, unknown> = isObject(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(cfg))
      out[k] = applyMerge(out[k], v, k, structured);
    return out;
  }
  if (Array.isArray(cfg)) {
    const lk = listKind(field, cfg, structured);
    if (lk.type === 'map' && Array.isArray(live)) {
      const out = live.map(x => clone(x));
      for (const item of cfg) {
        const k = itemKey(item, lk.keys);
        const idx = out.findIndex(x => itemKey(x, lk.keys) === k);
        if (idx >= 0) out[idx] = applyMerge(out[idx], item, '', structured);
        else out.push(clone(item));
      }
      return out;
    }
    if (lk.type === 'set' && Array.isArray(live)) {
      const out = [...live];
      for (const v of cfg) if (!out.some(x => deepEqual(x, v))) out.push(v);
      return out;
    }
    return clone(cfg);
  }
  return clone(cfg);
}

function removePath(obj: unknown, path: string, structured: boolean) {
  const segs = path.split(SEP);
  let cur: unknown = obj;
  let field = '';
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const last = i === segs.length - 1;
    if (s.startsWith('f:')) {
      field = s.slice(2);
      if (!isObject(cur)) return;
      if (last) {
        delete cur[field];
        return;
      }
      cur = cur[field];
    } else if (Array.isArray(cur)) {
      const list = cur;
      let idx = -1;
      if (s.startsWith('k:')) {
        const lk = listKind(field, list, structured);
        if (lk.type !== 'map') return;
        idx = list.findIndex(x => itemKey(x, lk.keys) === s.slice(2));
      } else idx = list.findIndex(x => JSON.stringify(x) === s.slice(2));
      if (idx < 0) return;
      if (last) {
        list.splice(idx, 1);
        return;
      }
      cur = list[idx];
    } else return;
  }
}

/**
 * Server-side apply: merges `config` into `live`, tracks ownership per manager, reports conflicts
 * with other managers unless forced, and drops fields this manager stopped applying.
 */
export function serverSideApply(
  live: KObject | undefined,
  config: KObject,
  opts: {
    manager: string;
    apiVersion: string;
    force: boolean;
    structured: boolean;
  },
): KObject {
  const s = opts.structured;
  const cfgSet = fieldSetOf(config, s, { skipStatus: true });
  const entries = (live?.metadata.managedFields ?? []).map(e => ({
    e,
    set: fromFieldsV1(e.fieldsV1),
  }));
  const conflicts: ApplyConflict[] = [];
  for (const { e, set } of entries) {
    if (e.manager === opts.manager && e.operation === 'Apply') continue;
    for (const p of cfgSet) {
      if (!set.has(p) || !isLeafPath(cfgSet, p) || !isLeafPath(set, p))
        continue;
      if (!deepEqual(valueAt(live, p, s), valueAt(config, p, s))) {
        conflicts.push({
          manager: e.manager,
          operation: e.operation,
          apiVersion: e.apiVersion,
          field: printPath(p),
        });
        if (opts.force) set.delete(p);
      }
    }
  }
  if (conflicts.length && !opts.force) throw new ApplyConflictError(conflicts);

  const { managedFields: _m, ...cfgMeta } = config.metadata;
  const cfgNoMeta = { ...config, metadata: cfgMeta };
  const merged = applyMerge(
    live ? clone(live) : {},
    cfgNoMeta,
    '',
    s,
  ) as KObject;

  const mine = entries.find(
    x => x.e.manager === opts.manager && x.e.operation === 'Apply',
  );
  if (mine) {
    const others: FieldSet = new Set();
    for (const { e, set } of entries)
      if (e !== mine.e) set.forEach(p => others.add(p));
    const dropped = [...mine.set].filter(p => !cfgSet.has(p) && !others.has(p));
    // remove deepest paths first so keyed items vanish cleanly
    dropped
      .sort((a, b) => b.length - a.length)
      .forEach(p => removePath(merged, p, s));
  }

  const out: ManagedFieldsEntry[] = [];
  const applyEntry: ManagedFieldsEntry = {
    manager: opts.manager,
    operation: 'Apply',
    apiVersion: opts.apiVersion,
    time: now(),
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(cfgSet),
  };
  let placed = false;
  for (const { e, set } of entries) {
    if (e === mine?.e) {
      out.push(applyEntry);
      placed = true;
      continue;
    }
    if (set.size) out.push({ ...e, fieldsV1: toFieldsV1(set) });
  }
  if (!placed) out.unshift(applyEntry);
  merged.metadata = { ...merged.metadata, managedFields: out };
  return merged;
}
