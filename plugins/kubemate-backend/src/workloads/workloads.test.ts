import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import { closedPort } from '../__testUtils__/fakeClusterServers';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
  testComponent as component,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(60_000);

const entities = [
  component(
    'payments-api',
    {
      'backstage.io/kubernetes-id': 'payments-api',
      'backstage.io/kubernetes-namespace': 'bank-payments',
    },
    'core-banking',
  ),
  component(
    'ledger-worker',
    { 'backstage.io/kubernetes-id': 'ledger-worker' },
    'core-banking',
  ),
  component(
    'by-name',
    {
      'kubemate.io/workloads': 'deployment/erp-finance',
      'kubemate.io/namespaces': 'erp-finance',
    },
    undefined,
    'team-erp',
  ),
  component('unmapped', {}),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'core-banking', namespace: 'default' },
    spec: { owner: 'team-banking' },
  },
];

describe('entity workloads API against the Kubernetes simulator', () => {
  let sim: Simulator;
  let deadPort: number;

  beforeAll(async () => {
    sim = await startSeededSimulator();
    deadPort = await closedPort();
  });
  afterAll(() => sim.stop());

  const backend = (
    permissions = permissionsDenying(),
    withDeadCluster = false,
  ) =>
    startKubemateBackend({
      sim,
      entities,
      permissions,
      extraClusters: withDeadCluster
        ? [
            {
              name: 'dead',
              url: `https://127.0.0.1:${deadPort}`,
              authProvider: 'serviceAccount',
              skipTLSVerify: true,
            },
          ]
        : [],
    });

  const names = (objects: Array<{ metadata: { name: string } }>) =>
    objects.map(o => o.metadata.name).sort();

  it("lists a component's workloads, their pods, services and events", async () => {
    const tb = await backend();
    const server = tb.server;
    const res = await request(server).get(
      '/api/kubemate/entities/component/default/payments-api/workloads',
    );
    expect(res.status).toBe(200);
    expect(res.body.mappings).toEqual([
      expect.objectContaining({
        labelSelector: 'backstage.io/kubernetes-id=payments-api',
        namespaces: ['bank-payments'],
      }),
    ]);
    const [cluster] = res.body.clusters;
    expect(cluster).toMatchObject({ cluster: 'sim', status: 'ok' });
    const r = cluster.resources;
    expect(names(r.deployments)).toEqual([
      'payments-api-v1',
      'payments-api-v2',
    ]);
    expect(r.deployments[0]).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
    });
    expect(r.pods.length).toBeGreaterThanOrEqual(4);
    expect(
      r.pods.every((p: { metadata: { name: string } }) =>
        p.metadata.name.startsWith('payments-api-v'),
      ),
    ).toBe(true);
    expect(r.replicasets.length).toBeGreaterThanOrEqual(2);
    expect(names(r.services)).toContain('payments-api');
    expect(names(r.endpoints)).toContain('payments-api');
    expect(r.events.length).toBeGreaterThan(0);
    await tb.stop();
  });

  it('serves later requests from the watch cache, without calling the API server', async () => {
    const tb = await backend();
    const server = tb.server;
    const url =
      '/api/kubemate/entities/component/default/payments-api/workloads';
    await request(server).get(url).expect(200);
    // Every further list or get the backend made would now fail.
    sim.faults.set({
      rules: [
        { verb: 'list', resource: '*', errorRate: 1, code: 503 },
        { verb: 'get', resource: '*', errorRate: 1, code: 503 },
      ],
    });
    try {
      const res = await request(server).get(url);
      expect(res.body.clusters[0]).toMatchObject({ status: 'ok' });
      expect(res.body.clusters[0].resources.deployments).toHaveLength(2);
    } finally {
      sim.faults.set({ rules: [] });
      await tb.stop();
    }
  });

  it('sees changes through the watch', async () => {
    const tb = await backend();
    const server = tb.server;
    const url =
      '/api/kubemate/entities/component/default/payments-api/workloads';
    await request(server).get(url).expect(200);
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'payments-extra',
        namespace: 'bank-payments',
        labels: { 'backstage.io/kubernetes-id': 'payments-api' },
      },
      data: { a: '1' },
    };
    sim.apply([cm]);
    let seen: string[] = [];
    for (let i = 0; i < 50 && !seen.includes('payments-extra'); i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      seen = names(
        (await request(server).get(url)).body.clusters[0].resources.configmaps,
      );
    }
    expect(seen).toContain('payments-extra');
    await tb.stop();
  });

  it('aggregates the components of a System, and finds workloads by explicit name', async () => {
    const tb = await backend();
    const server = tb.server;
    const system = await request(server).get(
      '/api/kubemate/entities/system/default/core-banking/workloads',
    );
    expect(system.body.mappings).toHaveLength(2);
    const r = system.body.clusters[0].resources;
    expect(names(r.deployments)).toEqual(
      expect.arrayContaining(['payments-api-v1', 'payments-api-v2']),
    );
    expect(names(r.statefulsets)).toContain('ledger-worker');

    const byName = await request(server).get(
      '/api/kubemate/entities/component/default/by-name/workloads',
    );
    const n = byName.body.clusters[0].resources;
    expect(names(n.deployments)).toEqual(['erp-finance']);
    expect(n.pods.length).toBeGreaterThan(0);
    expect(n.replicasets.length).toBeGreaterThan(0);
    await tb.stop();
  });

  it('hides secret values with and without kubemate.workload.secret.read, sizes kept', async () => {
    const url =
      '/api/kubemate/entities/component/default/payments-api/workloads';
    for (const permissions of [
      permissionsDenying('kubemate.workload.secret.read'),
      permissionsDenying(),
    ]) {
      const tb = await backend(permissions);
      const a = await request(tb.server).get(url);
      expect(a.body.secretValuesHidden).toBe(true);
      const secrets = a.body.clusters[0].resources.secrets as Array<{
        data: Record<string, string>;
        dataSizes: Record<string, number>;
      }>;
      expect(secrets.length).toBeGreaterThan(0);
      for (const s of secrets) {
        expect(Object.keys(s.data).length).toBeGreaterThan(0);
        expect(Object.values(s.data).every(v => v === '')).toBe(true);
        expect(Object.keys(s.dataSizes)).toEqual(Object.keys(s.data));
      }
      await tb.stop();
    }
  });

  it('reports a cluster that is down while the others still answer', async () => {
    const tb = await backend(permissionsDenying(), true);
    const server = tb.server;
    const res = await request(server).get(
      '/api/kubemate/entities/component/default/payments-api/workloads',
    );
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(
      res.body.clusters.map((c: { cluster: string }) => [c.cluster, c]),
    );
    expect(byName.sim.status).toBe('ok');
    expect(byName.dead).toMatchObject({ status: 'error' });
    expect(byName.dead.error).toMatch(
      /ECONNREFUSED|fetch failed|did not answer/,
    );
    await tb.stop();
  });

  it('refuses callers without kubemate.workload.read, and rejects bad or unknown entities', async () => {
    const denied = await backend(permissionsDenying('kubemate.workload.read'));
    const res = await request(denied.server).get(
      '/api/kubemate/entities/component/default/payments-api/workloads',
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      "Missing permission 'kubemate.workload.read' on 'component:default/payments-api'",
    );
    await denied.stop();

    const tb = await backend();
    const server = tb.server;
    const bad = await request(server).get(
      '/api/kubemate/entities/component/default/bad%20name/workloads',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('InputError');
    const missing = await request(server).get(
      '/api/kubemate/entities/component/default/nope/workloads',
    );
    expect(missing.status).toBe(404);
    const unmapped = await request(server).get(
      '/api/kubemate/entities/component/default/unmapped/workloads',
    );
    expect(unmapped.body).toMatchObject({ mappings: [], clusters: [] });
    await tb.stop();
  });
});
