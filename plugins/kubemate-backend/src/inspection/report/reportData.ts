import type { RunExecutionFailure } from '@kubemate/plugin-kubemate-common';
import { executionFailuresOfRuns, summaryScopeOf } from '../executionFailures';
import type {
  CurrentSummary,
  Finding,
  FindingFilter,
  FindingSort,
  InspectionStore,
  TrendPoint,
} from '../InspectionStore';

/** Rows drawn in the PDF's risk table; the CSV/JSON exports carry more. */
export const MAX_PDF_ROWS = 2_000;
/** Runs per trend line. */
const TREND_RUNS = 30;
/** Clusters drawn in the trend chart when the report spans the fleet. */
const MAX_TREND_CLUSTERS = 6;

export interface ReportTrendSeries {
  cluster: string;
  points: TrendPoint[];
}

/** Everything the PDF shows, read from the store before drawing starts. */
export interface ReportData {
  generatedAt: Date;
  /** `label: value` lines describing the filters. */
  scope: Array<[string, string]>;
  /** Scope of the summary figures (one cluster / namespace / entity, or wider). */
  summaryScope: string;
  summary: CurrentSummary;
  trends: ReportTrendSeries[];
  findings: Finding[];
  /** Findings matching the filters (the table may show fewer). */
  totalFindings: number;
  /** Checks of the latest runs that could not be evaluated, by rule and error (in scope). */
  executionFailures: RunExecutionFailure[];
}

const show = (v: string | string[] | undefined) =>
  Array.isArray(v) ? v.join(', ') : v;

/**
 * Reads the report's data: the current summary and score trend for the scope the filters name
 * (a single cluster / namespace / entity narrows them; lists widen them to the enclosing scope),
 * and the filtered risk items in the requested order.
 */
export async function loadReportData(options: {
  store: InspectionStore;
  clusters: string[];
  filter: FindingFilter;
  sort?: FindingSort[];
  maxRows?: number;
  now?: Date;
}): Promise<ReportData> {
  const { store, filter } = options;
  const maxRows = options.maxRows ?? MAX_PDF_ROWS;

  const { namespace, entityRef } = summaryScopeOf(filter);
  const summaryScopeParts = [
    filter.cluster ? `cluster ${filter.cluster}` : 'all clusters',
    ...(namespace ? [`namespace ${namespace}`] : []),
    ...(entityRef ? [`entity ${entityRef}`] : []),
  ];

  const findings: Finding[] = [];
  let totalFindings = 0;
  while (findings.length < maxRows) {
    const page = await store.listFindings(filter, options.sort, {
      limit: Math.min(500, maxRows - findings.length),
      offset: findings.length,
      includeHistory: false,
    });
    totalFindings = page.total;
    findings.push(...page.items);
    if (page.items.length === 0 || findings.length >= page.total) break;
  }

  const trendClusters = (
    filter.cluster ? [filter.cluster] : options.clusters
  ).slice(0, MAX_TREND_CLUSTERS);
  const [summary, ...trends] = await Promise.all([
    store.currentSummary({ cluster: filter.cluster, namespace, entityRef }),
    ...trendClusters.map(async cluster => ({
      cluster,
      points: await store.trend({
        cluster,
        namespace,
        entityRef,
        limit: TREND_RUNS,
      }),
    })),
  ]);

  const scope: Array<[string, string]> = [];
  const add = (label: string, value: string | string[] | undefined) => {
    const s = show(value);
    if (s) scope.push([label, s]);
  };
  add('Cluster', filter.cluster ?? 'all clusters');
  add('Namespace', filter.namespace);
  add('Entity', filter.entityRef);
  add('Kind', filter.kind);
  add('Severity', filter.severity);
  add('State', filter.state);
  add('Rule', filter.ruleId);
  add('Category', filter.category);
  add('Search', filter.search);
  if (options.sort?.length) {
    add(
      'Sorted by',
      options.sort.map(s => `${s.field} ${s.order ?? 'asc'}`).join(', '),
    );
  }

  // Execution failures are kept per run: those of the runs the summary is based on.
  const executionFailures = await executionFailuresOfRuns(
    store,
    (summary as CurrentSummary).runIds,
    namespace,
  );

  return {
    generatedAt: options.now ?? new Date(),
    scope,
    summaryScope: summaryScopeParts.join(', '),
    summary: summary as CurrentSummary,
    trends: (trends as ReportTrendSeries[]).filter(t => t.points.length > 0),
    findings,
    totalFindings,
    executionFailures,
  };
}
