import {
  scoreFromCounts,
  SEVERITIES,
  Severity,
  SeverityCounts,
} from '@kubemate/plugin-kubemate-node';
import type { Knex } from 'knex';
import {
  ACTIVE_STATES,
  CurrentSummary,
  FINDING_STATES,
  FindingState,
  SummaryScope,
} from '../../InspectionStore';
import { FINDINGS, RUN_STATS } from '../rows';
import { latestRunIds } from './latestRunIds';

export const emptyCounts = (): SeverityCounts => ({
  high: 0,
  medium: 0,
  low: 0,
});

/** Sums that come back as strings on PostgreSQL (bigint) and numbers on SQLite. */
type DbCount = number | string | null;

/**
 * Today's figures of a cluster, namespace or entity: the checks of the latest run of each
 * (cluster, source) scored with the one health-score formula, and the risk items by state.
 */
export async function currentSummary(
  db: Knex,
  scope: SummaryScope = {},
): Promise<CurrentSummary> {
  const runIds = await latestRunIds(db, scope.cluster);
  const passed = emptyCounts();
  let errors = 0;
  let skipped = 0;
  if (runIds.length > 0) {
    const q = db(RUN_STATS)
      .whereIn('run_id', runIds)
      .select('severity')
      .sum({ passed: 'passed', errors: 'errors', skipped: 'skipped' })
      .groupBy('severity');
    if (scope.namespace !== undefined) q.where('namespace', scope.namespace);
    if (scope.entityRef !== undefined) q.where('entity_ref', scope.entityRef);
    const statRows = (await q) as unknown as Array<{
      severity: Severity;
      passed: DbCount;
      errors: DbCount;
      skipped: DbCount;
    }>;
    for (const row of statRows) {
      if (SEVERITIES.includes(row.severity)) {
        passed[row.severity] += Number(row.passed ?? 0);
      }
      errors += Number(row.errors ?? 0);
      skipped += Number(row.skipped ?? 0);
    }
  }
  const fq = db(FINDINGS)
    .select('state', 'severity')
    .count({ count: '*' })
    .groupBy('state', 'severity');
  if (scope.cluster) fq.where('cluster', scope.cluster);
  if (scope.namespace !== undefined) fq.where('namespace', scope.namespace);
  if (scope.entityRef !== undefined) fq.where('entity_ref', scope.entityRef);
  const risks = emptyCounts();
  const byState = Object.fromEntries(FINDING_STATES.map(s => [s, 0])) as Record<
    FindingState,
    number
  >;
  const findingRows = (await fq) as unknown as Array<{
    state: FindingState;
    severity: Severity;
    count: number | string;
  }>;
  for (const row of findingRows) {
    const n = Number(row.count);
    byState[row.state] += n;
    if (
      ACTIVE_STATES.includes(row.state) &&
      SEVERITIES.includes(row.severity)
    ) {
      risks[row.severity] += n;
    }
  }
  return {
    scope,
    runIds,
    ...scoreFromCounts(passed, risks),
    errors,
    skipped,
    risksBySeverity: risks,
    byState,
    ignored: byState.ignored,
  };
}
