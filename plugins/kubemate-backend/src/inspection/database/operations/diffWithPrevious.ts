import type { Knex } from 'knex';
import type { RunDiff } from '../../InspectionStore';
import { rowToFinding } from '../mapRows';
import { FindingRow, RunRow, RUNS, FINDINGS, TRANSITIONS } from '../rows';
import { getRun } from './getRun';

/** Findings a run diff lists unless asked for more (up to the contract's maximum). */
export const DEFAULT_RUN_DIFF_LIMIT = 1000;

/** What a run changed: findings it found (new, or back after a fix) and findings it fixed. */
export async function diffWithPrevious(
  db: Knex,
  runId: string,
  options: { limit?: number } = {},
): Promise<RunDiff> {
  const limit = options.limit ?? DEFAULT_RUN_DIFF_LIMIT;
  const run = await getRun(db, runId);
  const previous = await db<RunRow>(RUNS)
    .where({ cluster: run.cluster, source: run.source, status: 'succeeded' })
    .where('started_at', '<', run.startedAt)
    .orderBy('started_at', 'desc')
    .first('id');
  const rows: Array<FindingRow & { transition_to: string }> = await db(
    `${TRANSITIONS} as t`,
  )
    .join(`${FINDINGS} as f`, 'f.fingerprint', 't.fingerprint')
    .where('t.run_id', runId)
    .where(b =>
      b
        .where('t.to_state', 'fixed')
        .orWhere('t.to_state', 'new')
        .orWhere(c =>
          c.where('t.to_state', 'reopened').whereNot('t.from_state', 'ignored'),
        ),
    )
    .select('f.*', 't.to_state as transition_to')
    .orderBy('t.id', 'asc')
    .limit(limit + 1);
  const diff: RunDiff = {
    runId,
    previousRunId: previous?.id,
    new: [],
    fixed: [],
  };
  if (rows.length > limit) {
    diff.truncated = true;
    rows.length = limit;
  }
  for (const row of rows) {
    (row.transition_to === 'fixed' ? diff.fixed : diff.new).push(
      rowToFinding(row),
    );
  }
  return diff;
}
