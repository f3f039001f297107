import type { Knex } from 'knex';
import type { RunCoverage, RunSummary } from '../../InspectionStore';
import { RUNS } from '../rows';

/** Marks a reconciled run succeeded, with its summary and what it covered. */
export async function finishRun(
  db: Knex,
  runId: string,
  outcome: {
    summary: RunSummary;
    coverage: RunCoverage;
    results: number;
    now: Date;
  },
): Promise<void> {
  await db(RUNS)
    .where({ id: runId })
    .update({
      status: 'succeeded',
      finished_at: outcome.now,
      summary: JSON.stringify(outcome.summary),
      coverage: JSON.stringify(outcome.coverage),
      progress_total: outcome.results,
      progress_done: outcome.results,
    });
}
