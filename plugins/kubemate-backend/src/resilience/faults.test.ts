import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  componentWithId,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

const WORKLOADS =
  '/api/kubemate/entities/component/default/payments-api/workloads';
const entities = [
  {
    ...componentWithId('payments-api'),
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-id': 'payments-api',
        'backstage.io/kubernetes-namespace': 'bank-payments',
      },
    },
  },
];
const names = (objects: Array<{ metadata: { name: string } }>) =>
  objects.map(o => o.metadata.name);

/** Polls until `ok` holds of what `read` answers, or fails naming `what`. */
async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 200));
    last = await read();
  }
  return last;
}

describe('faults survived', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterEach(() => sim.faults.set({}));
  afterAll(() => sim.stop());

  it('resyncs its caches when the API server keeps dropping watches', async () => {
    const tb = await startKubemateBackend({ sim, entities });
    const configMaps = async () =>
      names(
        (await request(tb.server).get(WORKLOADS)).body.clusters[0].resources
          .configmaps,
      );
    await configMaps();
    sim.faults.set({ dropWatchesAfterMs: 300 });
    // Let a few watches drop before the change, so it lands on a re-established one.
    await new Promise(resolve => setTimeout(resolve, 1000));
    sim.apply([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'after-the-drops',
          namespace: 'bank-payments',
          labels: { 'backstage.io/kubernetes-id': 'payments-api' },
        },
        data: { a: '1' },
      },
    ]);
    const seen = await eventually(
      configMaps,
      n => n.includes('after-the-drops'),
      'the ConfigMap made while watches drop',
    );
    expect(seen.filter(n => n === 'after-the-drops')).toHaveLength(1);
    await tb.stop();
  });

  it('answers pages from the cache while every API call takes 2 s', async () => {
    const tb = await startKubemateBackend({ sim, entities });
    await request(tb.server).get(WORKLOADS).expect(200);
    sim.faults.set({ latencyMs: 2000 });
    const started = Date.now();
    const page = await request(tb.server).get(WORKLOADS);
    const took = Date.now() - started;
    expect(page.status).toBe(200);
    expect(page.body.clusters[0].status).toBe('ok');
    expect(names(page.body.clusters[0].resources.deployments)).toContain(
      'payments-api-v1',
    );
    expect(took).toBeLessThan(1500);
    await tb.stop();
  });

  it('answers 503 on the panels that need the catalog when it is down, and serves the rest', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities,
      catalog: catalogServiceMock.mock({
        getEntityByRef: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
        },
      }).factory,
    });
    const page = await request(tb.server).get(WORKLOADS);
    expect(page.status).toBe(503);
    expect(page.body.error.message).toBe(
      'The catalog could not be read: connect ECONNREFUSED 127.0.0.1:7007',
    );
    const clusters = await request(tb.server).get('/api/kubemate/clusters');
    expect(clusters.status).toBe(200);
    expect(clusters.body.items[0]).toMatchObject({ name: 'sim' });
    await tb.stop();
  });
});
