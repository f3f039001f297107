import type { Knex } from 'knex';
import { RUNS } from '../rows';

/** Runs still `running` that started before the cutoff (their process is gone) become failed. */
export async function failStaleRuns(
  db: Knex,
  startedBefore: Date,
  error: string,
  now: Date,
): Promise<number> {
  return db(RUNS)
    .where({ status: 'running' })
    .where('started_at', '<', startedBefore)
    .update({ status: 'failed', error, finished_at: now });
}
