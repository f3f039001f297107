/**
 * Cluster inspection: storage of runs and risk items with their lifecycle, reports, external
 * report ingestion, the runner and the REST API.
 */
export * from './InspectionStore';
export { DatabaseInspectionStore } from './DatabaseInspectionStore';
export { coverageFromInspection, withEntityRefs } from './coverage';
export * from './ingest';
export { InspectionEngine } from './InspectionEngine';
export type { RuleInfo } from './InspectionEngine';
export { InspectionRunner, KUBERNETES_ID } from './InspectionRunner';
export type { InspectionRunnerOptions, RunRequest } from './InspectionRunner';
export {
  fetchClusterObjects,
  kindsForRules,
  RELATED_KINDS,
} from './fetchClusterObjects';
export type { KindSpec, FetchResult } from './fetchClusterObjects';
export { createInspectionRouter } from './router';
export type { InspectionRouterOptions, InspectedCluster } from './router';
export { findingsToCsv } from './export';
export {
  setupInspection,
  inspectionTaskId,
  DEFAULT_INSPECTION_SCHEDULE,
} from './setupInspection';
export type {
  InspectionSetup,
  InspectionSetupOptions,
} from './setupInspection';
