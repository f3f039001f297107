import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Simulator } from '@kubemate/kube-simulator';
import { auditPageSchema } from '@kubemate/plugin-kubemate-common';
import request from 'supertest';
import {
  startKubemateBackend,
  startSeededSimulator,
  componentWithId,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

const entities = [
  componentWithId('accounts-service'),
  componentWithId('ledger-worker'),
];
const ACCOUNTS = '/api/kubemate/entities/component/default/accounts-service';
const LEDGER = '/api/kubemate/entities/component/default/ledger-worker';

describe('entity audit log', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it("lists only the entity's events, filtered and paged, for whoever may read that entity's log", async () => {
    const asked: Array<{ permission: string; resourceRef?: string }> = [];
    // Like an owners-only policy: the entity log of accounts-service only, no restarts at all,
    // and not the whole log.
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => {
          const resourceRef = (r as { resourceRef?: string }).resourceRef;
          asked.push({ permission: r.permission.name, resourceRef });
          const allowed =
            r.permission.name === 'kubemate.workload.audit.read'
              ? resourceRef === 'component:default/accounts-service'
              : r.permission.name !== 'kubemate.workload.restart' &&
                r.permission.name !== 'kubemate.audit.read';
          return {
            result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          };
        }),
    }).factory;
    const { server } = await startKubemateBackend({
      sim,
      entities,
      permissions,
    });
    const target = {
      cluster: 'sim',
      namespace: 'bank-core',
      kind: 'Deployment',
    };
    for (let i = 0; i < 100; i++) {
      const res = await request(server).get(`${ACCOUNTS}/workloads`);
      if (res.body.clusters?.[0]?.resources.deployments.length) break;
      await new Promise(resolve => setTimeout(resolve, 100));
    }

    expect(
      (
        await request(server)
          .post(`${ACCOUNTS}/actions/scale`)
          .send({ ...target, name: 'accounts-service', replicas: 2 })
      ).status,
    ).toBe(200);
    expect(
      (
        await request(server)
          .post(`${ACCOUNTS}/actions/restart`)
          .send({ ...target, name: 'accounts-service' })
      ).status,
    ).toBe(403);
    // Recorded too, but in another entity's log.
    expect(
      (
        await request(server)
          .post(`${LEDGER}/actions/scale`)
          .send({
            ...target,
            kind: 'StatefulSet',
            name: 'ledger-worker',
            replicas: 1,
          })
      ).status,
    ).toBe(200);

    const all = await request(server).get(`${ACCOUNTS}/audit`);
    expect(all.status).toBe(200);
    // The contract's wire form: ids as strings, times as ISO strings.
    expect(auditPageSchema.safeParse(all.body).error).toBeUndefined();
    expect(all.body.total).toBe(2);
    expect(
      all.body.items.map((e: { operation: string; result: string }) => [
        e.operation,
        e.result,
      ]),
    ).toEqual([
      ['restart', 'denied'],
      ['scale', 'succeeded'],
    ]);
    expect(all.body.items[1]).toMatchObject({
      actor: expect.stringMatching(/^user:/),
      entityRef: 'component:default/accounts-service',
      name: 'accounts-service',
      parameters: { replicas: 2 },
      beforeYaml: expect.stringContaining('kind: Deployment'),
      afterYaml: expect.stringContaining('replicas: 2'),
    });
    expect(asked).toContainEqual({
      permission: 'kubemate.workload.audit.read',
      resourceRef: 'component:default/accounts-service',
    });

    const page = await request(server)
      .get(`${ACCOUNTS}/audit`)
      .query({ result: 'succeeded', operation: 'scale', limit: 1 });
    expect(page.body.total).toBe(1);
    expect(page.body.items[0].operation).toBe('scale');
    const byTarget = (name: string) =>
      request(server)
        .get(`${ACCOUNTS}/audit`)
        .query({ kind: 'Deployment', name });
    expect((await byTarget('accounts-service')).body.total).toBe(2);
    expect((await byTarget('accounts-service-other')).body.total).toBe(0);
    const second = await request(server)
      .get(`${ACCOUNTS}/audit`)
      .query({ limit: 1, offset: 1 });
    expect(second.body.items.map((e: { id: string }) => e.id)).toEqual([
      all.body.items[1].id,
    ]);

    // Another entity's log, the whole log, and filters outside the entity are refused.
    expect((await request(server).get(`${LEDGER}/audit`)).status).toBe(403);
    expect((await request(server).get('/api/kubemate/audit')).status).toBe(403);
    const sneaky = await request(server)
      .get(`${ACCOUNTS}/audit`)
      .query({ entityRef: 'component:default/ledger-worker' });
    expect(sneaky.status).toBe(400);
    expect(sneaky.body.error.message).toMatch(/entityRef/);
    expect(
      (await request(server).get(`${ACCOUNTS}/audit`).query({ limit: 0 }))
        .status,
    ).toBe(400);
    expect(
      (await request(server).get(`${ACCOUNTS}/audit`).query({ result: 'ok' }))
        .status,
    ).toBe(400);
  });
});
