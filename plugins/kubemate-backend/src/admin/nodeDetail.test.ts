import type { Simulator } from '@kubemate/kube-simulator';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import request from 'supertest';
import {
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

type Obj = Record<string, any>;

/** A Prometheus HTTP API answering range queries with two samples; records the queries. */
function fakePrometheus(queries: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    queries.push(url.searchParams.get('query') ?? '');
    const memory = url.searchParams.get('query')!.includes('memory');
    res.setHeader('Content-Type', 'application/json');
    res.end(
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            {
              metric: {},
              values: [
                [1000, memory ? '1048576' : '0.5'],
                [1060, memory ? '2097152' : '0.75'],
              ],
            },
          ],
        },
      }),
    );
  });
  return new Promise(r => server.listen(0, '127.0.0.1', () => r(server)));
}

describe('node detail in the admin console', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it('gives a node its pods, events, conditions, taints and labels; no Prometheus configured', async () => {
    const node = (sim.store.list('/nodes') as Obj[])[0];
    const name = node.metadata.name as string;
    sim.apply([
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'node-detail-test', namespace: 'default' },
        involvedObject: { kind: 'Node', name },
        type: 'Warning',
        reason: 'NodeDetailTest',
        message: 'disk is slow',
        count: 1,
      },
    ]);
    const tb = await startKubemateBackend({ sim, entities: [] });
    const res = await request(tb.server).get(
      `/api/kubemate/clusters/sim/nodes/${name}`,
    );
    expect(res.status).toBe(200);
    const mine = (sim.store.list('/pods') as Obj[]).filter(
      p => p.spec?.nodeName === name,
    );
    expect(
      res.body.pods.map((p: Obj) => `${p.namespace}/${p.name}`).sort(),
    ).toEqual(
      mine.map(p => `${p.metadata.namespace}/${p.metadata.name}`).sort(),
    );
    expect(res.body.node.name).toBe(name);
    expect(res.body.node.labels).toEqual(node.metadata.labels ?? {});
    expect(res.body.node.conditions.map((c: Obj) => c.type)).toContain('Ready');
    expect(res.body.events.map((e: Obj) => e.reason)).toContain(
      'NodeDetailTest',
    );
    expect(res.body.history.state).toBe('not-configured');
    expect(
      (await request(tb.server).get('/api/kubemate/clusters/sim/nodes/nope'))
        .status,
    ).toBe(404);
    await tb.stop();
  });

  it('reads usage history from the Prometheus of the cluster, and tells an unavailable one apart', async () => {
    const name = (sim.store.list('/nodes') as Obj[])[0].metadata.name;
    const queries: string[] = [];
    const prom = await fakePrometheus(queries);
    const port = (prom.address() as AddressInfo).port;
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      kubemate: {
        metrics: {
          clusters: {
            sim: { prometheus: { url: `http://127.0.0.1:${port}` } },
          },
        },
      },
    });
    const res = await request(tb.server).get(
      `/api/kubemate/clusters/sim/nodes/${name}`,
    );
    expect(res.body.history).toMatchObject({
      state: 'ok',
      cpu: [
        [1000, 0.5],
        [1060, 0.75],
      ],
      memory: [
        [1000, 1048576],
        [1060, 2097152],
      ],
    });
    expect(queries.some(q => q.includes(`node="${name}"`))).toBe(true);
    await tb.stop();
    await new Promise(r => prom.close(r));

    // Nothing listens there any more.
    const down = await startKubemateBackend({
      sim,
      entities: [],
      kubemate: {
        metrics: {
          clusters: {
            sim: { prometheus: { url: `http://127.0.0.1:${port}` } },
          },
        },
      },
    });
    const res2 = await request(down.server).get(
      `/api/kubemate/clusters/sim/nodes/${name}`,
    );
    expect(res2.status).toBe(200);
    expect(res2.body.history.state).toBe('unavailable');
    await down.stop();
  });
});
