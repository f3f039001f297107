import { clone, deepEqual } from '../util/objects';
import { isObject } from '../util/types';

export class JsonPatchError extends Error {}

interface Op {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function parsePointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) throw new JsonPatchError(`invalid path ${p}`);
  return p
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(doc: unknown, segs: string[]): unknown {
  let cur = doc;
  for (const s of segs) {
    if (Array.isArray(cur)) {
      const i = Number(s);
      if (!Number.isInteger(i) || i < 0 || i >= cur.length)
        throw new JsonPatchError('missing');
      cur = cur[i];
    } else if (isObject(cur)) {
      if (!(s in cur)) throw new JsonPatchError('missing');
      cur = cur[s];
    } else throw new JsonPatchError('missing');
  }
  return cur;
}

function parentOf(
  doc: unknown,
  segs: string[],
): { parent: unknown; key: string } {
  if (segs.length === 0) throw new JsonPatchError('root');
  return { parent: getAt(doc, segs.slice(0, -1)), key: segs[segs.length - 1] };
}

function add(doc: unknown, segs: string[], value: unknown): unknown {
  if (segs.length === 0) return value;
  const { parent, key } = parentOf(doc, segs);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(i) || i < 0 || i > parent.length)
      throw new JsonPatchError('index');
    parent.splice(i, 0, value);
  } else if (isObject(parent)) parent[key] = value;
  else throw new JsonPatchError('parent');
  return doc;
}

function remove(doc: unknown, segs: string[]): unknown {
  const { parent, key } = parentOf(doc, segs);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length)
      throw new JsonPatchError('index');
    parent.splice(i, 1);
  } else if (isObject(parent)) {
    if (!(key in parent)) throw new JsonPatchError('missing');
    delete parent[key];
  } else throw new JsonPatchError('parent');
  return doc;
}

/** RFC 6902 JSON patch. Throws JsonPatchError on any failing operation. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops))
    throw new TypeError(
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  let doc = clone(target);
  for (const raw of ops as Op[]) {
    if (!isObject(raw)) throw new JsonPatchError('bad op');
    const segs = parsePointer(String(raw.path ?? ''));
    switch (raw.op) {
      case 'add':
        doc = add(doc, segs, clone(raw.value));
        break;
      case 'remove':
        doc = remove(doc, segs);
        break;
      case 'replace':
        getAt(doc, segs);
        if (segs.length === 0) doc = clone(raw.value);
        else {
          doc = remove(doc, segs);
          doc = add(doc, segs, clone(raw.value));
        }
        break;
      case 'move': {
        const from = parsePointer(String(raw.from ?? ''));
        const v = getAt(doc, from);
        doc = remove(doc, from);
        doc = add(doc, segs, v);
        break;
      }
      case 'copy':
        doc = add(
          doc,
          segs,
          clone(getAt(doc, parsePointer(String(raw.from ?? '')))),
        );
        break;
      case 'test':
        if (!deepEqual(getAt(doc, segs), raw.value))
          throw new JsonPatchError('test failed');
        break;
      default:
        throw new JsonPatchError(`unknown op ${raw.op}`);
    }
  }
  return doc;
}
