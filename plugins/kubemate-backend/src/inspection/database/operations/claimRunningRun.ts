import { ConflictError, NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import { isPostgres } from '../dialect';
import { RunRow, RUNS } from '../rows';
import { assertRunId } from '../validation';

/**
 * The run, which must still be running. With `lock` (inside a transaction) its row stays locked
 * on PostgreSQL until the transaction ends, so two callers cannot both finish the same run.
 */
export async function claimRunningRun(
  db: Knex,
  runId: string,
  options?: { lock?: boolean },
): Promise<RunRow> {
  assertRunId(runId);
  let q = db<RunRow>(RUNS).where({ id: runId });
  if (options?.lock && isPostgres(db)) q = q.forUpdate();
  const run = await q.first();
  if (!run) throw new NotFoundError(`No inspection run with id ${runId}`);
  if (run.status !== 'running') {
    throw new ConflictError(
      `Inspection run ${runId} is ${run.status}, not running`,
    );
  }
  return run;
}
