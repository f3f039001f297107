import type { Knex } from 'knex';
import { RUNS } from '../rows';

/**
 * Runs still `running` whose last heartbeat (their start, if they never sent one) is older than
 * the cutoff become failed: the process running them is gone. Optionally for one cluster only.
 */
export async function failStaleRuns(
  db: Knex,
  heartbeatBefore: Date,
  error: string,
  now: Date,
  cluster?: string,
): Promise<number> {
  const q = db(RUNS)
    .where({ status: 'running' })
    .where(stale =>
      stale
        .where('heartbeat_at', '<', heartbeatBefore)
        .orWhere(never =>
          never
            .whereNull('heartbeat_at')
            .where('started_at', '<', heartbeatBefore),
        ),
    );
  if (cluster !== undefined) q.where({ cluster });
  return q.update({ status: 'failed', error, finished_at: now });
}
