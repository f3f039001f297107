import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  startKubemateBackend,
  startSeededSimulator,
  testComponent as component,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

const entities = [
  component(
    'erp-finance',
    { 'backstage.io/kubernetes-id': 'erp-finance' },
    undefined,
    'team-erp',
  ),
];
const base = '/api/kubemate/entities/component/default/erp-finance/routes';
const seeded = {
  cluster: 'sim',
  ingressRoute: {
    apiVersion: 'traefik.io/v1alpha1',
    namespace: 'erp-finance',
    name: 'erp-finance',
  },
};

describe('IngressRoute → HTTPRoute migration against the Kubernetes simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
    // erp-finance's own Gateway, as onboarding makes it.
    sim.apply([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'erp-finance-gateway', namespace: 'erp-finance' },
        spec: {
          gatewayClassName: 'traefik',
          listeners: [
            {
              name: 'http',
              protocol: 'HTTP',
              port: 9001,
              allowedRoutes: { namespaces: { from: 'Same' } },
            },
          ],
        },
      },
    ]);
  });
  afterAll(() => sim.stop());

  const httpRoute = (name: string) =>
    sim.store.get(
      'gateway.networking.k8s.io/httproutes',
      'erp-finance',
      name,
    ) as any;
  const ingressRoute = () =>
    sim.store.get('traefik.io/ingressroutes', 'erp-finance', 'erp-finance');

  it('previews the seeded IngressRoute: HTTPRoute YAML, dry-run diff, parity of sample requests', async () => {
    const tb = await startKubemateBackend({ sim, entities });
    const res = await request(tb.server)
      .post(`${base}/migrate/preview`)
      .send({
        ...seeded,
        requests: [{ host: 'finance.erp.example.com', path: '/ledger/2026' }],
      });
    expect(res.status).toBe(200);
    expect(res.body.notConvertible).toEqual([]);
    expect(res.body.yaml).toContain('kind: HTTPRoute');
    expect(res.body.yaml).toContain('finance.erp.example.com');
    expect(res.body.yaml).toContain('name: erp-finance-gateway');
    expect(res.body.routes).toEqual([
      expect.objectContaining({
        namespace: 'erp-finance',
        name: 'erp-finance',
        issues: [],
        exists: false,
      }),
    ]);
    expect(res.body.routes[0].diff).toContain('+kind: HTTPRoute');
    expect(res.body.parity.rows.length).toBeGreaterThan(1);
    expect(
      res.body.parity.rows.some(
        (r: { request: { path: string } }) => r.request.path === '/ledger/2026',
      ),
    ).toBe(true);
    expect(res.body.parity.mismatches).toEqual([]);
    expect(httpRoute('erp-finance')).toBeUndefined();
    await tb.stop();
  });

  it('applies: creates the HTTPRoute and keeps the IngressRoute until the route is Accepted, then deletes it', async () => {
    const tb = await startKubemateBackend({ sim, entities });
    const res = await request(tb.server)
      .post(`${base}/migrate/apply`)
      .send(seeded);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      created: [{ namespace: 'erp-finance', name: 'erp-finance' }],
      ingressRouteKept: true,
    });
    expect(ingressRoute()).toBeDefined();
    const spec = httpRoute('erp-finance').spec;
    expect(spec.hostnames).toEqual(['finance.erp.example.com']);
    expect(spec.rules[0].backendRefs).toEqual([
      expect.objectContaining({ name: 'erp-finance', port: 8080 }),
    ]);

    // The Routes tab shows the new route Accepted by the Gateway's implementation.
    let accepted = false;
    for (let i = 0; i < 50 && !accepted; i++) {
      const tab = await request(tb.server).get(base);
      const created = tab.body.items[0].httpRoutes.find(
        (r: { name: string }) => r.name === 'erp-finance',
      );
      accepted = !!created?.parents[0]?.conditions.some(
        (c: { type: string; status: string }) =>
          c.type === 'Accepted' && c.status === 'True',
      );
      if (!accepted) await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(accepted).toBe(true);

    // Applying again creates nothing: the route exists (all or nothing).
    const again = await request(tb.server)
      .post(`${base}/migrate/apply`)
      .send(seeded);
    expect(again.status).toBe(409);

    const removed = await request(tb.server)
      .delete(`${base}/sim/erp-finance/erp-finance`)
      .query({ kind: 'IngressRoute' });
    expect(removed.status).toBe(200);
    expect(removed.body.deleted).toBe(
      'traefik.io/v1alpha1 IngressRoute erp-finance/erp-finance',
    );
    expect(ingressRoute()).toBeUndefined();

    const audit = await request(tb.server)
      .get('/api/kubemate/audit')
      .query({ namespace: 'erp-finance' });
    expect(
      audit.body.items.map(
        (e: { operation: string; result: string }) =>
          `${e.operation} ${e.result}`,
      ),
    ).toEqual(
      expect.arrayContaining([
        'route-migrate succeeded',
        'route-delete succeeded',
      ]),
    );
    await tb.stop();
  });

  it('lists what cannot be converted, with reasons, and refuses to apply nothing', async () => {
    sim.apply([
      {
        apiVersion: 'traefik.containo.us/v1alpha1',
        kind: 'IngressRoute',
        metadata: { name: 'erp-legacy', namespace: 'erp-finance' },
        spec: {
          entryPoints: ['web'],
          routes: [
            {
              kind: 'Rule',
              match: 'Host(`a.example.com`) || Host(`b.example.com`)',
              services: [{ name: 'erp-finance', port: 8080 }],
            },
            {
              kind: 'Rule',
              match: 'ClientIP(`10.0.0.0/8`)',
              services: [{ name: 'erp-finance', port: 8080 }],
            },
          ],
        },
      },
    ]);
    const tb = await startKubemateBackend({ sim, entities });
    const body = {
      cluster: 'sim',
      ingressRoute: {
        apiVersion: 'traefik.containo.us/v1alpha1',
        namespace: 'erp-finance',
        name: 'erp-legacy',
      },
    };
    let preview = await request(tb.server)
      .post(`${base}/migrate/preview`)
      .send(body);
    for (let i = 0; i < 50 && preview.status === 404; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      preview = await request(tb.server)
        .post(`${base}/migrate/preview`)
        .send(body);
    }
    expect(preview.status).toBe(200);
    expect(
      preview.body.notConvertible.map((p: { what: string }) => p.what),
    ).toEqual(expect.arrayContaining(['||']));
    expect(preview.body.notConvertible.length).toBe(2);
    expect(
      preview.body.notConvertible.every((p: { reason: string }) => p.reason),
    ).toBe(true);
    const apply = await request(tb.server)
      .post(`${base}/migrate/apply`)
      .send(body);
    expect(apply.status).toBe(400);
    expect(apply.body.error.message).toMatch(/can be converted/);
    await tb.stop();
  });
});
