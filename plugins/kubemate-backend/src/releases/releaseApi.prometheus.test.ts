import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  prometheusInstalled,
  startMeshedSimulator,
  type TestPrometheus,
} from '../__testUtils__/prometheus';
import {
  componentWithId,
  permissionsDenying,
  startKubemateBackend,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(240_000);

// Needs Debian's `prometheus` package (CI installs it); skipped only where it is missing.
const describeWithPrometheus = prometheusInstalled() ? describe : describe.skip;

const NS = 'bank-payments';
const DEPLOYMENTS = 'apps/deployments';
const ROUTES = 'gateway.networking.k8s.io/httproutes';
const PAYMENTS = '/api/kubemate/entities/component/default/payments-api';

const release = (over: object = {}) => ({
  cluster: 'sim',
  namespace: NS,
  service: 'payments-api',
  stable: 'payments-api-v1',
  canary: 'payments-api-v2',
  strategy: 'gray',
  plan: {
    stepWeights: [10, 50],
    intervalSeconds: 600,
    thresholds: { minSuccessRate: 0.98, maxP99LatencyMs: 400 },
  },
  ...over,
});

describeWithPrometheus(
  'the release API against the simulator and a real Prometheus',
  () => {
    let sim: Simulator;
    let prom: TestPrometheus;
    const sent: NotificationSendOptions[] = [];
    const notifications = createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => ({
        send: async (n: NotificationSendOptions) => {
          sent.push(n);
        },
      }),
    });
    const start = (permissions = permissionsDenying()) =>
      startKubemateBackend({
        sim,
        entities: [
          componentWithId('payments-api'),
          componentWithId('accounts-service'),
        ],
        permissions,
        // Backstage's own scheduler (not the test mock), ticking every second as configured.
        features: [notifications, schedulerServiceFactory],
        kubemate: {
          metrics: { clusters: { sim: { prometheus: { url: prom.url } } } },
          releases: { tickSeconds: 1 },
        },
      });

    let stop: () => Promise<void>;
    beforeAll(async () => {
      ({ sim, prom, stop } = await startMeshedSimulator());
    });
    afterAll(() => stop?.());

    const rules = () =>
      sim.store.get(ROUTES, NS, 'payments-api-split')!.spec.rules;

    it('refuses without permission and outside the entity, each refusal audited', async () => {
      const denied = await start(permissionsDenying('kubemate.release.create'));
      const refused = await request(denied.server)
        .post(`${PAYMENTS}/releases`)
        .send(release());
      expect(refused.status).toBe(403);
      await denied.stop();

      const backend = await start();
      const server = backend.server;
      // accounts-service does not own the payments Service or Deployments.
      const foreign = await request(server)
        .post(
          '/api/kubemate/entities/component/default/accounts-service/releases',
        )
        .send(release());
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.message).toMatch(
        /Service bank-payments\/payments-api is not one of component:default\/accounts-service/,
      );
      const bad = await request(server)
        .post(`${PAYMENTS}/releases`)
        .send(release({ strategy: 'canary' }));
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/header or cookie match/);
      const audit = await request(server)
        .get('/api/kubemate/audit')
        .query({ operation: 'release-create', result: 'denied' });
      expect(audit.body.items.map((i: any) => i.entityRef)).toEqual([
        'component:default/payments-api',
        'component:default/accounts-service',
      ]);
      await backend.stop();
    });

    it('a header canary of the bad v2 is aborted by the backend on its own: match rule gone, traffic back, canary at 0, owners told', async () => {
      const backend = await start();
      const server = backend.server;
      const created = await request(server)
        .post(`${PAYMENTS}/releases`)
        .send(
          release({
            strategy: 'canary',
            match: { headers: [{ name: 'x-canary', value: 'yes' }] },
            sticky: { cookie: 'kubemate-canary', maxAgeSeconds: 3600 },
            plan: {
              iterations: 3,
              intervalSeconds: 2,
              thresholds: { minSuccessRate: 0.98, maxP99LatencyMs: 400 },
              minRequests: 5,
            },
          }),
        );
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect(created.body).toMatchObject({ state: 'progressing', weight: 0 });
      // The match rule sends x-canary: yes to v2 alone; the weighted rule gives it 0.
      expect(rules()).toHaveLength(2);
      expect(rules()[0].matches[0].headers).toEqual([
        { type: 'Exact', name: 'x-canary', value: 'yes' },
      ]);
      expect(rules()[0].backendRefs.map((b: any) => b.name)).toEqual([
        'payments-api-v2',
      ]);
      // Sticky sessions: whoever carries the cookie goes there too, and v2's responses set it.
      expect(rules()[0].matches[1].headers).toEqual([
        {
          type: 'RegularExpression',
          name: 'Cookie',
          value: expect.stringContaining('kubemate-canary=payments-api-v2'),
        },
      ]);
      const v2Ref = rules()[1].backendRefs.find(
        (b: any) => b.name === 'payments-api-v2',
      );
      expect(v2Ref.filters).toEqual([
        {
          type: 'ResponseHeaderModifier',
          responseHeaderModifier: {
            add: [
              {
                name: 'Set-Cookie',
                value:
                  'kubemate-canary=payments-api-v2; Path=/; Max-Age=3600; HttpOnly',
              },
            ],
          },
        },
      ]);
      const again = await request(server)
        .post(`${PAYMENTS}/releases`)
        .send(release());
      expect(again.status).toBe(409);

      let got: any;
      for (let i = 0; i < 120; i++) {
        got = (await request(server).get(`/api/kubemate/releases/${id}`)).body;
        if (got.state !== 'progressing') break;
        await new Promise(r => setTimeout(r, 1000));
      }
      if (got.state !== 'aborted')
        throw new Error(`not aborted: ${JSON.stringify(got.timeline)}`);
      const abort = got.timeline.find((e: any) => e.decision === 'abort');
      expect(abort.actor).toBe('kubemate:release-engine');
      expect(abort.message).toMatch(/success rate .* < 98\.00%/);
      expect(abort.canary.status).toBe('ok');
      expect(rules()).toHaveLength(1);
      expect(
        rules()[0].backendRefs.map((b: any) => `${b.name}=${b.weight}`),
      ).toEqual(['payments-api-v1=100', 'payments-api-v2=0']);
      expect(rules()[0].backendRefs.some((b: any) => b.filters)).toBe(false);
      expect(
        sim.store.get(DEPLOYMENTS, NS, 'payments-api-v2')!.spec.replicas,
      ).toBe(0);
      expect(sent).toEqual([
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: 'component:default/payments-api',
          },
          payload: expect.objectContaining({
            title: expect.stringMatching(/^Release aborted: payments-api-v2/),
            link: `/kubemate/releases/${id}`,
            severity: 'high',
          }),
        }),
      ]);
      const fleet = await request(server).get('/api/kubemate/releases');
      expect(fleet.body.items.map((r: any) => r.id)).toContain(id);
      await backend.stop();
    });

    it('a gray release is weighted and promoted by hand; an ended release takes no more actions', async () => {
      const backend = await start();
      const server = backend.server;
      const v2 = sim.store.get(DEPLOYMENTS, NS, 'payments-api-v2')!;
      const image = v2.spec.template.spec.containers[0].image;
      const created = await request(server)
        .post(`${PAYMENTS}/releases`)
        .send(release());
      expect(created.status).toBe(201);
      const id = created.body.id;
      const metrics = await request(server)
        .get(`/api/kubemate/releases/${id}/metrics`)
        .query({ window: 60 });
      expect(metrics.status).toBe(200);
      expect(metrics.body.stable).toMatchObject({
        status: 'ok',
        windowSeconds: 60,
      });
      expect(['ok', 'no-traffic']).toContain(metrics.body.canary.status);
      expect(metrics.body.overall.requestsPerSecond).toBeGreaterThan(0);
      // The stable version behind the adopted route, from the outbound proxies' series.
      expect(
        metrics.body.routeBackends?.stable?.requestsPerSecond,
      ).toBeGreaterThan(0);
      const weight = await request(server)
        .post(`/api/kubemate/releases/${id}/weight`)
        .send({ weight: 30 });
      expect(weight.status).toBe(200);
      expect(
        rules()[0].backendRefs.map((b: any) => `${b.name}=${b.weight}`),
      ).toEqual(['payments-api-v1=70', 'payments-api-v2=30']);
      const tooMuch = await request(server)
        .post(`/api/kubemate/releases/${id}/weight`)
        .send({ weight: 101 });
      expect(tooMuch.status).toBe(400);

      const promoted = await request(server).post(
        `/api/kubemate/releases/${id}/promote`,
      );
      expect(promoted.status).toBe(200);
      expect(promoted.body.state).toBe('promoted');
      const v1 = sim.store.get(DEPLOYMENTS, NS, 'payments-api-v1')!;
      expect(v1.spec.template.spec.containers[0].image).toBe(image);
      expect(v1.spec.template.metadata.labels.version).toBe('v1');
      expect(
        rules()[0].backendRefs.map((b: any) => `${b.name}=${b.weight}`),
      ).toEqual(['payments-api-v1=100', 'payments-api-v2=0']);

      const late = await request(server).post(
        `/api/kubemate/releases/${id}/abort`,
      );
      expect(late.status).toBe(409);
      const { timeline } = (
        await request(server).get(`/api/kubemate/releases/${id}`)
      ).body;
      expect(timeline.map((e: any) => e.decision)).toEqual([
        'started',
        'set-weight',
        'promote',
      ]);
      // Each by the person who asked, none by the engine (the interval is 10 minutes).
      expect(new Set(timeline.map((e: any) => e.actor))).toEqual(
        new Set(['user:default/mock']),
      );
      const audit = await request(server)
        .get('/api/kubemate/audit')
        .query({ entityRef: 'component:default/payments-api' });
      const ops = audit.body.items.map(
        (i: any) => `${i.operation}:${i.result}`,
      );
      expect(ops).toEqual(
        expect.arrayContaining([
          'release-weight:succeeded',
          'release-promote:succeeded',
          'release-abort:denied',
        ]),
      );
      const entity = await request(server).get(`${PAYMENTS}/releases`);
      expect(entity.body.items.map((r: any) => r.state)).toEqual(['promoted']);
      await backend.stop();
    });
  },
);
