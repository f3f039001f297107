export { KubemateQueryProvider } from './queryClient';
export { kubemateKeys } from './queryKeys';
export { useClusters } from './useClusters';
