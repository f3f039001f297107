export {
  kubemateApiRef,
  type AuditEntry,
  type AuditFilters,
  type KubemateApi,
  type LogRequest,
  type RolloutRevision,
  type WorkloadActionName,
  type WorkloadActionView,
  type WorkloadTarget,
} from './KubemateApi';
export { KubemateClient, routeIssuesOf } from './KubemateClient';
export * from './InspectionApi';
export { InspectionClient } from './InspectionClient';
export { configDataApiRef, type ConfigDataApi } from './ConfigDataApi';
export { ConfigDataClient } from './ConfigDataClient';
export {
  serviceProfilesApiRef,
  type ServiceProfilesApi,
  type ServiceProfileTarget,
} from './ServiceProfilesApi';
export { ServiceProfilesClient } from './ServiceProfilesClient';
export { probesApiRef, type ProbesApi } from './ProbesApi';
export { ProbesClient } from './ProbesClient';
