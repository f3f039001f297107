export {
  kubemateApiRef,
  type AuditEntry,
  type AuditFilters,
  type KubemateApi,
  type LogRequest,
  type RolloutRevision,
  type WorkloadActionName,
  type WorkloadTarget,
} from './KubemateApi';
export { KubemateClient } from './KubemateClient';
export * from './InspectionApi';
export { InspectionClient } from './InspectionClient';
