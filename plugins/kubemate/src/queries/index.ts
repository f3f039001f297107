export { KubemateQueryProvider } from './queryClient';
export { kubemateKeys } from './queryKeys';
export { useClusters } from './useClusters';
export { useEntityWorkloads } from './useEntityWorkloads';
export { useEntityAudit } from './useEntityAudit';
export * from './useInspectionReport';
export * from './useInspectionFindings';
export * from './useInspectionRuns';
export * from './useInspectionCatalog';
export { useEntityRoutes } from './useEntityRoutes';
export { useNamespaces } from './useNamespaces';
export {
  useClusterNodes,
  useClusterEvents,
  useAuditLog,
} from './useAdminConsole';
export * from './useReleases';
