import { useApi } from '@backstage/core-plugin-api';
import { useQuery } from '@tanstack/react-query';
import { inspectionApiRef } from '../api';
import { kubemateKeys } from './queryKeys';

// Rules and profiles only change when the backend restarts: fetch once per page view.
const STATIC = { staleTime: 5 * 60_000 };

/** Every loaded rule (built-in baseline and configured packs). */
export function useInspectionRules() {
  const api = useApi(inspectionApiRef);
  return useQuery({
    queryKey: kubemateKeys.inspection.rules(),
    queryFn: () => api.listRules(),
    ...STATIC,
  });
}

/** Every profile, resolved (extends applied). */
export function useInspectionProfiles() {
  const api = useApi(inspectionApiRef);
  return useQuery({
    queryKey: kubemateKeys.inspection.profiles(),
    queryFn: () => api.listProfiles(),
    ...STATIC,
  });
}
