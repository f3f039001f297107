import { clone } from '../util/objects';
import { isObject } from '../util/types';

/** RFC 7386 JSON merge patch: maps merge, null deletes, lists are replaced wholesale. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
