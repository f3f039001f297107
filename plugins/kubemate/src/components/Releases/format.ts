import type {
  GoldenMetrics,
  Release,
  ReleaseState,
} from '@kubemate/plugin-kubemate-common';

/**
 * Where a release's page is: a fixed path, because the backend's notifications link to it
 * too (mount the releases page on `/kubemate/releases` in a legacy app).
 */
export const releasePath = (id: string) =>
  `/kubemate/releases/${encodeURIComponent(id)}`;

export const STATE_LABELS: Record<ReleaseState, string> = {
  progressing: 'Progressing',
  paused: 'Paused',
  waiting: 'Waiting for promotion',
  promoted: 'Promoted',
  aborted: 'Aborted',
  failed: 'Failed',
};

/** 0..1 as a percent with up to two decimals (99.5%, 92%). */
export const formatRate = (rate: number) =>
  `${Number((rate * 100).toFixed(2))}%`;

export const formatRps = (rps: number) =>
  `${rps >= 10 ? rps.toFixed(0) : rps.toFixed(2)} req/s`;

export const formatMs = (ms: number) => `${Math.round(ms)} ms`;

/** The split as routed: the canary's percent, the stable version takes the rest. */
export const splitOf = (release: Pick<Release, 'weight'>) => ({
  canary: release.weight,
  stable: 100 - release.weight,
});

/** The plan's steps in words: "10% → 50%", "+10% up to 50%" or "3 iterations". */
export function describePlan(plan: Release['plan']): string {
  const every = `every ${plan.intervalSeconds}s`;
  if (plan.stepWeights?.length)
    return `${plan.stepWeights.map(w => `${w}%`).join(' → ')} ${every}`;
  if (plan.stepSize)
    return `+${plan.stepSize}% up to ${plan.maxWeight ?? 100}% ${every}`;
  return `${plan.iterations} iteration${
    plan.iterations === 1 ? '' : 's'
  } ${every}`;
}

/** Why a version has no figures, in words a release owner can act on. */
export function explainMetrics(
  who: string,
  metrics: GoldenMetrics,
  cluster: string,
): { title: string; message: string } | undefined {
  switch (metrics.status) {
    case 'no-traffic':
      return {
        title: `No traffic to ${who}`,
        message: `${who} served no requests in the last ${metrics.windowSeconds}s. Steps hold until enough requests arrive; a header or cookie canary only gets the requests that carry the match.`,
      };
    case 'not-configured':
      return {
        title: 'Prometheus not configured',
        message: `Cluster ${cluster} has no Prometheus for golden metrics (kubemate.metrics.clusters.${cluster}.prometheus in app-config; see the admin guide): ${metrics.reason}`,
      };
    case 'unavailable':
      return {
        title: 'Metrics unavailable',
        message: `Prometheus did not answer for ${who}: ${metrics.reason}. The release is not affected, but its steps hold until metrics are back.`,
      };
    default:
      return undefined;
  }
}
