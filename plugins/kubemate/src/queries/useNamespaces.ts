import { useApi } from '@backstage/core-plugin-api';
import { useQuery } from '@tanstack/react-query';
import { kubemateApiRef } from '../api';
import { kubemateKeys } from './queryKeys';

/** Every namespace with owner and Gateway status (refreshed every 15 s). */
export function useNamespaces() {
  const api = useApi(kubemateApiRef);
  return useQuery({
    queryKey: kubemateKeys.namespaces(),
    queryFn: () => api.listNamespaces(),
    refetchInterval: 15_000,
  });
}
