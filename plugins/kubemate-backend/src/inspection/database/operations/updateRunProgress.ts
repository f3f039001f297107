import type { Knex } from 'knex';
import type { RunProgress } from '../../InspectionStore';
import { RUNS } from '../rows';
import { claimRunningRun } from './claimRunningRun';

/** Progress of a running run; a run that is unknown or over is an error. */
export async function updateRunProgress(
  db: Knex,
  runId: string,
  progress: RunProgress,
): Promise<void> {
  const patch: Record<string, unknown> = {};
  if (progress.total !== undefined) patch.progress_total = progress.total;
  if (progress.done !== undefined) patch.progress_done = progress.done;
  if (progress.message !== undefined) patch.progress_message = progress.message;
  if (Object.keys(patch).length === 0) return;
  const n = await db(RUNS)
    .where({ id: runId, status: 'running' })
    .update(patch);
  // Nothing updated: say why (unknown run or not running).
  if (n === 0) await claimRunningRun(db, runId);
}
