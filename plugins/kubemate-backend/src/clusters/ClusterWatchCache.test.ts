import { mockServices } from '@backstage/backend-test-utils';
import type { Simulator } from '@kubemate/kube-simulator';
import { startSeededSimulator } from '../__testUtils__/simulatorBackend';
import { simulatorCluster, waitFor } from './__testUtils__/simulatorClusters';
import { createClusterClients } from './ClusterClients';
import {
  ClusterWatchCache,
  type ClusterWatchCacheOptions,
} from './ClusterWatchCache';
import { indexKey } from './ObjectIndex';

const cacheOf = (
  sim: Simulator,
  options: Partial<ClusterWatchCacheOptions>,
) => {
  const cluster = simulatorCluster(sim);
  return new ClusterWatchCache(
    cluster,
    createClusterClients(cluster.kubeConfig, { timeoutMs: 10_000 }),
    mockServices.logger.mock(),
    options,
  );
};

jest.setTimeout(60_000);

const replicasOf = (cache: ClusterWatchCache, name: string) =>
  (
    cache.get('deployments', 'bank-payments', name) as unknown as {
      spec: { replicas: number };
    }
  )?.spec.replicas;

describe('ClusterWatchCache', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterEach(() => sim.faults.set({}));
  afterAll(() => sim.stop());

  it('recovers from a failing watch with a fresh list, seeing what changed while it was away', async () => {
    const cache = cacheOf(sim, { maxBackoffMs: 200, resyncIntervalMs: 0 });
    // Deployments can be listed but not watched: the cache must say it is not in sync.
    sim.faults.set({
      rules: [
        { verb: 'watch', resource: 'deployments', errorRate: 1, code: 500 },
      ],
    });
    await cache.start();
    await waitFor(() => !cache.isSynced(), 'the cache to notice');
    expect(cache.problem()).toMatch(/^deployments: /);
    const before = replicasOf(cache, 'payments-api-v1') ?? 1;

    // A change it cannot see through the watch…
    const stored = sim.store.get(
      'apps/deployments',
      'bank-payments',
      'payments-api-v1',
    )!;
    sim.objects.update(
      sim.registry.lookup('apps', 'v1', 'deployments')!,
      'bank-payments',
      'payments-api-v1',
      { ...stored, spec: { ...stored.spec, replicas: before + 2 } },
      { manager: 'test' },
    );
    sim.faults.set({});
    // …is picked up by the relist of the restarted generation.
    await waitFor(() => cache.isSynced(), 'the cache to recover');
    await waitFor(
      () => replicasOf(cache, 'payments-api-v1') === before + 2,
      'the change made during the outage',
    );
    // The indexes follow the new generation.
    const labelled = [
      ...cache.lookup(
        'deployments',
        indexKey.label('backstage.io/kubernetes-id', 'payments-api'),
      ),
    ];
    expect(labelled.map(d => d.metadata.name)).toContain('payments-api-v1');
    await cache.stop();
  });

  it('resyncs in the background without ever going out of sync', async () => {
    const cache = cacheOf(sim, { resyncIntervalMs: 0 });
    await cache.start();
    const pods = cache.list('pods').length;
    let unsynced = 0;
    const probe = setInterval(() => {
      if (!cache.isSynced()) unsynced++;
    }, 1);
    cache.resync();
    await new Promise(r => setTimeout(r, 1000));
    clearInterval(probe);
    expect(unsynced).toBe(0);
    expect(cache.list('pods').length).toBe(pods);
    await cache.stop();
  });
});
