import type {
  GoldenMetrics,
  ReleaseEvent,
  ReleaseMetricsResponse,
} from '@kubemate/plugin-kubemate-common';

export interface Point {
  /** Milliseconds since the epoch. */
  t: number;
  v: number;
}

export type Version = 'canary' | 'stable';
export type MetricName = 'successRate' | 'requestsPerSecond' | 'p99';

/** One figure of a version's golden metrics, when it has figures. */
export function valueOf(
  metrics: GoldenMetrics | undefined,
  name: MetricName,
): number | undefined {
  if (metrics?.status !== 'ok') return undefined;
  return name === 'p99' ? metrics.latencyMs.p99 : metrics[name];
}

/** The live samples polled so far, oldest first; at most `max` of them. */
export function appendSample(
  samples: ReleaseMetricsResponse[],
  sample: ReleaseMetricsResponse,
  max = 360,
): ReleaseMetricsResponse[] {
  if (samples.length && samples[samples.length - 1].at === sample.at)
    return samples;
  const next = [...samples, sample];
  return next.length > max ? next.slice(next.length - max) : next;
}

/** A version's line of one metric from the live samples (gaps where it had no figures). */
export function liveSeries(
  samples: ReleaseMetricsResponse[],
  version: Version,
  name: MetricName,
): Point[] {
  return samples.flatMap(s => {
    const v = valueOf(s[version], name);
    return v === undefined ? [] : [{ t: Date.parse(s.at), v }];
  });
}

/** The figures each step of the timeline was decided on. */
export function stepSeries(
  timeline: ReleaseEvent[],
  version: Version,
  name: MetricName,
): Point[] {
  return timeline.flatMap(e => {
    const v = valueOf(e[version], name);
    return v === undefined ? [] : [{ t: Date.parse(e.at), v }];
  });
}
