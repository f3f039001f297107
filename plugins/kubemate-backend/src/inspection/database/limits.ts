import { InputError } from '@backstage/errors';

/** Rows per multi-row insert: stays far below SQLite's 32766 and PostgreSQL's 65535 bind variables. */
export const INSERT_CHUNK = 500;
/** Fingerprints per `where in` statement. */
export const WHERE_IN_CHUNK = 5000;
/** Rows per JSON chunk on PostgreSQL (each chunk is one JSON text: a few MB at 5,000 rows). */
export const PG_JSON_CHUNK = 1000;
/** Largest page any list returns. */
export const MAX_PAGE = 1000;

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/** A page size from the caller: positive, capped at {@link MAX_PAGE}. */
export function clampLimit(
  limit: number | undefined,
  fallback: number,
): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1)
    throw new InputError('limit must be a positive integer');
  return Math.min(limit, MAX_PAGE);
}
