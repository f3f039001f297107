import { isObject } from '../util/types';

/**
 * Merge keys of the built-in list fields kubectl and clients touch, shared by strategic merge
 * patch, server-side apply and managedFields. Lists not listed here are atomic.
 */
const KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  imagePullSecrets: ['name'],
  conditions: ['type'],
  ownerReferences: ['uid'],
  hostAliases: ['ip'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
  resourceClaims: ['name'],
};

/** Primitive lists merged as sets by strategic merge patch. */
const SETS = new Set(['finalizers']);

export type ListKind =
  | { type: 'map'; keys: string[] }
  | { type: 'set' }
  | { type: 'atomic' };

export function listKind(
  field: string,
  items: unknown[],
  structured: boolean,
): ListKind {
  if (!structured) return { type: 'atomic' };
  if (SETS.has(field)) return { type: 'set' };
  if (field === 'ports') {
    const sample = items.find(isObject) as Record<string, unknown> | undefined;
    if (sample && 'containerPort' in sample)
      return { type: 'map', keys: ['containerPort', 'protocol'] };
    if (sample && 'port' in sample)
      return { type: 'map', keys: ['port', 'protocol'] };
    return { type: 'atomic' };
  }
  const keys = KEYS[field];
  return keys ? { type: 'map', keys } : { type: 'atomic' };
}

/** Strategic merge patch uses a single merge key per list. */
export function smpMergeKey(
  field: string,
  items: unknown[],
): string | undefined {
  if (field === 'ports') {
    const sample = items.find(isObject) as Record<string, unknown> | undefined;
    if (sample && 'containerPort' in sample) return 'containerPort';
    if (sample && 'port' in sample) return 'port';
    return undefined;
  }
  return KEYS[field]?.[0];
}

export function isSetList(field: string): boolean {
  return SETS.has(field);
}

export function itemKey(item: unknown, keys: string[]): string {
  if (!isObject(item)) return JSON.stringify(item);
  const o: Record<string, unknown> = {};
  for (const k of [...keys].sort()) {
    let v = item[k];
    if (v === undefined && k === 'protocol') v = 'TCP';
    if (v !== undefined) o[k] = v;
  }
  return JSON.stringify(o);
}
