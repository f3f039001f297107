import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  componentWithId,
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
} from '../../__testUtils__/simulatorBackend';

jest.setTimeout(120_000);

const entities = [
  componentWithId('ledger-worker'),
  componentWithId('payments-api'),
  componentWithId('accounts-service'),
];
const LEDGER = '/api/kubemate/entities/component/default/ledger-worker';
const PAYMENTS = '/api/kubemate/entities/component/default/payments-api';
const ACCOUNTS = '/api/kubemate/entities/component/default/accounts-service';
const CRONJOB = {
  cluster: 'sim',
  namespace: 'bank-core',
  kind: 'CronJob',
  name: 'ledger-reconcile',
};
const HPA = {
  cluster: 'sim',
  namespace: 'bank-payments',
  kind: 'HorizontalPodAutoscaler',
  name: 'payments-api-v1',
};

type Server = Parameters<typeof request>[0];

async function eventually<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 100; i++) {
    last = await probe();
    if (ok(last)) return last;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen; last: ${JSON.stringify(last)}`);
}

/** The entity's objects of one plural, as the Workloads answer has them. */
const objectsOf =
  (server: Server, entity: string, plural: string) => async () =>
    (await request(server).get(`${entity}/workloads`)).body.clusters?.[0]
      ?.resources?.[plural] as Array<{
      metadata: { name: string; resourceVersion: string; labels?: object };
      spec: any;
    }>;

const auditOf = async (server: Server, entityRef: string, operation: string) =>
  (
    await request(server)
      .get('/api/kubemate/audit')
      .query({ entityRef, operation })
  ).body.items as Array<{ result: string; parameters?: object }>;

describe('CronJob and HPA actions against the Kubernetes simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it('suspends, resumes and reschedules a CronJob; refuses a bad schedule and a stale view', async () => {
    const backend = await startKubemateBackend({ sim, entities });
    const server = backend.server;
    const cronJob = async () =>
      (await objectsOf(server, LEDGER, 'cronjobs')())?.find(
        c => c.metadata.name === 'ledger-reconcile',
      );
    const seen = await eventually(cronJob, c => !!c, 'first sync');

    const suspended = await request(server)
      .post(`${LEDGER}/actions/suspend`)
      .send({ ...CRONJOB, resourceVersion: seen!.metadata.resourceVersion });
    expect(suspended.status).toBe(200);
    expect(suspended.body.object.spec.suspend).toBe(true);

    // The view before the suspension is stale now.
    const stale = await request(server)
      .post(`${LEDGER}/actions/unsuspend`)
      .send({ ...CRONJOB, resourceVersion: seen!.metadata.resourceVersion });
    expect(stale.status).toBe(409);

    const resumed = await request(server)
      .post(`${LEDGER}/actions/unsuspend`)
      .send(CRONJOB);
    expect(resumed.status).toBe(200);
    expect(resumed.body.object.spec.suspend).toBe(false);

    const rescheduled = await request(server)
      .post(`${LEDGER}/actions/schedule`)
      .send({
        ...CRONJOB,
        schedule: '30 2 * * 1-5',
        timeZone: 'Europe/Berlin',
      });
    expect(rescheduled.status).toBe(200);
    expect(rescheduled.body.object.spec).toMatchObject({
      schedule: '30 2 * * 1-5',
      timeZone: 'Europe/Berlin',
    });
    await eventually(
      cronJob,
      c => c?.spec.schedule === '30 2 * * 1-5',
      'the new schedule in the watch cache',
    );

    const bad = await request(server)
      .post(`${LEDGER}/actions/schedule`)
      .send({ ...CRONJOB, schedule: '61 * * * *' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/schedule.*61/);
    const badZone = await request(server)
      .post(`${LEDGER}/actions/schedule`)
      .send({ ...CRONJOB, schedule: '@daily', timeZone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect(badZone.body.error.message).toMatch(/IANA time zone/);

    // Back to the seeded schedule, without a time zone (null removes it).
    const back = await request(server)
      .post(`${LEDGER}/actions/schedule`)
      .send({ ...CRONJOB, schedule: '*/15 * * * *', timeZone: null });
    expect(back.status).toBe(200);
    expect(back.body.object.spec.timeZone).toBeUndefined();

    const trail = (
      await auditOf(server, 'component:default/ledger-worker', 'suspend')
    ).map(e => e.result);
    expect(trail).toEqual(['succeeded']);
    expect(
      (
        await auditOf(server, 'component:default/ledger-worker', 'unsuspend')
      ).map(e => e.result),
    ).toEqual(['succeeded', 'denied']);
    await backend.stop();
  });

  it('refuses CronJob changes without kubemate.workload.cronjob.update, and audits the refusal', async () => {
    const backend = await startKubemateBackend({
      sim,
      entities,
      permissions: permissionsDenying('kubemate.workload.cronjob.update'),
    });
    const server = backend.server;
    await eventually(
      objectsOf(server, LEDGER, 'cronjobs'),
      c => !!c?.length,
      'first sync',
    );
    for (const [action, params] of [
      ['suspend', {}],
      ['schedule', { schedule: '@hourly' }],
    ] as const) {
      const refused = await request(server)
        .post(`${LEDGER}/actions/${action}`)
        .send({ ...CRONJOB, ...params });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(
        /kubemate\.workload\.cronjob\.update/,
      );
      expect(
        (await auditOf(server, 'component:default/ledger-worker', action)).map(
          e => e.result,
        ),
      ).toEqual(['denied']);
    }
    // Suspending applies to CronJobs only.
    const wrongKind = await request(server)
      .post(`${LEDGER}/actions/suspend`)
      .send({ ...CRONJOB, kind: 'Deployment', name: 'ledger-worker' });
    expect(wrongKind.status).toBe(400);
    await backend.stop();
  });

  it("edits an HPA's bounds and targets, keeping what was not asked to change", async () => {
    const backend = await startKubemateBackend({ sim, entities });
    const server = backend.server;
    const hpa = async () =>
      (await objectsOf(server, PAYMENTS, 'horizontalpodautoscalers')())?.find(
        h => h.metadata.name === 'payments-api-v1',
      );
    const seen = await eventually(hpa, h => !!h, 'first sync');

    const edited = await request(server)
      .post(`${PAYMENTS}/actions/set-autoscaling`)
      .send({
        ...HPA,
        resourceVersion: seen!.metadata.resourceVersion,
        minReplicas: 2,
        maxReplicas: 8,
        cpuUtilization: 60,
        memoryUtilization: 75,
      });
    expect(edited.status).toBe(200);
    expect(edited.body.object.spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 8,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 60 },
          },
        },
        {
          type: 'Resource',
          resource: {
            name: 'memory',
            target: { type: 'Utilization', averageUtilization: 75 },
          },
        },
      ],
    });

    const stale = await request(server)
      .post(`${PAYMENTS}/actions/set-autoscaling`)
      .send({
        ...HPA,
        resourceVersion: seen!.metadata.resourceVersion,
        minReplicas: 3,
        maxReplicas: 10,
      });
    expect(stale.status).toBe(409);

    // Memory target removed (null); CPU not mentioned, so kept.
    const noMemory = await request(server)
      .post(`${PAYMENTS}/actions/set-autoscaling`)
      .send({
        ...HPA,
        minReplicas: 3,
        maxReplicas: 10,
        memoryUtilization: null,
      });
    expect(noMemory.status).toBe(200);
    expect(noMemory.body.object.spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 60 },
        },
      },
    ]);

    const invalid = await request(server)
      .post(`${PAYMENTS}/actions/set-autoscaling`)
      .send({ ...HPA, minReplicas: 5, maxReplicas: 4, cpuUtilization: 120 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/maxReplicas/);
    expect(invalid.body.error.message).toMatch(/cpuUtilization/);

    // As seeded again.
    const restored = await request(server)
      .post(`${PAYMENTS}/actions/set-autoscaling`)
      .send({ ...HPA, minReplicas: 3, maxReplicas: 10, cpuUtilization: 70 });
    expect(restored.status).toBe(200);
    expect(
      (
        await auditOf(
          server,
          'component:default/payments-api',
          'set-autoscaling',
        )
      ).map(e => e.result),
    ).toEqual(['succeeded', 'succeeded', 'denied', 'succeeded']);
    await backend.stop();
  });

  it('gives a Deployment an HPA the entity then lists, once; refused without kubemate.workload.hpa.update', async () => {
    const denying = await startKubemateBackend({
      sim,
      entities,
      permissions: permissionsDenying('kubemate.workload.hpa.update'),
    });
    await eventually(
      objectsOf(denying.server, ACCOUNTS, 'deployments'),
      d => !!d?.length,
      'first sync',
    );
    const target = {
      cluster: 'sim',
      namespace: 'bank-core',
      kind: 'Deployment',
      name: 'accounts-service',
    };
    const refused = await request(denying.server)
      .post(`${ACCOUNTS}/actions/autoscale`)
      .send({ ...target, minReplicas: 2, maxReplicas: 4 });
    expect(refused.status).toBe(403);
    expect(
      (
        await auditOf(
          denying.server,
          'component:default/accounts-service',
          'autoscale',
        )
      ).map(e => e.result),
    ).toEqual(['denied']);
    await denying.stop();

    const backend = await startKubemateBackend({ sim, entities });
    const server = backend.server;
    await eventually(
      objectsOf(server, ACCOUNTS, 'deployments'),
      d => !!d?.length,
      'first sync',
    );
    const created = await request(server)
      .post(`${ACCOUNTS}/actions/autoscale`)
      .send({ ...target, minReplicas: 2, maxReplicas: 4, cpuUtilization: 75 });
    expect(created.status).toBe(200);
    expect(created.body.object).toMatchObject({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: 'accounts-service',
        labels: expect.objectContaining({
          'backstage.io/kubernetes-id': 'accounts-service',
        }),
      },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'accounts-service' },
        minReplicas: 2,
        maxReplicas: 4,
      },
    });
    // The entity selects it by its labels, so its page lists it.
    await eventually(
      objectsOf(server, ACCOUNTS, 'horizontalpodautoscalers'),
      h => !!h?.some(x => x.metadata.name === 'accounts-service'),
      'the new HPA on the entity',
    );
    const again = await request(server)
      .post(`${ACCOUNTS}/actions/autoscale`)
      .send({ ...target, minReplicas: 1, maxReplicas: 2 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already scaled by/);
    await backend.stop();
  });
});
