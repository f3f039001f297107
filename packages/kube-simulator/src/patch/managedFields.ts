import { deepEqual, now } from '../util/objects';
import {
  JsonObject,
  KObject,
  ManagedFieldsEntry,
  isObject,
} from '../util/types';
import { itemKey, listKind } from './listKeys';

/** A field set: paths like `f:spec\nf:replicas`; a non-leaf path present means "owns the node itself" ('.'). */
export type FieldSet = Set<string>;

const SEP = '\n';
// Required (non-omitempty) structs serialize without '.' in real managedFields.
const NO_DOT = new Set([
  'metadata',
  'spec',
  'template',
  'status',
  'strategy',
  'containers',
  'roleRef',
  'updateStrategy',
]);
const IGNORED_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
]);

function isAtomicStruct(field: string, v: Record<string, unknown>): boolean {
  return (
    field === 'selector' && ('matchLabels' in v || 'matchExpressions' in v)
  );
}

export function fieldSetOf(
  obj: unknown,
  structured: boolean,
  opts: { skipStatus?: boolean; onlyStatus?: boolean } = {},
): FieldSet {
  const set: FieldSet = new Set();
  const walk = (v: unknown, path: string, field: string, depth: number) => {
    if (isObject(v)) {
      const keys = Object.keys(v).filter(k => v[k] !== undefined);
      if (keys.length === 0 || isAtomicStruct(field, v)) {
        if (path) set.add(path);
        return;
      }
      if (path && (!structured ? true : !NO_DOT.has(field))) set.add(path);
      for (const k of keys) {
        if (depth === 0) {
          if (k === 'apiVersion' || k === 'kind') continue;
          if (opts.skipStatus && k === 'status') continue;
          if (opts.onlyStatus && k !== 'status') continue;
        }
        if (depth === 1 && path === 'f:metadata' && IGNORED_META.has(k))
          continue;
        walk(v[k], path ? `${path}${SEP}f:${k}` : `f:${k}`, k, depth + 1);
      }
      return;
    }
    if (Array.isArray(v)) {
      const lk = listKind(field, v, structured);
      if (lk.type === 'atomic' || v.length === 0) {
        set.add(path);
        return;
      }
      set.add(path);
      for (const item of v) {
        if (lk.type === 'set')
          set.add(`${path}${SEP}v:${JSON.stringify(item)}`);
        else {
          const ip = `${path}${SEP}k:${itemKey(item, lk.keys)}`;
          set.add(ip);
          if (isObject(item)) {
            for (const k of Object.keys(item))
              walk(item[k], `${ip}${SEP}f:${k}`, k, depth + 2);
          }
        }
      }
      return;
    }
    if (path) set.add(path);
  };
  walk(obj, '', '', 0);
  // metadata is only present when something under it is owned
  return set;
}

export function toFieldsV1(set: FieldSet): JsonObject {
  const root: JsonObject = {};
  const sorted = [...set].sort();
  for (const p of sorted) {
    const segs = p.split(SEP);
    let cur = root;
    for (const s of segs) {
      if (!isObject(cur[s])) cur[s] = {};
      cur = cur[s] as JsonObject;
    }
  }
  // mark nodes that are themselves members and have children with "."
  for (const p of sorted) {
    const segs = p.split(SEP);
    let cur: JsonObject = root;
    for (const s of segs) cur = cur[s] as JsonObject;
    if (Object.keys(cur).some(k => k !== '.')) cur['.'] = {};
  }
  return sortDeep(root);
}

function sortDeep(o: JsonObject): JsonObject {
  const out: JsonObject = {};
  // "." first, then byte order like Go's sort.Strings
  const keys = Object.keys(o).sort((a, b) => {
    if (a === '.') return -1;
    if (b === '.') return 1;
    if (a === b) return 0;
    return a < b ? -1 : 1;
  });
  for (const k of keys)
    out[k] = sortDeep(o[k] as JsonObject) as JsonObject[string];
  return out;
}

