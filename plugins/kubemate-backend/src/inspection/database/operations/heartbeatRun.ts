import type { Knex } from 'knex';
import { RUNS } from '../rows';
import { assertRunId } from '../validation';

/**
 * The running replica's sign of life. False when the run is no longer running (another replica
 * failed it as stale, or it ended): its owner should stop working on it.
 */
export async function heartbeatRun(
  db: Knex,
  runId: string,
  now: Date,
): Promise<boolean> {
  assertRunId(runId);
  const n = await db(RUNS)
    .where({ id: runId, status: 'running' })
    .update({ heartbeat_at: now });
  return n === 1;
}
