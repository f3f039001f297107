import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useMemo } from 'react';
import { useInspectionClusters, useInspectionTrends } from '../../queries';
import { TrendChart } from '../InspectionShared';

/** The entity's score and failed checks across runs, one series per cluster it runs in. */
export function EntityTrend(props: { entityRef: string }) {
  const clusters = useInspectionClusters();
  const names = useMemo(
    () => (clusters.data ?? []).map(c => c.name),
    [clusters.data],
  );
  const trends = useInspectionTrends(names, { entityRef: props.entityRef });
  if (clusters.isPending || (names.length > 0 && trends.isPending)) {
    return <Progress />;
  }
  const error = clusters.error ?? trends.error;
  if (error) return <ResponseErrorPanel error={error} />;
  // Runs of a cluster where the entity has no checks at all add nothing to its chart.
  const series = trends.data
    .map(t => ({
      name: t.cluster,
      points: t.points.filter(p => p.total + p.errors + p.failed > 0),
    }))
    .filter(s => s.points.length > 0);
  return <TrendChart series={series} />;
}
