import http from 'http';
import { EXAMPLE_CLUSTER_PATH, Simulator, startSimulator } from '../simulator';
import { KObject } from '../util/types';
import { answerGatewayRequest } from './gatewayHttp';
import { ERROR_RATE_ANN } from './traffic';

const GW = 'gateway.networking.k8s.io';

describe("the Gateways' data plane", () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      seed: [EXAMPLE_CLUSTER_PATH],
      controllers: { startDelayMs: 10, scheduleDelayMs: 10, tickMs: 20 },
      gatewayPort: 0,
    });
    // Rollouts and endpoints: a few controller passes.
    for (let i = 0; i < 5; i++) await sim.reconcileNow();
    for (let i = 0; i < 100; i++) {
      const ep = sim.store.get('/endpoints', 'bank-core', 'accounts-service');
      if (
        (ep?.subsets as Array<{ addresses?: unknown[] }> | undefined)?.[0]
          ?.addresses?.length
      )
        break;
      await new Promise(r => setTimeout(r, 50));
    }
  });

  afterAll(() => sim?.stop());

  /** A request with our Host header (fetch does not let one set it). */
  const get = (
    host: string,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json(): Promise<unknown> }> =>
    new Promise((resolve, reject) => {
      const req = http.get(
        `${sim.gatewayUrl}${path}`,
        { headers: { host, ...headers } },
        res => {
          let body = '';
          res.on('data', c => (body += c));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              json: async () => JSON.parse(body),
            }),
          );
        },
      );
      req.on('error', reject);
    });

  it('answers a request on a seeded listener through its HTTPRoute to a Ready pod', async () => {
    const res = await get(
      'accounts.core.bank.example.com',
      '/api/v1/accounts/42',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      gateway: 'bank-core/bank-core-gateway',
      listener: 'http',
      route: 'bank-core/accounts-service',
      rule: 0,
      service: 'bank-core/accounts-service',
      pod: expect.stringMatching(/^accounts-service-/),
    });
  });

  it('answers 404 for a path no rule matches and a host no listener serves', () => {
    const store = sim.store;
    expect(
      answerGatewayRequest(store, {
        method: 'GET',
        host: 'accounts.core.bank.example.com',
        path: '/elsewhere',
        headers: {},
      }),
    ).toMatchObject({ status: 404 });
    expect(
      answerGatewayRequest(store, {
        method: 'GET',
        host: 'nobody.example.org',
        path: '/',
        headers: {},
      }).body,
    ).toMatch(/no gateway listener for host nobody\.example\.org/);
  });

  it('prefers the more specific rule, follows header matches and answers 503 without Ready endpoints', async () => {
    const ns = 'bank-core';
    sim.apply([
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'nobody', namespace: ns },
        spec: { selector: { app: 'nobody' }, ports: [{ port: 8080 }] },
      },
      {
        apiVersion: `${GW}/v1`,
        kind: 'HTTPRoute',
        metadata: { name: 'probe-test', namespace: ns },
        spec: {
          parentRefs: [{ name: 'bank-core-gateway', sectionName: 'http' }],
          hostnames: ['probe.core.bank.example.com'],
          rules: [
            {
              matches: [{ path: { type: 'PathPrefix', value: '/' } }],
              backendRefs: [{ name: 'accounts-service', port: 8080 }],
            },
            {
              matches: [{ path: { type: 'PathPrefix', value: '/down' } }],
              backendRefs: [{ name: 'nobody', port: 8080 }],
            },
            {
              matches: [
                {
                  path: { type: 'PathPrefix', value: '/' },
                  headers: [{ name: 'x-canary', value: 'yes' }],
                },
              ],
              backendRefs: [{ name: 'nobody', port: 8080 }],
            },
          ],
        },
      } as KObject,
    ]);
    await sim.reconcileNow();
    const host = 'probe.core.bank.example.com';
    expect((await get(host, '/health')).status).toBe(200);
    expect(await (await get(host, '/health')).json()).toMatchObject({
      rule: 0,
    });
    const down = await get(host, '/down/x');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ error: 'no healthy upstream' });
    expect((await get(host, '/health', { 'x-canary': 'yes' })).status).toBe(
      503,
    );
    // A route that does not attach (a listener it names does not exist) is not served.
    sim.apply([
      {
        apiVersion: `${GW}/v1`,
        kind: 'HTTPRoute',
        metadata: { name: 'probe-test', namespace: ns },
        spec: {
          parentRefs: [{ name: 'bank-core-gateway', sectionName: 'nope' }],
          hostnames: [host],
          rules: [{ backendRefs: [{ name: 'accounts-service', port: 8080 }] }],
        },
      } as KObject,
    ]);
    expect((await get(host, '/health')).status).toBe(404);
  });

  it("applies the backend Service's error rate", () => {
    const svc = sim.store.get('/services', 'bank-core', 'accounts-service')!;
    sim.apply([
      {
        ...svc,
        metadata: {
          ...svc.metadata,
          annotations: { ...svc.metadata.annotations, [ERROR_RATE_ANN]: '1' },
        },
      },
    ]);
    expect(
      answerGatewayRequest(sim.store, {
        method: 'GET',
        host: 'accounts.core.bank.example.com',
        path: '/api/v1/accounts',
        headers: {},
      }).status,
    ).toBe(500);
  });
});
