import { mockServices } from '@backstage/backend-test-utils';
import type { Simulator } from '@kubemate/kube-simulator';
import {
  patchDeploymentTemplate,
  startSeededSimulator,
} from '../../__testUtils__/simulatorBackend';
import {
  simulatorClusterService,
  waitFor,
} from '../../clusters/__testUtils__/simulatorClusters';
import type { ClusterService } from '../../clusters/ClusterService';
import {
  WorkloadChangeWatcher,
  type WorkloadChange,
} from './WorkloadChangeWatcher';

jest.setTimeout(60_000);

describe('WorkloadChangeWatcher on the shared informers', () => {
  let sim: Simulator;
  let service: ClusterService;

  beforeAll(async () => {
    sim = await startSeededSimulator();
    service = simulatorClusterService(sim);
  });
  afterAll(async () => {
    sim.faults.set({});
    await service.stop();
    await sim.stop();
  });

  it('reports spec changes, and what changed while the watch was down once it re-lists', async () => {
    // Watches end every half second and are resumed (from their resourceVersion, no re-list).
    sim.faults.set({ dropWatchesAfterMs: 500 });
    const cache = service.watchCache('sim');
    // Another consumer listed first: what it holds is the first list, not changes.
    await cache.start();
    const changes: WorkloadChange[] = [];
    const watcher = new WorkloadChangeWatcher({
      cache,
      kinds: ['Deployment'],
      namespaces: ['bank-payments'],
      onChange: c => changes.push(c),
      logger: mockServices.logger.mock(),
    });
    await watcher.start();
    expect(changes).toEqual([]);

    await patchDeploymentTemplate(sim, 'bank-payments', 'payments-api-v1', '1');
    await waitFor(() => changes.length > 0, 'the spec change');
    expect(changes).toEqual([
      {
        kind: 'Deployment',
        namespace: 'bank-payments',
        name: 'payments-api-v1',
        type: 'updated',
      },
    ]);

    // The Deployments watch cannot be resumed; a change made meanwhile is found by the re-list.
    sim.faults.set({
      dropWatchesAfterMs: 500,
      rules: [
        { verb: 'watch', resource: 'deployments', errorRate: 1, code: 500 },
      ],
    });
    await waitFor(() => !cache.isSynced(), 'the watch to fail');
    changes.length = 0;
    sim.objects.delete(
      sim.registry.lookup('apps', 'v1', 'deployments')!,
      'bank-payments',
      'payments-api-v2',
      {},
    );
    sim.faults.set({});
    await waitFor(() => cache.isSynced(), 'the re-list');
    await waitFor(() => changes.length > 0, 'the deletion');
    expect(changes).toEqual([
      {
        kind: 'Deployment',
        namespace: 'bank-payments',
        name: 'payments-api-v2',
        type: 'deleted',
      },
    ]);
    watcher.stop();
  });
});
