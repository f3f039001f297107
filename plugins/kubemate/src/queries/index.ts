export { KubemateQueryProvider } from './queryClient';
export { kubemateKeys } from './queryKeys';
export { useClusters } from './useClusters';
export { useEntityWorkloads } from './useEntityWorkloads';
export { useEntityAudit } from './useEntityAudit';
export * from './useInspectionReport';
export * from './useInspectionFindings';
export * from './useInspectionRuns';
export * from './useInspectionCatalog';
