import { useApi } from '@backstage/core-plugin-api';
import { useQuery } from '@tanstack/react-query';
import { kubemateApiRef } from '../api';
import { kubemateKeys } from './queryKeys';

/** Configured clusters with live reachability; refreshed every 30 s while shown. */
export function useClusters() {
  const api = useApi(kubemateApiRef);
  return useQuery({
    queryKey: kubemateKeys.clusters(),
    queryFn: () => api.listClusters(),
    refetchInterval: 30_000,
  });
}
