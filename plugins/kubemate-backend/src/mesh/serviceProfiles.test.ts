import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  componentWithId,
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
  testComponent,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

const PROFILES = 'linkerd.io/serviceprofiles';
const INVENTORY = '/api/kubemate/entities/component/default/erp-inventory';
const PAYMENTS = '/api/kubemate/entities/component/default/payments-api';

describe('ServiceProfiles of an entity’s Services', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  const entities = [
    testComponent(
      'erp-inventory',
      { 'backstage.io/kubernetes-id': 'erp-inventory' },
      undefined,
      'team-erp',
    ),
    componentWithId('payments-api'),
  ];

  it('reads, previews, saves, refuses stale versions and tells what a profile shadows', async () => {
    const backend = await startKubemateBackend({ sim, entities });
    const server = backend.server;
    const list = await request(server).get(`${INVENTORY}/serviceprofiles`);
    expect(list.status).toBe(200);
    const inventory = list.body.items.find(
      (i: any) => i.service === 'erp-inventory',
    );
    expect(inventory.profile.name).toBe(
      'erp-inventory.erp-supply.svc.cluster.local',
    );
    expect(inventory.profile.spec.routes.map((r: any) => r.name)).toEqual([
      'GET /api/items/{id}',
      'POST /api/reservations',
    ]);
    // Its HTTPRoute has the gateway as parent, not the Service: nothing shadowed.
    expect(inventory.shadowedRoutes).toEqual([]);

    const spec = {
      ...inventory.profile.spec,
      routes: [
        { ...inventory.profile.spec.routes[0], timeout: '500ms' },
        inventory.profile.spec.routes[1],
      ],
    };
    const path = `${INVENTORY}/serviceprofiles/sim/erp-supply/erp-inventory`;
    const preview = await request(server).put(path).send({
      spec,
      resourceVersion: inventory.profile.resourceVersion,
      dryRun: true,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.diff).toMatch(
      /-\s+timeout: 300ms\n\+\s+timeout: 500ms/,
    );
    const stored = () =>
      sim.store.get(
        PROFILES,
        'erp-supply',
        'erp-inventory.erp-supply.svc.cluster.local',
      ) as any;
    expect(stored().spec.routes[0].timeout).toBe('300ms');

    const saved = await request(server).put(path).send({
      spec,
      resourceVersion: inventory.profile.resourceVersion,
    });
    expect(saved.status).toBe(200);
    expect(stored().spec.routes[0].timeout).toBe('500ms');
    expect(stored().spec.retryBudget).toEqual(
      inventory.profile.spec.retryBudget,
    );

    const stale = await request(server).put(path).send({
      spec,
      resourceVersion: inventory.profile.resourceVersion,
    });
    expect(stale.status).toBe(409);
    const bad = await request(server)
      .put(path)
      .send({
        spec: {
          routes: [{ name: 'x', condition: { pathRegex: '(' }, timeout: '5' }],
        },
      });
    expect(bad.status).toBe(400);

    // A new profile for the payments Service: it shadows the release's HTTPRoute.
    const created = await request(server)
      .put(`${PAYMENTS}/serviceprofiles/sim/bank-payments/payments-api`)
      .send({
        spec: {
          routes: [
            {
              name: 'GET /payments',
              condition: { method: 'GET', pathRegex: '/payments' },
              isRetryable: true,
            },
          ],
        },
      });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      created: true,
      shadowedRoutes: ['payments-api-split'],
    });
    // Not one of the entity's Services: 404, audited.
    const foreign = await request(server)
      .put(`${PAYMENTS}/serviceprofiles/sim/erp-supply/erp-inventory`)
      .send({ spec });
    expect(foreign.status).toBe(404);
    const audit = await request(server)
      .get('/api/kubemate/audit')
      .query({ operation: 'serviceprofile-save' });
    expect(
      audit.body.items.map((i: any) => `${i.name}:${i.result}`).sort(),
    ).toEqual([
      'erp-inventory.erp-supply.svc.cluster.local:denied',
      'erp-inventory.erp-supply.svc.cluster.local:denied',
      'erp-inventory.erp-supply.svc.cluster.local:succeeded',
      'payments-api.bank-payments.svc.cluster.local:succeeded',
    ]);
    sim.store.delete(
      PROFILES,
      'bank-payments',
      'payments-api.bank-payments.svc.cluster.local',
    );
    await backend.stop();
  });

  it('refuses without kubemate.route.update, and audits it', async () => {
    const backend = await startKubemateBackend({
      sim,
      entities,
      permissions: permissionsDenying('kubemate.route.update'),
    });
    const res = await request(backend.server)
      .put(`${PAYMENTS}/serviceprofiles/sim/bank-payments/payments-api`)
      .send({ spec: { routes: [] } });
    expect(res.status).toBe(403);
    const audit = await request(backend.server)
      .get('/api/kubemate/audit')
      .query({ operation: 'serviceprofile-save', result: 'denied' });
    expect(audit.body.items).toHaveLength(1);
    await backend.stop();
  });
});
