import { z } from 'zod';
import {
  isoDateTimeSchema,
  itemsOf,
  nameSchema,
  pageOf,
  queryInt,
  queryList,
} from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import { OBSERVABILITY_LINK_KINDS } from '../observability/types';
import {
  kubemateInspectionIngestPermission,
  kubemateInspectionReadPermission,
  kubemateInspectionRunPermission,
  kubemateRiskIgnorePermission,
} from '../permissions';
import type { InspectionProfile } from './profiles';
import type { CurrentSummary, RunProgress, RunSummary } from './summaries';
import {
  FINDING_SORT_FIELDS,
  FINDING_STATES,
  IGNORE_REASONS,
  RULE_CATEGORIES,
  RUN_SOURCES,
  RUN_STATUSES,
  RUN_TRIGGERS,
  SEVERITIES,
} from './vocabulary';

// ---- Wire types: times are ISO strings. -------------------------------------------------

/** A rule (or black-box probe) as listed by `GET /inspection/rules`. */
export const inspectionRuleSchema = z
  .object({
    id: z.string(),
    version: z.string(),
    title: z.string(),
    category: z.string(),
    severity: z.enum(SEVERITIES),
    description: z.string(),
    remediation: z.string(),
    fix: z.string().optional(),
    docs: z.string().optional(),
    pack: z.string().optional(),
    kinds: z.array(z.string()),
    params: z.record(z.string(), z.unknown()),
    tags: z.array(z.string()).optional(),
  })
  .describe('InspectionRule');
export type InspectionRule = z.infer<typeof inspectionRuleSchema>;

export const inspectionRunSchema = z
  .object({
    id: z.string(),
    cluster: z.string(),
    profile: z.string(),
    trigger: z.enum(RUN_TRIGGERS),
    source: z.enum(RUN_SOURCES),
    status: z.enum(RUN_STATUSES),
    requestedBy: z.string().optional(),
    startedAt: isoDateTimeSchema,
    finishedAt: isoDateTimeSchema.optional(),
    error: z.string().optional(),
    progress: z.custom<RunProgress>().describe('RunProgress'),
    summary: z.custom<RunSummary>().describe('RunSummary').optional(),
  })
  .describe('InspectionRun');
export type InspectionRun = z.infer<typeof inspectionRunSchema>;

/** A change of a finding's state. */
export const findingTransitionSchema = z.object({
  id: z.number().int(),
  fingerprint: z.string(),
  from: z.enum(FINDING_STATES).optional(),
  to: z.enum(FINDING_STATES),
  actor: z.string(),
  at: isoDateTimeSchema,
  runId: z.string().optional(),
  reason: z.string().optional(),
  comment: z.string().optional(),
});
export type FindingTransition = z.infer<typeof findingTransitionSchema>;

export const findingIgnoredSchema = z.object({
  reason: z.enum(IGNORE_REASONS),
  comment: z.string().optional(),
  by: z.string(),
  at: isoDateTimeSchema,
  until: isoDateTimeSchema.optional(),
});
export type FindingIgnored = z.infer<typeof findingIgnoredSchema>;

/** What the rule says, added to findings by the API. */
export const findingRuleSchema = z.object({
  title: z.string(),
  description: z.string(),
  remediation: z.string(),
  fix: z.string().optional(),
  docs: z.string().optional(),
});

/** A link to where the affected workload is observed (dashboards, logs, traces). */
export const findingLinkSchema = z.object({
  title: z.string(),
  kind: z.enum(OBSERVABILITY_LINK_KINDS),
  url: z.string(),
});

/** A risk item: one rule failing on one resource, with its lifecycle. */
export const findingSchema = z
  .object({
    fingerprint: z.string(),
    cluster: z.string(),
    ruleId: z.string(),
    ruleVersion: z.string().optional(),
    source: z.enum(RUN_SOURCES),
    title: z.string(),
    severity: z.enum(SEVERITIES),
    category: z.enum(RULE_CATEGORIES),
    resource: z.object({
      kind: z.string(),
      apiVersion: z.string().optional(),
      namespace: z.string().optional(),
      name: z.string(),
      container: z.string().optional(),
      host: z.string().optional(),
    }),
    detail: z.string().optional(),
    entityRef: z.string().optional(),
    state: z.enum(FINDING_STATES),
    stateChangedAt: isoDateTimeSchema,
    firstSeenRunId: z.string(),
    firstSeenAt: isoDateTimeSchema,
    lastSeenRunId: z.string(),
    lastSeenAt: isoDateTimeSchema,
    timesSeen: z.number().int(),
    occurrences: z.number().int(),
    fixedAt: isoDateTimeSchema.optional(),
    fixedRunId: z.string().optional(),
    ignored: findingIgnoredSchema.optional(),
    message: z.string().optional(),
    observed: z.string().optional(),
    expected: z.string().optional(),
    remediation: z.string().optional(),
    fix: z.string().optional(),
    docs: z.string().optional(),
    /** Transitions, oldest first (in list results only when asked for). */
    history: z.array(findingTransitionSchema).optional(),
    /** Added by the API when the rule is known. */
    rule: findingRuleSchema.optional(),
    /** Added by the API: the workload's dashboards, logs, traces. */
    links: z.array(findingLinkSchema).optional(),
  })
  .describe('Finding');
