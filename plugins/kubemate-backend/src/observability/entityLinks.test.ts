import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
  testComponent,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(120_000);

const entities = [
  testComponent('payments-api', {
    'backstage.io/kubernetes-id': 'payments-api',
    // Replaces the configured Loki link for this entity only.
    'kubemate.io/loki-logs':
      'https://loki.bank.example.com/explore?ns=${namespace}&pod=${pod}',
  }),
];
const PAYMENTS = '/api/kubemate/entities/component/default/payments-api';

const observability = {
  links: [
    {
      title: 'Workload dashboard',
      kind: 'grafana',
      url: 'https://grafana.example.com/d/wl?var-cluster=${cluster}&var-namespace=${namespace}&var-workload=${name}&var-kind=${kind}&from=${from}&to=${to}',
    },
    {
      title: 'Namespace dashboard',
      kind: 'grafana',
      url: 'https://grafana.example.com/d/ns?var-namespace=${namespace}',
    },
    {
      title: 'Pod logs',
      kind: 'loki',
      url: 'https://grafana.example.com/explore',
      params: { expr: '{namespace="${namespace}", pod="${pod}"}' },
    },
  ],
};

type Server = Parameters<typeof request>[0];

async function synced(server: Server) {
  for (let i = 0; i < 100; i++) {
    const res = await request(server).get(`${PAYMENTS}/workloads`);
    const pods = res.body.clusters?.[0]?.resources?.pods ?? [];
    if (pods.length > 0) return res.body.clusters[0].resources;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('no first sync');
}

describe('observability links and pod usage against the Kubernetes simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it("renders a workload's links with its coordinates and the time window asked for", async () => {
    const backend = await startKubemateBackend({
      sim,
      entities,
      kubemate: { observability },
    });
    await synced(backend.server);
    const res = await request(backend.server)
      .get(`${PAYMENTS}/observability/links`)
      .query({
        cluster: 'sim',
        namespace: 'bank-payments',
        kind: 'Deployment',
        name: 'payments-api-v1',
        from: '2026-12-05T00:00:00.000Z',
        to: '2026-12-05T01:00:00.000Z',
      });
    expect(res.status).toBe(200);
    expect(res.body.window).toEqual({
      from: '2026-12-05T00:00:00.000Z',
      to: '2026-12-05T01:00:00.000Z',
    });
    const [group] = res.body.groups;
    expect(group).toMatchObject({
      cluster: 'sim',
      namespace: 'bank-payments',
      kind: 'Deployment',
      name: 'payments-api-v1',
    });
    const dashboard = new URL(group.links[0].url);
    expect(Object.fromEntries(dashboard.searchParams)).toEqual({
      'var-cluster': 'sim',
      'var-namespace': 'bank-payments',
      'var-workload': 'payments-api-v1',
      'var-kind': 'Deployment',
      from: String(Date.parse('2026-12-05T00:00:00.000Z')),
      to: String(Date.parse('2026-12-05T01:00:00.000Z')),
    });
    // The Loki link needs a pod: not offered for a workload.
    expect(group.links.map((l: { title: string }) => l.title)).toEqual([
      'Workload dashboard',
      'Namespace dashboard',
    ]);
    await backend.stop();
  });

  it("links a pod with its Deployment's name, the pod and the entity's own Loki template", async () => {
    const backend = await startKubemateBackend({
      sim,
      entities,
      kubemate: { observability },
    });
    const resources = await synced(backend.server);
    const pod = resources.pods.find((p: { metadata: { name: string } }) =>
      p.metadata.name.startsWith('payments-api-v1-'),
    );
    const res = await request(backend.server)
      .get(`${PAYMENTS}/observability/links`)
      .query({
        cluster: 'sim',
        namespace: 'bank-payments',
        kind: 'Pod',
        name: pod.metadata.name,
      });
    expect(res.status).toBe(200);
    const [group] = res.body.groups;
    expect(group).toMatchObject({
      kind: 'Deployment',
      name: 'payments-api-v1',
      pod: pod.metadata.name,
    });
    const loki = group.links.find((l: { kind: string }) => l.kind === 'loki');
    expect(loki.url).toBe(
      `https://loki.bank.example.com/explore?ns=bank-payments&pod=${pod.metadata.name}`,
    );
    // Without a window the links show the hour before now.
    const { from, to } = res.body.window;
    expect(Date.parse(to) - Date.parse(from)).toBe(3_600_000);
    expect(Math.abs(Date.parse(to) - Date.now())).toBeLessThan(60_000);

    // The entity's card: a group per namespace, then per workload.
    const card = await request(backend.server).get(
      `${PAYMENTS}/observability/links`,
    );
    expect(card.status).toBe(200);
    expect(
      card.body.groups.map(
        (g: { namespace: string; kind?: string; name?: string }) =>
          [g.namespace, g.kind, g.name].filter(Boolean).join('/'),
      ),
    ).toEqual(
      expect.arrayContaining([
        'bank-payments',
        'bank-payments/Deployment/payments-api-v1',
        'bank-payments/Deployment/payments-api-v2',
      ]),
    );
    expect(card.body.groups[0].links).toEqual([
      {
        title: 'Namespace dashboard',
        kind: 'grafana',
        url: 'https://grafana.example.com/d/ns?var-namespace=bank-payments',
      },
    ]);
    await backend.stop();
  });

  it('refuses objects outside the entity, half-given targets and callers without kubemate.workload.read', async () => {
    const backend = await startKubemateBackend({
      sim,
      entities,
      kubemate: { observability },
    });
    await synced(backend.server);
    const other = await request(backend.server)
      .get(`${PAYMENTS}/observability/links`)
      .query({
        cluster: 'sim',
        namespace: 'bank-core',
        kind: 'Deployment',
        name: 'accounts-service',
      });
    expect(other.status).toBe(404);
    const half = await request(backend.server)
      .get(`${PAYMENTS}/observability/links`)
      .query({ cluster: 'sim' });
    expect(half.status).toBe(400);
    const backwards = await request(backend.server)
      .get(`${PAYMENTS}/observability/links`)
      .query({ from: '2026-12-05T01:00:00Z', to: '2026-12-05T00:00:00Z' });
    expect(backwards.status).toBe(400);
    await backend.stop();

    const denying = await startKubemateBackend({
      sim,
      entities,
      kubemate: { observability },
      permissions: permissionsDenying('kubemate.workload.read'),
    });
    const refused = await request(denying.server).get(
      `${PAYMENTS}/observability/links`,
    );
    expect(refused.status).toBe(403);
    const metrics = await request(denying.server)
      .get(`${PAYMENTS}/pods/metrics`)
      .query({ cluster: 'sim', namespace: 'bank-payments', name: 'x' });
    expect(metrics.status).toBe(403);
    await denying.stop();
  });

  it("reads a pod's usage from metrics.k8s.io, only for the entity's pods", async () => {
    const backend = await startKubemateBackend({ sim, entities });
    const resources = await synced(backend.server);
    const pod = resources.pods[0];
    const res = await request(backend.server)
      .get(`${PAYMENTS}/pods/metrics`)
      .query({
        cluster: 'sim',
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
      });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.containers.length).toBeGreaterThan(0);
    expect(res.body.containers[0]).toEqual({
      name: expect.any(String),
      cpuCores: expect.any(Number),
      memoryBytes: expect.any(Number),
    });
    const notOurs = await request(backend.server)
      .get(`${PAYMENTS}/pods/metrics`)
      .query({ cluster: 'sim', namespace: 'bank-core', name: 'nope' });
    expect(notOurs.status).toBe(404);
    await backend.stop();
  });
});
