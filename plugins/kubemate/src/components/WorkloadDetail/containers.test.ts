import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { containerRows } from './containers';

describe('containerRows', () => {
  it('joins init containers and containers with their statuses', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        initContainers: [{ name: 'migrate', image: 'migrate:1' }],
        containers: [
          {
            name: 'app',
            image: 'app:2',
            resources: {
              requests: { cpu: '100m', memory: '128Mi' },
              limits: { memory: '256Mi' },
            },
          },
          { name: 'sidecar', image: 'proxy:1' },
        ],
      },
      status: {
        initContainerStatuses: [
          {
            name: 'migrate',
            ready: false,
            restartCount: 0,
            state: { terminated: { reason: 'Completed', exitCode: 0 } },
          },
        ],
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 5,
            state: {
              waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' },
            },
            lastState: {
              terminated: {
                reason: 'OOMKilled',
                exitCode: 137,
                finishedAt: '2024-02-01T00:00:00Z',
              },
            },
          },
        ],
      },
    };
    const rows = containerRows(pod);
    expect(rows.map(r => [r.name, r.init, r.state, r.stateDetail])).toEqual([
      ['migrate', true, 'Terminated', 'Completed (exit code 0)'],
      ['app', false, 'Waiting', 'CrashLoopBackOff: back-off 5m0s'],
      ['sidecar', false, 'Unknown', ''],
    ]);
    expect(rows[1]).toMatchObject({
      restarts: 5,
      lastTermination: {
        reason: 'OOMKilled',
        exitCode: 137,
        at: '2024-02-01T00:00:00Z',
      },
      requests: 'cpu: 100m, memory: 128Mi',
      limits: 'memory: 256Mi',
    });
  });
});