export type Finding = z.infer<typeof findingSchema>;

/**
 * A rule that could not be evaluated in one of the runs the current figures are based on, per
 * rule and error, with the run's cluster: what the exports list beside the risk items (the UI
 * and the PDF show the same).
 */
export const runExecutionFailureSchema = z
  .object({
    cluster: z.string(),
    runId: z.string(),
    ruleId: z.string(),
    severity: z.enum(SEVERITIES),
    error: z.string(),
    count: z.number().int(),
    sample: z.object({
      kind: z.string(),
      namespace: z.string().optional(),
      name: z.string(),
      container: z.string().optional(),
      host: z.string().optional(),
    }),
  })
  .describe('RunExecutionFailure');
export type RunExecutionFailure = z.infer<typeof runExecutionFailureSchema>;

export const trendPointSchema = z
  .object({
    runId: z.string(),
    startedAt: isoDateTimeSchema,
    finishedAt: isoDateTimeSchema.optional(),
    profile: z.string(),
    source: z.enum(RUN_SOURCES),
    total: z.number(),
    passed: z.number(),
    failed: z.number(),
    errors: z.number(),
    passRate: z.number(),
    score: z.number(),
    failedBySeverity: z.object({
      high: z.number(),
      medium: z.number(),
      low: z.number(),
    }),
    newFindings: z.number(),
    fixedFindings: z.number(),
  })
  .describe('TrendPoint');
export type TrendPoint = z.infer<typeof trendPointSchema>;

export const runDiffSchema = z
  .object({
    runId: z.string(),
    previousRunId: z.string().optional(),
    /** New or reopened in this run. */
    new: z.array(findingSchema),
    /** Marked fixed by this run. */
    fixed: z.array(findingSchema),
    /** True when the run changed more findings than `limit`; only the first are listed. */
    truncated: z.boolean().optional(),
  })
  .describe('RunDiff');

/** Most findings one run diff lists (new and fixed together). */
export const MAX_RUN_DIFF_FINDINGS = 10_000;

export const runDiffQuerySchema = z.strictObject({
  /** Findings listed, new and fixed together; default 1,000. */
  limit: queryInt(1, MAX_RUN_DIFF_FINDINGS).optional(),
});
export type RunDiffQuery = z.infer<typeof runDiffQuerySchema>;
export type RunDiff = z.infer<typeof runDiffSchema>;

const currentSummarySchema = z
  .custom<CurrentSummary>()
  .describe('CurrentSummary');

/** A configured cluster with its latest run and current figures. */
export const inspectedClusterSchema = z
  .object({
    name: z.string(),
    title: z.string().optional(),
    profile: z.string(),
    /** Human-readable schedule, or absent when scheduled runs are off. */
    schedule: z.unknown().optional(),
    configError: z.string().optional(),
    latestRun: inspectionRunSchema.optional(),
    summary: currentSummarySchema,
  })
  .describe('InspectedCluster');
export type InspectedCluster = z.infer<typeof inspectedClusterSchema>;

/** An ingestion response lists at most this many ignored entries (`count` has them all). */
export const INGEST_IGNORED_LIMIT = 100;

/**
 * Part of a report that became no check result: a task that is not a check (its name has no
 * rule id), a handler, an event the format does not use. `host` is absent when it applies to
 * every host.
 */
export const ingestIgnoredSchema = z
  .object({
    task: z.string(),
    host: z.string().optional(),
    reason: z.string(),
  })
  .describe('IngestIgnored');
export type IngestIgnored = z.infer<typeof ingestIgnoredSchema>;

