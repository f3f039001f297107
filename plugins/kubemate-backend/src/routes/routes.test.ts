import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
  testComponent as component,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(60_000);

const entities = [
  component('payments-api', {
    'backstage.io/kubernetes-id': 'payments-api',
    'backstage.io/kubernetes-namespace': 'bank-payments',
  }),
  component(
    'erp-finance',
    { 'backstage.io/kubernetes-id': 'erp-finance' },
    undefined,
    'team-erp',
  ),
  // team-banking claiming erp-finance's workloads: tenancy keeps its routes out too.
  component('claims-erp', { 'backstage.io/kubernetes-id': 'erp-finance' }),
];
const routesOf = (name: string) =>
  `/api/kubemate/entities/component/default/${name}/routes`;

describe('entity routes API against the Kubernetes simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it("lists the HTTPRoutes sending to or attached to the entity's Services, with weights and status", async () => {
    const tb = await startKubemateBackend({ sim, entities });
    const res = await request(tb.server).get(routesOf('payments-api'));
    expect(res.status).toBe(200);
    const [cluster] = res.body.items;
    expect(cluster).toMatchObject({ cluster: 'sim', status: 'ok' });
    expect(cluster.notInstalled).toEqual([]);
    const byName = Object.fromEntries(
      cluster.httpRoutes.map((r: { name: string }) => [r.name, r]),
    );
    expect(Object.keys(byName).sort()).toEqual([
      'payments-api',
      'payments-api-split',
    ]);
    expect(byName['payments-api-split'].parents).toEqual([
      expect.objectContaining({
        kind: 'Service',
        namespace: 'bank-payments',
        name: 'payments-api',
        port: 8080,
      }),
    ]);
    expect(
      byName['payments-api-split'].rules[0].backends.map(
        (b: { name: string; weight: number; percent: number }) => [
          b.name,
          b.weight,
          b.percent,
        ],
      ),
    ).toEqual([
      ['payments-api-v1', 90, 90],
      ['payments-api-v2', 10, 10],
    ]);
    const gateway = byName['payments-api'];
    expect(gateway.hostnames).toEqual(['api.payments.bank.example.com']);
    expect(gateway.rules[0].matches).toEqual(['PathPrefix /api/v1/payments']);
    expect(gateway.parents[0]).toMatchObject({
      kind: 'Gateway',
      name: 'bank-payments-gateway',
      sectionName: 'https',
    });
    // The simulator reports status as an implementation would.
    expect(
      gateway.parents[0].conditions.map((c: { type: string }) => c.type),
    ).toContain('Accepted');
    expect(cluster.ingressRoutes).toEqual([]);
    await tb.stop();
  });

  it('lists legacy Traefik IngressRoutes, only for the owner of their namespace', async () => {
    const tb = await startKubemateBackend({ sim, entities });
    const res = await request(tb.server).get(routesOf('erp-finance'));
    expect(res.status).toBe(200);
    expect(res.body.items[0].ingressRoutes).toEqual([
      expect.objectContaining({
        apiVersion: 'traefik.io/v1alpha1',
        namespace: 'erp-finance',
        name: 'erp-finance',
        entryPoints: ['web'],
        routes: [
          {
            match: 'Host(`finance.erp.example.com`) && PathPrefix(`/`)',
            services: [{ name: 'erp-finance', port: 8080 }],
            middlewares: [],
          },
        ],
      }),
    ]);
    // The group of Traefik before v3 is read too.
    sim.apply([
      {
        apiVersion: 'traefik.containo.us/v1alpha1',
        kind: 'IngressRoute',
        metadata: { name: 'erp-finance-old', namespace: 'erp-finance' },
        spec: {
          routes: [
            {
              match: 'PathPrefix(`/old`)',
              kind: 'Rule',
              services: [{ name: 'erp-finance', port: 8080 }],
            },
          ],
        },
      },
    ]);
    let names: string[] = [];
    for (let i = 0; i < 50 && names.length < 2; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      names = (
        await request(tb.server).get(routesOf('erp-finance'))
      ).body.items[0].ingressRoutes.map((r: { name: string }) => r.name);
    }
    expect(names.sort()).toEqual(['erp-finance', 'erp-finance-old']);

    const claimed = await request(tb.server).get(routesOf('claims-erp'));
    expect(claimed.body.items[0].ingressRoutes).toEqual([]);
    expect(claimed.body.items[0].httpRoutes).toEqual([]);
    await tb.stop();
  });

  it('refuses callers without kubemate.route.read', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities,
      permissions: permissionsDenying('kubemate.route.read'),
    });
    const res = await request(tb.server).get(routesOf('payments-api'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      "Missing permission 'kubemate.route.read' on 'component:default/payments-api'",
    );
    await tb.stop();
  });
});
