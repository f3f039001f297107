import { createApiRef } from '@backstage/core-plugin-api';

import type {
  CurrentSummary,
  FindingSortField,
  InspectionProfile,
  FindingState,
  IgnoreReason,
  RunSource,
  RunStatus,
  RunSummary,
  RunTrigger,
  Severity,
  SeverityCounts,
} from '@kubemate/plugin-kubemate-common';

// Wire types of `/api/kubemate/inspection/...` (docs/inspection.md). Dates arrive as ISO strings;
// the vocabulary and the summary shapes are the backend's own, from kubemate-common.
export {
  FINDING_SORT_FIELDS,
  FINDING_STATES,
  IGNORE_REASONS,
  SEVERITIES,
} from '@kubemate/plugin-kubemate-common';
export type {
  CurrentSummary,
  ExecutionFailure,
  InspectionProfile,
  FindingSortField,
  FindingState,
  IgnoreReason,
  RunStatus,
  RunSummary,
  Severity,
  SeverityCounts,
} from '@kubemate/plugin-kubemate-common';

export interface InspectionRule {
  id: string;
  version: string;
  title: string;
  category: string;
  severity: Severity;
  description: string;
  remediation: string;
  fix?: string;
  docs?: string;
  pack?: string;
  kinds: string[];
  params: Record<string, unknown>;
  tags?: string[];
}

export interface InspectionRun {
  id: string;
  cluster: string;
  profile: string;
  trigger: RunTrigger;
  source: RunSource;
  status: RunStatus;
  requestedBy?: string;
  startedAt: string;
  finishedAt?: string;
  error?: string;
  progress: { total?: number; done?: number; message?: string };
  summary?: RunSummary;
}

export interface InspectedCluster {
  name: string;
  title?: string;
  profile: string;
  schedule?: unknown;
  configError?: string;
  latestRun?: InspectionRun;
  summary: CurrentSummary;
}

export interface TrendPoint {
  runId: string;
  startedAt: string;
  finishedAt?: string;
  profile: string;
  source: string;
  total: number;
  passed: number;
  failed: number;
  errors: number;
  passRate: number;
  score: number;
  failedBySeverity: SeverityCounts;
  newFindings: number;
  fixedFindings: number;
}

/** A link to where the affected workload is observed (dashboards, logs, traces). */
export interface FindingLink {
  title: string;
  url: string;
  kind?: string;
}

export interface FindingTransition {
  id?: number;
  from?: FindingState;
  to: FindingState;
  actor: string;
  at: string;
  runId?: string;
  reason?: string;
  comment?: string;
}

export interface Finding {
  fingerprint: string;
  cluster: string;
  ruleId: string;
  ruleVersion?: string;
  source: string;
  title: string;
  severity: Severity;
  category: string;
  resource: {
    kind: string;
    apiVersion?: string;
    namespace?: string;
    name: string;
    container?: string;
    host?: string;
  };
  entityRef?: string;
  state: FindingState;
  stateChangedAt: string;
  firstSeenAt: string;
  lastSeenAt: string;
  timesSeen: number;
  fixedAt?: string;
  ignored?: {
    reason: IgnoreReason;
    comment?: string;
    by: string;
    at: string;
    until?: string;
  };
  message?: string;
  observed?: string;
  expected?: string;
  remediation?: string;
  fix?: string;
  docs?: string;
  rule?: {
    title: string;
    description: string;
    remediation: string;
    fix?: string;
    docs?: string;
  };
  /** Optional: only when the backend knows the workload's dashboards. */
  links?: FindingLink[];
  history?: FindingTransition[];
}

/** Filters of the risk list; also the query of the CSV/JSON/PDF exports. */
export interface FindingFilter {
  cluster?: string;
  severity?: Severity[];
  state?: FindingState[];
  ruleId?: string[];
  category?: string[];
  namespace?: string[];
  kind?: string[];
  entityRef?: string[];
  search?: string;
}

export interface FindingQuery extends FindingFilter {
  sort?: FindingSortField;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export interface SummaryScope {
  cluster?: string;
  namespace?: string;
  entityRef?: string;
}

export type ExportFormat = 'csv' | 'json' | 'pdf';

export interface IgnoreRequest {
  reason: IgnoreReason;
  comment?: string;
  /** ISO date (YYYY-MM-DD) or date-time in the future. */
  until?: string;
}

export interface RunDiff {
  runId: string;
  previousRunId?: string;
  new: Finding[];
  fixed: Finding[];
}

/** Client of the inspection REST API of the Kubemate backend. */
export interface InspectionApi {
  listRules(): Promise<InspectionRule[]>;
  listProfiles(): Promise<InspectionProfile[]>;
  listClusters(): Promise<InspectedCluster[]>;
  startRun(cluster: string, profile?: string): Promise<InspectionRun>;
  listRuns(options?: {
    cluster?: string;
    status?: RunStatus;
    limit?: number;
    offset?: number;
  }): Promise<{ items: InspectionRun[]; total: number }>;
  getRun(id: string): Promise<InspectionRun>;
  getRunDiff(id: string): Promise<RunDiff>;
  listFindings(
    query: FindingQuery,
  ): Promise<{ items: Finding[]; total: number }>;
  /** The finding with its transition history. */
  getFinding(fingerprint: string): Promise<Finding>;
  ignoreFinding(fingerprint: string, request: IgnoreRequest): Promise<Finding>;
  unignoreFinding(fingerprint: string): Promise<Finding>;
  getSummary(scope: SummaryScope): Promise<CurrentSummary>;
  getTrend(
    scope: SummaryScope & { cluster: string; limit?: number },
  ): Promise<TrendPoint[]>;
  /** A report of the filtered risk list as a file (CSV, JSON or PDF). */
  exportFindings(format: ExportFormat, filter: FindingFilter): Promise<Blob>;
}

/** Works in both the legacy and the new frontend system. */
export const inspectionApiRef = createApiRef<InspectionApi>({
  id: 'plugin.kubemate.inspection',
});
