import { podRestarts, podsOfWorkload, summarizeWorkload } from './status';
import type { KubeObject } from './types';

function newTestDeployment(
  spec: object,
  status: object,
  kind = 'Deployment',
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: {
      name: 'web',
      namespace: 'shop',
      creationTimestamp: '2026-11-22T00:00:00Z',
    },
    spec: {
      template: {
        spec: { containers: [{ image: 'web:1' }, { image: 'proxy:2' }] },
      },
      ...spec,
    },
    status,
  };
}

describe('summarizeWorkload', () => {
  it('is healthy when all replicas are ready on the newest template', () => {
    expect(
      summarizeWorkload(
        newTestDeployment(
          { replicas: 3 },
          { readyReplicas: 3, updatedReplicas: 3 },
        ),
      ),
    ).toEqual({
      kind: 'Deployment',
      name: 'web',
      namespace: 'shop',
      ready: 3,
      desired: 3,
      updated: 3,
      health: 'healthy',
      images: ['web:1', 'proxy:2'],
      createdAt: '2026-11-22T00:00:00Z',
    });
  });

  it('is progressing during a rollout and degraded when updated pods are not ready', () => {
    expect(
      summarizeWorkload(
        newTestDeployment(
          { replicas: 3 },
          { readyReplicas: 3, updatedReplicas: 1 },
        ),
      ).health,
    ).toBe('progressing');
    expect(
      summarizeWorkload(
        newTestDeployment(
          { replicas: 3 },
          { readyReplicas: 1, updatedReplicas: 3 },
        ),
      ).health,
    ).toBe('degraded');
  });

  it('reads DaemonSets, Jobs and suspended CronJobs in their own terms', () => {
    const ds = summarizeWorkload(
      newTestDeployment(
        {},
        {
          desiredNumberScheduled: 3,
          numberReady: 2,
          updatedNumberScheduled: 3,
        },
        'DaemonSet',
      ),
    );
    expect([ds.ready, ds.desired, ds.health]).toEqual([2, 3, 'degraded']);
    const job = summarizeWorkload(
      newTestDeployment({ completions: 2 }, { succeeded: 0, failed: 1 }, 'Job'),
    );
    expect([job.ready, job.desired, job.health]).toEqual([0, 2, 'degraded']);
    expect(
      summarizeWorkload(newTestDeployment({ suspend: true }, {}, 'CronJob'))
        .health,
    ).toBe('suspended');
    expect(
      summarizeWorkload(newTestDeployment({ replicas: 2, paused: true }, {}))
        .health,
    ).toBe('suspended');
  });
});

describe('podRestarts', () => {
  it('adds the restart counts of every container', () => {
    const pod = (counts: number[]): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      status: {
        containerStatuses: counts.map(restartCount => ({ restartCount })),
      },
    });
    expect(
      podRestarts([
        pod([1, 2]),
        pod([4]),
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } },
      ]),
    ).toBe(7);
  });
});

describe('podsOfWorkload', () => {
  const obj = (
    kind: string,
    name: string,
    uid: string,
    owner?: string,
  ): KubeObject => ({
    apiVersion: 'v1',
    kind,
    metadata: {
      name,
      uid,
      ownerReferences: owner
        ? [{ kind: 'X', name: 'x', uid: owner }]
        : undefined,
    },
  });
  it('follows Deployment → ReplicaSet → Pod and CronJob → Job → Pod', () => {
    const resources = {
      replicasets: [
        obj('ReplicaSet', 'web-1', 'rs1', 'd1'),
        obj('ReplicaSet', 'other-1', 'rs2', 'd2'),
      ],
      jobs: [obj('Job', 'nightly-1', 'j1', 'c1')],
      pods: [
        obj('Pod', 'web-1-a', 'p1', 'rs1'),
        obj('Pod', 'other-1-a', 'p2', 'rs2'),
        obj('Pod', 'nightly-1-a', 'p3', 'j1'),
      ],
    };
    expect(
      podsOfWorkload(obj('Deployment', 'web', 'd1'), resources).map(
        p => p.metadata.name,
      ),
    ).toEqual(['web-1-a']);
    expect(
      podsOfWorkload(obj('CronJob', 'nightly', 'c1'), resources).map(
        p => p.metadata.name,
      ),
    ).toEqual(['nightly-1-a']);
  });
});