export function fromFieldsV1(f: JsonObject | undefined): FieldSet {
  const set: FieldSet = new Set();
  const walk = (node: JsonObject, path: string) => {
    const keys = Object.keys(node);
    if (keys.length === 0 || keys.includes('.')) {
      if (path) set.add(path);
    }
    for (const k of keys) {
      if (k === '.') continue;
      walk(node[k] as JsonObject, path ? `${path}${SEP}${k}` : k);
    }
  };
  if (f) walk(f, '');
  return set;
}

/** Value at a field path, or undefined. */
export function valueAt(
  obj: unknown,
  path: string,
  structured: boolean,
): unknown {
  let cur: unknown = obj;
  let field = '';
  for (const seg of path.split(SEP)) {
    if (seg.startsWith('f:')) {
      field = seg.slice(2);
      if (!isObject(cur)) return undefined;
      cur = cur[field];
    } else if (seg.startsWith('k:')) {
      if (!Array.isArray(cur)) return undefined;
      const lk = listKind(field, cur, structured);
      if (lk.type !== 'map') return undefined;
      const want = seg.slice(2);
      cur = cur.find(it => itemKey(it, lk.keys) === want);
    } else if (seg.startsWith('v:')) {
      if (!Array.isArray(cur)) return undefined;
      const want = seg.slice(2);
      cur = cur.find(it => JSON.stringify(it) === want);
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

export function isLeafPath(set: FieldSet, path: string): boolean {
  const prefix = path + SEP;
  for (const p of set) if (p.startsWith(prefix)) return false;
  return true;
}

/** Derives the field manager name the way the apiserver does from a User-Agent. */
export function managerFromUserAgent(ua: string | undefined): string {
  if (!ua) return 'unknown';
  const first = ua.split('/')[0].trim();
  return first || 'unknown';
}

export interface OwnershipContext {
  manager: string;
  apiVersion: string;
  structured: boolean;
  subresource?: string;
}

/** Recomputes managedFields after an Update-style write. */
export function updateManagedFields(
  prev: KObject | undefined,
  next: KObject,
  ctx: OwnershipContext,
): ManagedFieldsEntry[] {
  const onlyStatus = ctx.subresource === 'status';
  const newSet = fieldSetOf(next, ctx.structured);
  const oldSet = prev ? fieldSetOf(prev, ctx.structured) : new Set<string>();
  const changed = new Set<string>();
  for (const p of newSet) {
    if (!oldSet.has(p)) changed.add(p);
    else if (
      isLeafPath(newSet, p) &&
      !deepEqual(
        valueAt(prev, p, ctx.structured),
        valueAt(next, p, ctx.structured),
      )
    )
      changed.add(p);
  }
  const entries: ManagedFieldsEntry[] = [];
  let mine: FieldSet | undefined;
  for (const e of prev?.metadata.managedFields ?? []) {
    const s = fromFieldsV1(e.fieldsV1);
    const isMe =
      e.manager === ctx.manager &&
      e.operation === 'Update' &&
      (e.subresource ?? '') === (ctx.subresource ?? '');
    if (isMe) {
      mine = s;
      continue;
    }
    for (const p of [...s]) if (changed.has(p) || !newSet.has(p)) s.delete(p);
    if (s.size) entries.push({ ...e, fieldsV1: toFieldsV1(s) });
  }
  const my = new Set<string>();
  for (const p of mine ?? []) if (newSet.has(p)) my.add(p);
  for (const p of changed) my.add(p);
  if (onlyStatus) {
    for (const p of [...my])
      if (!p.startsWith('f:status') && !mine?.has(p)) my.delete(p);
  }
  if (my.size) {
    const entry: ManagedFieldsEntry = {
      manager: ctx.manager,
      operation: 'Update',
      apiVersion: ctx.apiVersion,
      time: now(),
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(my),
    };
    if (ctx.subresource) entry.subresource = ctx.subresource;
    const idx =
      prev?.metadata.managedFields?.findIndex(
        e => e.manager === ctx.manager && e.operation === 'Update',
      ) ?? -1;
    if (idx >= 0 && idx <= entries.length) entries.splice(idx, 0, entry);
    else entries.push(entry);
  }
  return entries;
}
