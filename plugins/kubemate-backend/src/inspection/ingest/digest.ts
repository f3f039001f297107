import { createHash } from 'node:crypto';

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * JSON with object keys sorted at every level and no whitespace, so the same report serialized
 * differently (key order, indentation) gets the same digest.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // undefined (absent) values never reach here through objects; treat them as null.
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map(v => canonicalJson(v === undefined ? null : v))
      .join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => compareCodeUnits(a, b));
  return `{${entries
    .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
    .join(',')}}`;
}

/** sha256 (hex) of the canonical form of a report, scoped to the cluster and source it is ingested for. */
export function reportDigest(
  source: string,
  cluster: string,
  report: unknown,
): string {
  return createHash('sha256')
    .update(canonicalJson({ source, cluster, report }))
    .digest('hex');
}