export const ingestResponseSchema = z
  .object({
    run: inspectionRunSchema,
    duplicate: z.boolean(),
    /** What the report held that became no result: all of it counted, the first `limit` listed. */
    ignored: z.object({
      count: z.number().int().nonnegative(),
      limit: z.number().int().positive(),
      items: z.array(ingestIgnoredSchema),
    }),
  })
  .describe('IngestResponse');
export type IngestResponse = z.infer<typeof ingestResponseSchema>;

// ---- Requests. ---------------------------------------------------------------------------
// Query types are the parsed values (lists as arrays, numbers as numbers): clients send them
// as text, the schemas turn text back into them.

/** Filters of the risk list; also the query of the CSV/JSON/PDF exports. */
export const findingFilterSchema = z.strictObject({
  cluster: nameSchema.optional(),
  severity: queryList(z.enum(SEVERITIES)).optional(),
  state: queryList(z.enum(FINDING_STATES)).optional(),
  ruleId: queryList(nameSchema).optional(),
  category: queryList(nameSchema).optional(),
  namespace: queryList(nameSchema).optional(),
  kind: queryList(nameSchema).optional(),
  entityRef: queryList(nameSchema).optional(),
  search: z.string().min(1).max(200).optional(),
  sort: z.enum(FINDING_SORT_FIELDS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
export type FindingFilter = z.infer<typeof findingFilterSchema>;

export const findingQuerySchema = findingFilterSchema.extend({
  limit: queryInt(1, 500).optional(),
  offset: queryInt(0, 10_000_000).optional(),
});
export type FindingQuery = z.infer<typeof findingQuerySchema>;

export const fingerprintParamsSchema = z.object({
  fingerprint: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'not a fingerprint'),
});
export const runParamsSchema = z.object({ id: z.uuid('not a run id') });

export const startRunBodySchema = z.strictObject({
  cluster: nameSchema,
  profile: nameSchema.optional(),
});
export type StartRunRequest = z.infer<typeof startRunBodySchema>;

export const runsQuerySchema = z.strictObject({
  cluster: nameSchema.optional(),
  status: z.enum(RUN_STATUSES).optional(),
  limit: queryInt(1, 200).optional(),
  offset: queryInt(0, 10_000_000).optional(),
});
export type RunsQuery = z.infer<typeof runsQuerySchema>;

export const ignoreBodySchema = z.strictObject({
  reason: z.enum(IGNORE_REASONS),
  comment: z.string().max(2000).optional(),
  /** ISO date (YYYY-MM-DD) or date-time in the future. */
  until: isoDateTimeSchema
    .or(z.iso.date())
    .transform(s => new Date(s))
    .refine(d => d.getTime() > Date.now(), 'must be in the future')
    .optional(),
});
export type IgnoreRequest = z.input<typeof ignoreBodySchema>;

export const summaryScopeSchema = z.strictObject({
  cluster: nameSchema.optional(),
  namespace: nameSchema.optional(),
  entityRef: nameSchema.optional(),
});

export const trendQuerySchema = summaryScopeSchema.extend({
  cluster: nameSchema,
  limit: queryInt(1, 365).optional(),
});
export type TrendQuery = z.infer<typeof trendQuerySchema>;

/** A report format name; one no ingester has is a 404 from the backend's registry. */
export const ingestParamsSchema = z.object({
  format: z.string().min(1).max(63),
});

export const ingestQuerySchema = z.strictObject({
  cluster: nameSchema.optional(),
});

/** The file formats of the risk list export. */
export type ExportFormat = 'csv' | 'json' | 'pdf';

// ---- Routes. -----------------------------------------------------------------------------

const read = kubemateInspectionReadPermission.name;

export const inspectionRoutes = defineRoutes({
  listInspectionRules: {
    method: 'GET',
    path: '/inspection/rules',
    summary: 'Loaded rules and black-box probes',
    permission: read,
    response: itemsOf(inspectionRuleSchema).describe(
      '{ items: InspectionRule[] }',
    ),
  },
  listInspectionProfiles: {
    method: 'GET',
    path: '/inspection/profiles',
    summary: 'Inspection profiles, by name',
    permission: read,
    response: itemsOf(z.custom<InspectionProfile>()).describe(
      '{ items: InspectionProfile[] }',
    ),
  },
  listInspectedClusters: {
    method: 'GET',
    path: '/inspection/clusters',
    summary: 'Configured clusters with their latest run and current summary',
    permission: read,
    response: itemsOf(inspectedClusterSchema).describe(
      '{ items: InspectedCluster[] }',
    ),
  },
  startInspectionRun: {
    method: 'POST',
    path: '/inspection/runs',
    summary: 'Starts a manual run (202); 503 when inspection is disabled',
    permission: kubemateInspectionRunPermission.name,
    body: startRunBodySchema,
    response: inspectionRunSchema,
  },
  listInspectionRuns: {
    method: 'GET',
    path: '/inspection/runs',
    summary: 'Runs, newest first, paged (limit default 50)',
    permission: read,
    query: runsQuerySchema,
    response: pageOf(inspectionRunSchema).describe('Page<InspectionRun>'),
  },
  getInspectionRun: {
    method: 'GET',
    path: '/inspection/runs/:id',
    summary: 'One run',
    permission: read,
    params: runParamsSchema,
    response: inspectionRunSchema,
  },
  getInspectionRunDiff: {
    method: 'GET',
    path: '/inspection/runs/:id/diff',
    summary:
      'Findings new and fixed in a run compared with the previous one (at most limit, default 1,000)',
    permission: read,
    params: runParamsSchema,
    query: runDiffQuerySchema,
    response: runDiffSchema,
  },
  listFindings: {
    method: 'GET',
    path: '/inspection/findings',
    summary: 'The risk list, filtered, sorted and paged (limit default 50)',
    permission: read,
    query: findingQuerySchema,
    response: pageOf(findingSchema).describe('Page<Finding>'),
  },
  exportFindingsCsv: {
    method: 'GET',
    path: '/inspection/findings.csv',
    summary:
      'The filtered risk list as a CSV attachment (up to 50,000 rows), then the execution failures of the runs in scope (state execution-failed)',
    permission: read,
    query: findingFilterSchema,
    response: { contentType: 'text/csv; charset=utf-8' },
  },
  exportFindingsJson: {
    method: 'GET',
    path: '/inspection/findings.json',
    summary:
      'The filtered risk list as a JSON attachment (up to 50,000 rows), with the execution failures of the runs in scope',
    permission: read,
    query: findingFilterSchema,
    response: pageOf(findingSchema)
      .extend({ executionFailures: z.array(runExecutionFailureSchema) })
      .describe('Page<Finding> & { executionFailures }'),
  },
  exportReportPdf: {
    method: 'GET',
    path: '/inspection/report.pdf',
    summary:
      'PDF report: summary, severity and score-trend charts, and the risk table of the filtered findings',
    permission: read,
    query: findingFilterSchema,
    response: { contentType: 'application/pdf' },
  },
  getFinding: {
    method: 'GET',
    path: '/inspection/findings/:fingerprint',
    summary: 'One finding with its transition history',
    permission: read,
    params: fingerprintParamsSchema,
    response: findingSchema,
  },
  ignoreFinding: {
    method: 'POST',
    path: '/inspection/findings/:fingerprint/ignore',
    summary: 'Ignores a risk (users only; audited)',
    permission: kubemateRiskIgnorePermission.name,
    params: fingerprintParamsSchema,
    body: ignoreBodySchema,
    response: findingSchema,
  },
  unignoreFinding: {
    method: 'POST',
    path: '/inspection/findings/:fingerprint/unignore',
    summary: 'Takes an ignored risk back (users only; audited)',
    permission: kubemateRiskIgnorePermission.name,
    params: fingerprintParamsSchema,
    response: findingSchema,
  },
  getInspectionSummary: {
    method: 'GET',
    path: '/inspection/summary',
    summary: 'Current figures of a scope (cluster, namespace, entity)',
    permission: read,
    query: summaryScopeSchema,
    response: currentSummarySchema,
  },
  getInspectionTrend: {
    method: 'GET',
    path: '/inspection/trend',
    summary: 'Figures of the latest succeeded runs of a cluster, oldest first',
    permission: read,
    query: trendQuerySchema,
    response: itemsOf(trendPointSchema).describe('{ items: TrendPoint[] }'),
  },
  ingestReport: {
    method: 'POST',
    path: '/inspection/ingest/:format',
    summary:
      'Ingests an external report in a registered format; 201, or 200 for a duplicate',
    permission: kubemateInspectionIngestPermission.name,
    params: ingestParamsSchema,
    query: ingestQuerySchema,
    body: z
      .unknown()
      .describe(
        'The report: one JSON document, or JSON Lines (one event a line)',
      ),
    response: ingestResponseSchema,
  },
});
