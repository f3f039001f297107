import type { Knex } from 'knex';
import { chunks, WHERE_IN_CHUNK } from '../limits';
import { INGESTS, RUN_STATS, RUNS } from '../rows';
import { latestRunIds } from './latestRunIds';

/**
 * Deletes finished runs started before the cutoff, with their aggregates and ingest digests,
 * except the latest succeeded run of each (cluster, source). Findings and transitions stay.
 */
export async function pruneRuns(
  db: Knex,
  startedBefore: Date,
): Promise<number> {
  const keep = new Set(await latestRunIds(db));
  const rows: Array<{ id: string }> = await db(RUNS)
    .whereIn('status', ['succeeded', 'failed'])
    .where('started_at', '<', startedBefore)
    .select('id');
  const ids = rows.map(r => r.id).filter(id => !keep.has(id));
  await db.transaction(async trx => {
    for (const part of chunks(ids, WHERE_IN_CHUNK)) {
      await trx(RUN_STATS).whereIn('run_id', part).delete();
      await trx(INGESTS).whereIn('run_id', part).delete();
      await trx(RUNS).whereIn('id', part).delete();
    }
  });
  return ids.length;
}
