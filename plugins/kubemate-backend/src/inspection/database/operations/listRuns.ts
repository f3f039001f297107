import type { Knex } from 'knex';
import type { InspectionRun, RunStatus } from '../../InspectionStore';
import { clampLimit } from '../limits';
import { rowToRun } from '../mapRows';
import { RunRow, RUNS } from '../rows';

/** Runs, newest first, with the total that matches the filter. */
export async function listRuns(
  db: Knex,
  options?: {
    cluster?: string;
    status?: RunStatus;
    limit?: number;
    offset?: number;
  },
): Promise<{ items: InspectionRun[]; total: number }> {
  const base = db<RunRow>(RUNS);
  if (options?.cluster) base.where({ cluster: options.cluster });
  if (options?.status) base.where({ status: options.status });
  const [{ count }] = await base.clone().count({ count: '*' });
  const rows = await base
    .select()
    .orderBy([
      { column: 'started_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(clampLimit(options?.limit, 50))
    .offset(Math.max(0, options?.offset ?? 0));
  return { items: rows.map(rowToRun), total: Number(count) };
}
