import type { ProbeRun, ProbeType } from '@kubemate/plugin-kubemate-common';

export const TYPE_LABELS: Record<ProbeType, string> = {
  'workload-lifecycle': 'Workload lifecycle',
  'api-roundtrip': 'API round trip',
  'service-endpoints': 'Service endpoints',
  http: 'HTTP through the gateway',
  'certificate-expiry': 'Certificate expiry',
  job: 'Custom (Job)',
};

/** A share as a whole percentage; a dash before the first finished run. */
export function formatRate(rate: number | undefined): string {
  if (rate === undefined) return '—';
  return `${Math.floor(rate * 1000) / 10} %`;
}

/** A latency: milliseconds up to a second, then seconds with one decimal. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1) return '< 1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

const TRIGGERS: Record<ProbeRun['trigger'], string> = {
  scheduled: 'scheduled',
  change: 'on a change',
  manual: 'by hand',
};

/** How a run came about: `by hand (user:default/jane)`, `on a change (Deployment …)`. */
export function describeTrigger(run: Pick<ProbeRun, 'trigger' | 'reason'>) {
  return `${TRIGGERS[run.trigger]}${run.reason ? ` (${run.reason})` : ''}`;
}

/** Runs oldest first, for a chart read left to right. */
export function chronological<T extends Pick<ProbeRun, 'startedAt'>>(
  runs: readonly T[],
): T[] {
  return [...runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
