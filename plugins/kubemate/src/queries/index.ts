export { KubemateQueryProvider } from './queryClient';
export { kubemateKeys } from './queryKeys';
export { useClusters } from './useClusters';
export { useEntityWorkloads } from './useEntityWorkloads';
