import type { Knex } from 'knex';
import { RUNS } from '../rows';
import { claimRunningRun } from './claimRunningRun';

/** Ends a running run as failed; its findings are left as they were. */
export async function failRun(
  db: Knex,
  runId: string,
  error: string,
  now: Date,
): Promise<void> {
  await db.transaction(async trx => {
    await claimRunningRun(trx, runId, { lock: true });
    await trx(RUNS)
      .where({ id: runId })
      .update({
        status: 'failed',
        error: error || 'unknown error',
        finished_at: now,
      });
  });
}
