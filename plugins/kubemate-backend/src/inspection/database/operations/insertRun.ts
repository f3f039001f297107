import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import { NewRunRow, RUNS } from '../rows';

/** The partial unique index that admits one running engine run per cluster. */
const ONE_RUNNING = 'kubemate_insp_runs_one_running_idx';

/** PostgreSQL names the index; SQLite names the column of the partial unique index. */
function isOneRunningViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { constraint, message } = e as {
    constraint?: unknown;
    message?: unknown;
  };
  return (
    constraint === ONE_RUNNING ||
    (typeof message === 'string' &&
      message.includes(`UNIQUE constraint failed: ${RUNS}.cluster`))
  );
}

/**
 * Records a run that starts now (status running). The database admits one running engine run
 * per cluster, whichever replica asks: a second one is a ConflictError naming the first.
 */
export async function insertRun(db: Knex, row: NewRunRow): Promise<void> {
  try {
    await db(RUNS).insert(row);
  } catch (e) {
    if (!isOneRunningViolation(e)) throw e;
    const running = await db(RUNS)
      .where({ cluster: row.cluster, status: 'running', source: 'engine' })
      .first('id');
    throw new ConflictError(
      `a run is already in progress for cluster '${row.cluster}'${
        running ? ` (${running.id})` : ''
      }`,
    );
  }
}
