import type { Knex } from 'knex';
import { IngestRow, INGESTS } from '../rows';

/** The run that stored a report with this digest, if one did. */
export async function findIngestedRun(
  db: Knex,
  digest: string,
): Promise<string | undefined> {
  const row = await db<IngestRow>(INGESTS).where({ digest }).first();
  return row?.run_id;
}

/**
 * Claims a report's digest for a run. Done first in the ingest transaction: a concurrent ingest
 * of the same report fails on the primary key and rolls back.
 */
export async function recordIngestDigest(
  db: Knex,
  row: IngestRow,
): Promise<void> {
  await db(INGESTS).insert(row);
}
