import { mockServices } from '@backstage/backend-test-utils';
import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

/** The caller is the guest, of team-banking (which owns bank-payments, not erp-finance). */
const guest = mockServices.userInfo.mock({
  getUserInfo: async () => ({
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest', 'group:default/team-banking'],
  }),
}).factory;

const app = (name: string, image: string) => [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { 'backstage.io/kubernetes-id': name } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: {
          labels: { app: name, 'backstage.io/kubernetes-id': name },
        },
        spec: {
          containers: [
            {
              name: 'app',
              image,
              ports: [{ containerPort: 8080 }],
              resources: {
                requests: { cpu: '50m', memory: '64Mi' },
                limits: { cpu: '200m', memory: '128Mi' },
              },
            },
          ],
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: { 'backstage.io/kubernetes-id': name } },
    spec: {
      selector: { app: name },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    },
  },
];

const url = (namespace: string) =>
  `/api/kubemate/namespaces/sim/${namespace}/apply`;

describe('applying template manifests against the Kubernetes simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it('dry run changes nothing; apply rolls out; applying again changes nothing', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      features: [guest],
    });
    const manifests = app('hello', 'ghcr.io/kubemate/hello:1.0.0');
    const dry = await request(tb.server)
      .post(url('bank-payments'))
      .send({ manifests, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, blocked: false });
    expect(dry.body.objects.map((o: any) => `${o.kind} ${o.action}`)).toEqual([
      'Deployment create',
      'Service create',
    ]);
    expect(dry.body.rollout.status).toBe('skipped');
    expect(
      sim.store.get('apps/deployments', 'bank-payments', 'hello'),
    ).toBeUndefined();
    expect(
      sim.store.get('/services', 'bank-payments', 'hello'),
    ).toBeUndefined();

    const done = await request(tb.server)
      .post(url('bank-payments'))
      .send({ manifests, rolloutTimeoutSeconds: 60 });
    expect(done.status).toBe(200);
    expect(done.body.objects.map((o: any) => o.action)).toEqual([
      'create',
      'create',
    ]);
    expect(done.body.rollout).toMatchObject({
      status: 'succeeded',
      workloads: [
        expect.objectContaining({
          kind: 'Deployment',
          name: 'hello',
          ready: 2,
        }),
      ],
    });
    expect(
      sim.store.get('apps/deployments', 'bank-payments', 'hello'),
    ).toBeDefined();

    const again = await request(tb.server)
      .post(url('bank-payments'))
      .send({ manifests, rolloutTimeoutSeconds: 60 });
    expect(again.status).toBe(200);
    expect(again.body.objects.map((o: any) => o.action)).toEqual([
      'unchanged',
      'unchanged',
    ]);
    expect(again.body.rollout.status).toBe('succeeded');

    const audit = await request(tb.server)
      .get('/api/kubemate/audit')
      .query({ operation: 'namespace-apply', namespace: 'bank-payments' });
    expect(audit.body.items.map((e: any) => e.result)).toEqual([
      'succeeded',
      'succeeded',
    ]);
    await tb.stop();
  });

  it('reports the events of a rollout that does not finish (an image that cannot be pulled)', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      features: [guest],
    });
    const answer = await request(tb.server)
      .post(url('bank-payments'))
      .send({
        manifests: app('broken', 'ghcr.io/kubemate/hello:doesnotexist'),
        rolloutTimeoutSeconds: 4,
      });
    expect(answer.status).toBe(200);
    expect(answer.body.rollout.status).toBe('failed');
    expect(answer.body.rollout.message).toContain(
      'Deployment broken 0/2 ready',
    );
    expect(answer.body.rollout.events).toContainEqual(
      expect.objectContaining({
        type: 'Warning',
        kind: 'Pod',
        message: expect.stringContaining(
          'Failed to pull image "ghcr.io/kubemate/hello:doesnotexist"',
        ),
      }),
    );
    await tb.stop();
  });

  it('refuses a namespace of another team and a caller without the permission, both audited', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      features: [guest],
    });
    const other = await request(tb.server)
      .post(url('erp-finance'))
      .send({ manifests: app('intruder', 'ghcr.io/kubemate/hello:1.0.0') });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe(
      'Namespace erp-finance of cluster sim belongs to group:default/team-erp and is not shared with any of your groups',
    );
    expect(
      sim.store.get('apps/deployments', 'erp-finance', 'intruder'),
    ).toBeUndefined();
    const elsewhere = await request(tb.server)
      .post(url('bank-payments'))
      .send({
        manifests: [
          {
            ...app('sneaky', 'ghcr.io/kubemate/hello:1.0.0')[1],
            metadata: { name: 'sneaky', namespace: 'erp-finance' },
          },
        ],
      });
    expect(elsewhere.status).toBe(400);
    const audit = await request(tb.server)
      .get('/api/kubemate/audit')
      .query({ operation: 'namespace-apply', result: 'denied' });
    expect(audit.body.items.map((e: any) => e.namespace).sort()).toEqual([
      'bank-payments',
      'erp-finance',
    ]);
    await tb.stop();

    const denied = await startKubemateBackend({
      sim,
      entities: [],
      features: [guest],
      permissions: permissionsDenying('kubemate.namespace.apply'),
    });
    const refused = await request(denied.server)
      .post(url('bank-payments'))
      .send({ manifests: app('nope', 'ghcr.io/kubemate/hello:1.0.0') });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      "Missing permission 'kubemate.namespace.apply'",
    );
    expect(
      sim.store.get('apps/deployments', 'bank-payments', 'nope'),
    ).toBeUndefined();
    const refusals = await request(denied.server)
      .get('/api/kubemate/audit')
      .query({ operation: 'namespace-apply', result: 'denied' });
    expect(refusals.body.items[0]).toMatchObject({
      namespace: 'bank-payments',
      error: "Missing permission 'kubemate.namespace.apply'",
    });
    await denied.stop();
  });

  it('reports high-severity findings and, when asked, applies nothing', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      features: [guest],
    });
    const [deployment] = app('risky', 'ghcr.io/kubemate/hello:1.0.0') as any[];
    deployment.spec.template.spec.containers[0].securityContext = {
      privileged: true,
    };
    const answer = await request(tb.server)
      .post(url('bank-payments'))
      .send({ manifests: [deployment], failOnHighFindings: true });
    expect(answer.status).toBe(200);
    expect(answer.body.blocked).toBe(true);
    expect(answer.body.findings.length).toBeGreaterThan(0);
    expect(answer.body.findings[0]).toMatchObject({
      severity: 'high',
      kind: 'Deployment',
      name: 'risky',
    });
    expect(answer.body.objects).toEqual([]);
    expect(
      sim.store.get('apps/deployments', 'bank-payments', 'risky'),
    ).toBeUndefined();
    await tb.stop();
  });
});
