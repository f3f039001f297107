import { NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import type { InspectionRun } from '../../InspectionStore';
import { rowToRun } from '../mapRows';
import { RunRow, RUNS } from '../rows';
import { assertRunId } from '../validation';

export async function getRun(db: Knex, runId: string): Promise<InspectionRun> {
  assertRunId(runId);
  const row = await db<RunRow>(RUNS).where({ id: runId }).first();
  if (!row) throw new NotFoundError(`No inspection run with id ${runId}`);
  return rowToRun(row);
}
