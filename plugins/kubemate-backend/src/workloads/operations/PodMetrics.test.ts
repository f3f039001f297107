import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PodMetrics } from './PodMetrics';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop' },
};
const caller = {
  entityRef: 'component:default/web',
  credentials: mockCredentials.user(),
  actor: 'user:default/mock',
};
const ref = { cluster: 'c1', namespace: 'shop', name: 'web-1' };
const notFound = Object.assign(new Error('HTTP 404'), { code: 404 });

/** A cluster whose metrics API answers as given (the rest is not used). */
function metricsWith(custom: {
  getNamespacedCustomObject(): Promise<unknown>;
  getAPIResources(): Promise<unknown>;
}) {
  return new PodMetrics({
    clusters: { clients: () => ({ custom }) } as never,
    workloads: {
      objectsInCluster: async () => ({ pods: [pod] }),
    } as never,
    permissions: mockServices.permissions(),
  });
}

describe('PodMetrics', () => {
  it("reads a pod's usage per container in cores and bytes", async () => {
    const metrics = metricsWith({
      getNamespacedCustomObject: async () => ({
        timestamp: '2026-12-05T01:00:00Z',
        window: '30s',
        containers: [{ name: 'app', usage: { cpu: '250m', memory: '64Mi' } }],
      }),
      getAPIResources: async () => ({}),
    });
    await expect(metrics.read(caller, ref)).resolves.toEqual({
      status: 'ok',
      timestamp: '2026-12-05T01:00:00Z',
      window: '30s',
      containers: [
        { name: 'app', cpuCores: 0.25, memoryBytes: 64 * 1024 ** 2 },
      ],
    });
  });

  it('tells a cluster without metrics.k8s.io from a pod without a sample yet', async () => {
    const notServed = metricsWith({
      getNamespacedCustomObject: () => Promise.reject(notFound),
      getAPIResources: () => Promise.reject(notFound),
    });
    await expect(notServed.read(caller, ref)).resolves.toMatchObject({
      status: 'not-served',
      message: expect.stringMatching(/does not serve metrics\.k8s\.io/),
      containers: [],
    });
    const noSample = metricsWith({
      getNamespacedCustomObject: () => Promise.reject(notFound),
      getAPIResources: async () => ({ resources: [] }),
    });
    await expect(noSample.read(caller, ref)).resolves.toMatchObject({
      status: 'no-sample',
    });
  });

  it("refuses a pod that is not the entity's, and passes other API errors on", async () => {
    const metrics = metricsWith({
      getNamespacedCustomObject: () =>
        Promise.reject(Object.assign(new Error('HTTP 403'), { code: 403 })),
      getAPIResources: async () => ({}),
    });
    await expect(
      metrics.read(caller, { ...ref, name: 'other' }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(metrics.read(caller, ref)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });
});
