import { useApi } from '@backstage/core-plugin-api';
import type { ReleaseMetricsResponse } from '@kubemate/plugin-kubemate-common';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { kubemateApiRef } from '../../api';
import { kubemateKeys } from '../../queries';
import { appendSample } from './metricSeries';

/** How often the live figures are polled while a release is active. */
export const METRICS_POLL_MS = 5_000;

/**
 * The release's golden metrics now, polled every 5 s while it is active, and every sample so
 * far (a chart's series grows with each poll). A failed poll leaves the samples as they are.
 */
export function useLiveMetrics(
  id: string,
  active: boolean,
  windowSeconds = 60,
) {
  const api = useApi(kubemateApiRef);
  const query = useQuery({
    queryKey: [...kubemateKeys.releaseMetrics(id), windowSeconds],
    queryFn: () => api.getReleaseMetrics(id, windowSeconds),
    refetchInterval: active ? METRICS_POLL_MS : false,
    retry: false,
  });
  const [samples, setSamples] = useState<ReleaseMetricsResponse[]>([]);
  // Figures over another window are another series: start it afresh.
  useEffect(() => setSamples([]), [windowSeconds]);
  const { data } = query;
  useEffect(() => {
    if (data) setSamples(s => appendSample(s, data));
  }, [data]);
  return { ...query, samples };
}
