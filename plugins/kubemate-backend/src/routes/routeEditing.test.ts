import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
  testComponent as component,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

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
];
const base = '/api/kubemate/entities/component/default/payments-api/routes';

/** A valid route to payments-api on the namespace's Gateway listener. */
const draft = (name: string, spec: Record<string, unknown> = {}) => ({
  cluster: 'sim',
  route: {
    metadata: { namespace: 'bank-payments', name },
    spec: {
      parentRefs: [{ name: 'bank-payments-gateway', sectionName: 'https' }],
      hostnames: ['api.payments.bank.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: `/${name}` } }],
          backendRefs: [{ name: 'payments-api', port: 8080 }],
        },
      ],
      ...spec,
    },
  },
});

describe('route editing API against the Kubernetes simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  const stored = (name: string) =>
    sim.store.get(
      'gateway.networking.k8s.io/httproutes',
      'bank-payments',
      name,
    ) as any;

  it('previews with a dry run, creates with the defaults written out, and refuses to create twice', async () => {
    const tb = await startKubemateBackend({ sim, entities });
    const preview = await request(tb.server)
      .post(`${base}/preview`)
      .send({ ...draft('orders'), mode: 'create' });
    expect(preview.status).toBe(200);
    expect(preview.body.yaml).toContain('kind: HTTPRoute');
    expect(preview.body.diff).toContain('+  name: orders');
    expect(preview.body.diff).toContain('+          name: payments-api');
    expect(preview.body.conflicts).toEqual([]);
    expect(stored('orders')).toBeUndefined();

    const created = await request(tb.server).post(base).send(draft('orders'));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      cluster: 'sim',
      namespace: 'bank-payments',
      name: 'orders',
    });
    // GitOps tools must see no drift: what the API server would default is written.
    const spec = stored('orders').spec;
    expect(spec.parentRefs[0]).toMatchObject({
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      name: 'bank-payments-gateway',
    });
    expect(spec.rules[0].backendRefs[0]).toEqual({
      group: '',
      kind: 'Service',
      name: 'payments-api',
      port: 8080,
      weight: 1,
    });

    const again = await request(tb.server).post(base).send(draft('orders'));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already exists/);

    const audit = await request(tb.server)
      .get('/api/kubemate/audit')
      .query({ operation: 'route-create', name: 'orders' });
    expect(audit.body.items.map((e: { result: string }) => e.result)).toEqual([
      'failed',
      'succeeded',
    ]);
    await tb.stop();
  });

  it('answers 400 with every problem at its field, as the form shows them', async () => {
    const tb = await startKubemateBackend({ sim, entities });
    const bad = draft('bad', {
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: 'api//x' } }],
          filters: [
            {
              type: 'RequestRedirect',
              requestRedirect: { statusCode: 301 },
            },
          ],
          backendRefs: [{ name: 'payments-api', port: 8080, weight: 2000000 }],
        },
      ],
    });
    const res = await request(tb.server).post(base).send(bad);
    expect(res.status).toBe(400);
    const paths = res.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'spec.rules[0].matches[0].path.value',
        'spec.rules[0].backendRefs[0].weight',
      ]),
    );
    expect(res.body.error.message).toMatch(/^Invalid HTTPRoute: /);
    expect(stored('bad')).toBeUndefined();

    // Tenancy: another team's namespace, another namespace's backend.
    const elsewhere = draft('elsewhere');
    elsewhere.route.metadata.namespace = 'erp-finance';
    const outside = await request(tb.server).post(base).send(elsewhere);
    expect(outside.status).toBe(400);
    expect(outside.body.issues[0]).toMatchObject({
      path: 'metadata.namespace',
    });
    const crossing = await request(tb.server)
      .post(base)
      .send(
        draft('crossing', {
          rules: [
            {
              backendRefs: [
                { name: 'erp-finance', namespace: 'erp-finance', port: 8080 },
              ],
            },
          ],
        }),
      );
    expect(crossing.status).toBe(400);
    expect(crossing.body.issues.map((i: { path: string }) => i.path)).toContain(
      'spec.rules[0].backendRefs[0].namespace',
    );
    await tb.stop();
  });

  it('updates only from the version the editor loaded (409 otherwise, audited)', async () => {
    const tb = await startKubemateBackend({ sim, entities });
    await request(tb.server).post(base).send(draft('refunds')).expect(200);
    // The editor's view: before the implementation wrote the route's status.
    const loaded = stored('refunds').metadata.resourceVersion;
    const generation = stored('refunds').metadata.generation;
    const edit = draft('refunds', {
      rules: [
        {
          matches: [{ path: { type: 'Exact', value: '/refunds/v2' } }],
          backendRefs: [{ name: 'payments-api', port: 8080 }],
        },
      ],
    });
    const target = `${base}/sim/bank-payments/refunds`;
    const missing = await request(tb.server).put(target).send(edit);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/resourceVersion is required/);

    const stale = structuredClone(edit) as any;
    stale.route.metadata.resourceVersion = '1';
    const conflict = await request(tb.server).put(target).send(stale);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toMatch(
      /has changed since you loaded it/,
    );

    // Only status moved since (the spec's generation is the same): not a conflict.
    const fresh = structuredClone(edit) as any;
    fresh.route.metadata.resourceVersion = loaded;
    fresh.route.metadata.generation = generation;
    const ok = await request(tb.server).put(target).send(fresh);
    expect(ok.status).toBe(200);
    // The spec moved on since that view: a conflict.
    const again = await request(tb.server).put(target).send(fresh);
    expect(again.status).toBe(409);
    expect(stored('refunds').spec.rules[0].matches[0].path).toEqual({
      type: 'Exact',
      value: '/refunds/v2',
    });
    const audit = await request(tb.server)
      .get('/api/kubemate/audit')
      .query({ operation: 'route-update', name: 'refunds' });
    expect(audit.body.items.map((e: { result: string }) => e.result)).toEqual([
      'denied',
      'succeeded',
      'denied',
    ]);
    expect(audit.body.items[1].beforeYaml).toContain('/refunds');
    await tb.stop();
  });

  it('shows conflicts with the routes at the same parent before saving, and on the tab', async () => {
    const tb = await startKubemateBackend({ sim, entities });
    // The seeded payments-api route serves PathPrefix /api/v1/payments on this listener.
    const copy = draft('copycat', {
      rules: [
        {
          matches: [
            { path: { type: 'PathPrefix', value: '/api/v1/payments' } },
          ],
          backendRefs: [{ name: 'payments-api-v2', port: 8080 }],
        },
      ],
    });
    const preview = await request(tb.server)
      .post(`${base}/preview`)
      .send({ ...copy, mode: 'create' });
    expect(preview.status).toBe(200);
    expect(preview.body.conflicts).toEqual([
      expect.objectContaining({
        parent: 'Gateway bank-payments/bank-payments-gateway/https:443',
        hostname: 'api.payments.bank.example.com',
        match: 'PathPrefix /api/v1/payments',
        // The older route wins.
        winner: 'bank-payments/payments-api',
        routes: ['bank-payments/payments-api', 'bank-payments/copycat'],
      }),
    ]);
    await request(tb.server).post(base).send(copy).expect(200);
    let conflicts: unknown[] = [];
    for (let i = 0; i < 50 && !conflicts.length; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      conflicts = (await request(tb.server).get(base)).body.items[0].conflicts;
    }
    expect(conflicts).toEqual([
      expect.objectContaining({ winner: 'bank-payments/payments-api' }),
    ]);
    await tb.stop();
  });

  it('warns that Linkerd honours a ServiceProfile over an HTTPRoute on the same Service', async () => {
    const tb = await startKubemateBackend({ sim, entities });
    sim.apply([
      {
        apiVersion: 'linkerd.io/v1alpha2',
        kind: 'ServiceProfile',
        metadata: {
          name: 'payments-api.bank-payments.svc.cluster.local',
          namespace: 'bank-payments',
        },
        spec: { routes: [] },
      },
    ]);
    const mesh = draft('mesh-retry', {
      parentRefs: [
        { group: '', kind: 'Service', name: 'payments-api', port: 8080 },
      ],
      hostnames: undefined,
    });
    let warnings: string[] = [];
    for (let i = 0; i < 50 && !warnings.length; i++) {
      const res = await request(tb.server)
        .post(`${base}/preview`)
        .send({ ...mesh, mode: 'create' });
      expect(res.status).toBe(200);
      warnings = res.body.warnings;
      if (!warnings.length) await new Promise(r => setTimeout(r, 100));
    }
    expect(warnings[0]).toMatch(
      /Service bank-payments\/payments-api has the ServiceProfile payments-api\.bank-payments\.svc\.cluster\.local: Linkerd honours the ServiceProfile/,
    );
    const tab = await request(tb.server).get(base);
    const service = tab.body.items[0].services.find(
      (s: { name: string }) => s.name === 'payments-api',
    );
    expect(service.serviceProfile).toBe(
      'payments-api.bank-payments.svc.cluster.local',
    );
    // The seeded mesh split attaches to that Service: the tab warns about it too.
    expect(tab.body.items[0].warnings.join('\n')).toMatch(/ServiceProfile/);
    await tb.stop();
  });

  it('refuses writes without the route permissions (audited) and routes of other entities (404)', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities,
      permissions: permissionsDenying('kubemate.route.create'),
    });
    const res = await request(tb.server).post(base).send(draft('nope'));
    expect(res.status).toBe(403);
    const audit = await request(tb.server)
      .get('/api/kubemate/audit')
      .query({ operation: 'route-create', name: 'nope' });
    expect(audit.body.items[0]).toMatchObject({ result: 'denied' });

    const foreign = await request(tb.server)
      .delete(`${base}/sim/erp-finance/erp-finance`)
      .query({ kind: 'IngressRoute' });
    expect(foreign.status).toBe(404);
    await tb.stop();
  });
});
