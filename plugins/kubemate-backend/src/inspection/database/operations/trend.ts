import {
  scoreFromCounts,
  SEVERITIES,
  Severity,
  SeverityCounts,
} from '@kubemate/plugin-kubemate-node';
import type { Knex } from 'knex';
import type {
  InspectionRun,
  TrendOptions,
  TrendPoint,
} from '../../InspectionStore';
import { clampLimit } from '../limits';
import { rowToRun } from '../mapRows';
import { FINDINGS, RunRow, RUN_STATS, RUNS, TRANSITIONS } from '../rows';
import { emptyCounts } from './currentSummary';

type DbCount = number | string | null;

function trendBase(run: InspectionRun) {
  return {
    runId: run.id,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    profile: run.profile,
    source: run.source,
  };
}

/** The latest succeeded runs of a cluster, oldest first: of the whole cluster or one scope. */
export async function trend(
  db: Knex,
  options: TrendOptions,
): Promise<TrendPoint[]> {
  const rows: RunRow[] = await db(RUNS)
    .where({ cluster: options.cluster, status: 'succeeded' })
    .orderBy([
      { column: 'started_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(clampLimit(options.limit, 30));
  const runs = rows.reverse().map(rowToRun);
  if (options.namespace === undefined && options.entityRef === undefined) {
    return runs.map(run => {
      const s = run.summary!;
      return {
        ...trendBase(run),
        total: s.total,
        passed: s.passed,
        failed: s.failed,
        errors: s.errors,
        passRate: s.passRate,
        score: s.score,
        failedBySeverity: s.failedBySeverity,
        newFindings: s.newFindings + s.reopenedFindings,
        fixedFindings: s.fixedFindings,
      };
    });
  }
  return scopedTrend(db, runs, options);
}

/** Trend of a namespace or entity: from the per-run aggregates and the run's transitions. */
async function scopedTrend(
  db: Knex,
  runs: InspectionRun[],
  scope: TrendOptions,
): Promise<TrendPoint[]> {
  if (runs.length === 0) return [];
  const ids = runs.map(r => r.id);
  const stats = db(RUN_STATS)
    .whereIn('run_id', ids)
    .select('run_id', 'severity')
    .sum({ passed: 'passed', failed: 'failed', errors: 'errors' })
    .groupBy('run_id', 'severity');
  const moves = db(`${TRANSITIONS} as t`)
    .join(`${FINDINGS} as f`, 'f.fingerprint', 't.fingerprint')
    .whereIn('t.run_id', ids)
    .select('t.run_id as run_id', 't.to_state as to_state')
    .count({ count: '*' })
    .groupBy('t.run_id', 't.to_state');
  if (scope.namespace !== undefined) {
    stats.where('namespace', scope.namespace);
    moves.where('f.namespace', scope.namespace);
  }
  if (scope.entityRef !== undefined) {
    stats.where('entity_ref', scope.entityRef);
    moves.where('f.entity_ref', scope.entityRef);
  }
  const byRun = new Map(
    ids.map(id => [
      id,
      {
        passed: emptyCounts(),
        failed: emptyCounts() as SeverityCounts,
        errors: 0,
        new: 0,
        fixed: 0,
      },
    ]),
  );
  for (const row of (await stats) as unknown as Array<{
    run_id: string;
    severity: Severity;
    passed: DbCount;
    failed: DbCount;
    errors: DbCount;
  }>) {
    const agg = byRun.get(row.run_id)!;
    if (SEVERITIES.includes(row.severity)) {
      agg.passed[row.severity] += Number(row.passed ?? 0);
      agg.failed[row.severity] += Number(row.failed ?? 0);
    }
    agg.errors += Number(row.errors ?? 0);
  }
  for (const row of (await moves) as unknown as Array<{
    run_id: string;
    to_state: string;
    count: number | string;
  }>) {
    const agg = byRun.get(row.run_id)!;
    if (row.to_state === 'new' || row.to_state === 'reopened')
      agg.new += Number(row.count);
    if (row.to_state === 'fixed') agg.fixed += Number(row.count);
  }
  return runs.map(run => {
    const agg = byRun.get(run.id)!;
    return {
      ...trendBase(run),
      ...scoreFromCounts(agg.passed, agg.failed),
      errors: agg.errors,
      failedBySeverity: agg.failed,
      newFindings: agg.new,
      fixedFindings: agg.fixed,
    };
  });
}
