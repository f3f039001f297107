import { useApi } from '@backstage/core-plugin-api';
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  inspectionApiRef,
  type FindingQuery,
  type IgnoreRequest,
} from '../api';
import { kubemateKeys } from './queryKeys';

/** One page of the risk list; the previous page stays shown while the next one loads. */
export function useInspectionFindings(query: FindingQuery) {
  const api = useApi(inspectionApiRef);
  return useQuery({
    queryKey: kubemateKeys.inspection.findings(query),
    queryFn: () => api.listFindings(query),
    placeholderData: keepPreviousData,
  });
}

/** A finding with its transition history; fetched only when `enabled` (a row is expanded). */
export function useInspectionFinding(fingerprint: string, enabled = true) {
  const api = useApi(inspectionApiRef);
  return useQuery({
    queryKey: kubemateKeys.inspection.finding(fingerprint),
    queryFn: () => api.getFinding(fingerprint),
    enabled,
  });
}

/** Ignore (with reason) or un-ignore a finding; every inspection view is refreshed after. */
export function useIgnoreFinding() {
  const api = useApi(inspectionApiRef);
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      input:
        | { fingerprint: string; ignore: IgnoreRequest }
        | { fingerprint: string; ignore: false },
    ) =>
      input.ignore
        ? api.ignoreFinding(input.fingerprint, input.ignore)
        : api.unignoreFinding(input.fingerprint),
    onSuccess: () =>
      client.invalidateQueries({ queryKey: kubemateKeys.inspection.all() }),
  });
}
