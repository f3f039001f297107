import type { ProbeRun, ProbeSummary } from '@kubemate/plugin-kubemate-common';
import type { ProbesApi } from '../../../api';

/** Test-only: a finished run; `over` changes any field. */
export const newRun = (over: Partial<ProbeRun> = {}): ProbeRun => ({
  id: `run-${Math.random().toString(16).slice(2)}`,
  probeId: 'api',
  cluster: 'kubemate-sim',
  trigger: 'scheduled',
  status: 'passed',
  startedAt: '2026-12-06T10:00:00.000Z',
  finishedAt: '2026-12-06T10:00:00.120Z',
  durationMs: 120,
  steps: [
    { name: 'create ConfigMap', status: 'passed', latencyMs: 40 },
    { name: 'delete ConfigMap', status: 'passed', latencyMs: 30 },
  ],
  events: [],
  ...over,
});

/** Test-only: a failed workload run with its events and the image-pull hint. */
export const imagePullFailure = (over: Partial<ProbeRun> = {}) =>
  newRun({
    id: 'run-failed',
    probeId: 'rollout',
    status: 'failed',
    startedAt: '2026-12-06T10:05:00.000Z',
    durationMs: 60_400,
    message:
      'wait Ready: not Ready after 60 s (ImagePullBackOff: Back-off pulling image "x:missing")',
    steps: [
      { name: 'create Deployment', status: 'passed', latencyMs: 35 },
      {
        name: 'wait Ready',
        status: 'failed',
        latencyMs: 60_000,
        message: 'not Ready after 60 s',
      },
      { name: 'delete Deployment', status: 'passed', latencyMs: 300 },
    ],
    events: [
      {
        type: 'Warning',
        reason: 'Failed',
        message: 'Failed to pull image "x:missing": not found',
        object: 'Pod/kmp-rollout-1a2b3c4d-abcde',
        count: 3,
      },
    ],
    hint: {
      id: 'image-pull',
      title: 'The image cannot be pulled',
      advice: 'Check the image name and tag.',
      evidence: 'Pod/kmp-rollout-1a2b3c4d-abcde: Failed: Failed to pull image',
    },
    ...over,
  });

/** Test-only: a probe summary; `over` changes any field. */
export const newProbe = (over: Partial<ProbeSummary> = {}): ProbeSummary => ({
  id: 'api',
  title: 'The API answers',
  type: 'api-roundtrip',
  cluster: 'kubemate-sim',
  namespace: 'default',
  entityRefs: ['component:default/accounts-service'],
  severity: 'medium',
  schedule: { intervalSeconds: 60, onChange: false },
  timeoutSeconds: 60,
  source: 'examples/probes/bank.yaml:30',
  recentRuns: 1,
  successRate: 1,
  lastRun: newRun(),
  ...over,
});

/** Test-only: a ProbesApi over fixed probes and runs that records manual runs. */
export function inMemoryProbesApi(
  probes: ProbeSummary[],
  runs: Record<string, ProbeRun[]> = {},
): ProbesApi & { ran: string[] } {
  const ran: string[] = [];
  return {
    ran,
    listProbes: async () => ({ items: probes }),
    listEntityProbes: async entity => ({
      items: probes.filter(p =>
        p.entityRefs.includes(
          `${entity.kind.toLocaleLowerCase('en-US')}:${entity.namespace}/${
            entity.name
          }`,
        ),
      ),
    }),
    getProbe: async id => probes.find(p => p.id === id)!,
    listProbeRuns: async id => ({ items: runs[id] ?? [] }),
    runProbe: async id => {
      ran.push(id);
      return newRun({ probeId: id, status: 'running', trigger: 'manual' });
    },
  };
}
