import { createApiRef } from '@backstage/core-plugin-api';

import type {
  CurrentSummary,
  ExportFormat,
  Finding,
  FindingFilter,
  FindingQuery,
  IgnoreRequest,
  InspectedCluster,
  InspectionProfile,
  InspectionRule,
  InspectionRun,
  RunDiff,
  RunsQuery,
  SummaryScope,
  TrendPoint,
  TrendQuery,
} from '@kubemate/plugin-kubemate-common';

// The wire types of `/api/kubemate/inspection/...` are the contract's (kubemate-common);
// re-exported for the components.
export {
  FINDING_SORT_FIELDS,
  FINDING_STATES,
  IGNORE_REASONS,
  SEVERITIES,
} from '@kubemate/plugin-kubemate-common';
export type {
  CurrentSummary,
  ExecutionFailure,
  ExportFormat,
  Finding,
  FindingFilter,
  FindingQuery,
  FindingSortField,
  FindingState,
  FindingTransition,
  IgnoreReason,
  IgnoreRequest,
  InspectedCluster,
  InspectionProfile,
  InspectionRule,
  InspectionRun,
  ObservabilityLink as FindingLink,
  RunDiff,
  RunStatus,
  RunSummary,
  Severity,
  SeverityCounts,
  SummaryScope,
  TrendPoint,
} from '@kubemate/plugin-kubemate-common';

/** Client of the inspection REST API of the Kubemate backend. */
export interface InspectionApi {
  listRules(): Promise<InspectionRule[]>;
  listProfiles(): Promise<InspectionProfile[]>;
  listClusters(): Promise<InspectedCluster[]>;
  startRun(cluster: string, profile?: string): Promise<InspectionRun>;
  listRuns(
    options?: RunsQuery,
  ): Promise<{ items: InspectionRun[]; total: number }>;
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
  getTrend(scope: TrendQuery): Promise<TrendPoint[]>;
  /** A report of the filtered risk list as a file (CSV, JSON or PDF). */
  exportFindings(format: ExportFormat, filter: FindingFilter): Promise<Blob>;
}

/** Works in both the legacy and the new frontend system. */
export const inspectionApiRef = createApiRef<InspectionApi>({
  id: 'plugin.kubemate.inspection',
});
