import type { KubeObject } from '@kubemate/plugin-kubemate-common';

type ContainerState = {
  running?: { startedAt?: string };
  waiting?: { reason?: string; message?: string };
  terminated?: {
    reason?: string;
    exitCode?: number;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
  };
};

type Resources = {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
};

type PodShape = {
  spec?: {
    containers?: Array<{ name: string; image?: string; resources?: Resources }>;
    initContainers?: Array<{
      name: string;
      image?: string;
      resources?: Resources;
    }>;
  };
  status?: {
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
};

type ContainerStatus = {
  name: string;
  image?: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
};

export interface ContainerRow {
  name: string;
  init: boolean;
  image: string;
  /** "Running", "Waiting", "Terminated" or "Unknown" (no status reported yet). */
  state: string;
  /** Since when running, why waiting, or why and how it ended. */
  stateDetail: string;
  since?: string;
  ready: boolean;
  restarts: number;
  /** The previous run's end: reason, exit code and when (e.g. OOMKilled). */
  lastTermination?: { reason: string; exitCode?: number; at?: string };
  requests: string;
  limits: string;
}

const formatResources = (r: Record<string, string> | undefined) =>
  Object.entries(r ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ') || '—';

function describeState(s: ContainerState | undefined): {
  state: string;
  detail: string;
  since?: string;
} {
  if (s?.running)
    return { state: 'Running', detail: '', since: s.running.startedAt };
  if (s?.waiting)
    return {
      state: 'Waiting',
      detail: [s.waiting.reason, s.waiting.message].filter(Boolean).join(': '),
    };
  if (s?.terminated) {
    const t = s.terminated;
    return {
      state: 'Terminated',
      detail: `${t.reason ?? 'Terminated'} (exit code ${t.exitCode ?? '?'})`,
      since: t.finishedAt,
    };
  }
  return { state: 'Unknown', detail: '' };
}

/** A pod's init containers then containers, spec joined with status by name. */
export function containerRows(pod: KubeObject): ContainerRow[] {
  const { spec = {}, status = {} } = pod as PodShape;
  const rows = (
    init: boolean,
    containers: NonNullable<PodShape['spec']>['containers'] = [],
    statuses: ContainerStatus[] = [],
  ): ContainerRow[] =>
    containers.map(c => {
      const st = statuses.find(s => s.name === c.name);
      const state = describeState(st?.state);
      const last = st?.lastState?.terminated;
      return {
        name: c.name,
        init,
        image: c.image ?? st?.image ?? '',
        state: state.state,
        stateDetail: state.detail,
        since: state.since,
        ready: st?.ready ?? false,
        restarts: st?.restartCount ?? 0,
        lastTermination: last
          ? {
              reason: last.reason ?? 'Terminated',
              exitCode: last.exitCode,
              at: last.finishedAt,
            }
          : undefined,
        requests: formatResources(c.resources?.requests),
        limits: formatResources(c.resources?.limits),
      };
    });
  return [
    ...rows(true, spec.initContainers, status.initContainerStatuses),
    ...rows(false, spec.containers, status.containerStatuses),
  ];
}
