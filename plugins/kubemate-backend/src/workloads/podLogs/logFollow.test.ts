import type { Simulator } from '@kubemate/kube-simulator';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  componentWithId,
  startKubemateBackend,
  startSeededSimulator,
} from '../../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

const ACCOUNTS = '/api/kubemate/entities/component/default/accounts-service';

async function eventually<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (ok(value)) return value;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen`);
}

describe('followed logs are bounded', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterEach(() => sim.faults.set({}));
  afterAll(() => sim.stop());

  async function backendWithPod(logs: Record<string, number>) {
    const tb = await startKubemateBackend({
      sim,
      entities: [componentWithId('accounts-service')],
      kubemate: { logs },
    });
    const resources = await eventually(
      async () =>
        (
          await request(tb.server).get(`${ACCOUNTS}/workloads`)
        ).body.clusters?.[0]?.resources,
      r => r?.pods?.some((p: any) => p.status?.phase === 'Running') ?? false,
      'a running pod',
    );
    const pod = resources.pods.find((p: any) => p.status?.phase === 'Running')
      .metadata.name;
    const query = { cluster: 'sim', namespace: 'bank-core', name: pod };
    return { tb, query };
  }

  /** Opens a followed log as a browser would and returns the request, unanswered yet. */
  function openFollow(server: http.Server, query: Record<string, string>) {
    const { port } = server.address() as AddressInfo;
    const params = new URLSearchParams({ ...query, follow: 'true' });
    const req = http.get(
      `http://127.0.0.1:${port}${ACCOUNTS}/logs?${params}`,
      res => res.resume(),
    );
    req.on('error', () => undefined);
    return req;
  }

  it('ends a followed log after kubemate.logs.maxFollowMs with a last line saying why', async () => {
    const { tb, query } = await backendWithPod({ maxFollowMs: 1000 });
    const started = Date.now();
    const res = await request(tb.server)
      .get(`${ACCOUNTS}/logs`)
      .query({ ...query, follow: true });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.text.trimEnd().split('\n').pop()).toBe(
      '[kubemate] log stream ended after 1 s, the longest a followed log lasts (kubemate.logs.maxFollowMs); follow again to continue',
    );
    await tb.stop();
  });

  it('answers 429 beyond kubemate.logs.maxFollowsPerUser followed logs of one user, and frees a slot when the browser goes away before the API server answered', async () => {
    const { tb, query } = await backendWithPod({ maxFollowsPerUser: 1 });
    const server = tb.server as unknown as http.Server;
    // The API server is slow: the first follow is still waiting for it.
    sim.faults.set({ latencyMs: 2000 });
    const first = openFollow(server, query);
    await new Promise(resolve => setTimeout(resolve, 300));
    const second = await request(tb.server)
      .get(`${ACCOUNTS}/logs`)
      .query({ ...query, follow: true });
    expect(second.status).toBe(429);
    expect(second.body.error.message).toBe(
      'You already follow 1 log streams, the most one user may follow at once (kubemate.logs.maxFollowsPerUser); close one first',
    );
    // The browser goes away before the API server answered: the slot is free again.
    first.destroy();
    sim.faults.set({});
    const third = await eventually(
      async () => {
        const req = openFollow(server, query);
        const status = await new Promise<number>(resolve =>
          req.on('response', r => resolve(r.statusCode ?? 0)),
        );
        req.destroy();
        return status;
      },
      status => status === 200,
      'a follow after the first one went away',
    );
    expect(third).toBe(200);
    await tb.stop();
  });
});
