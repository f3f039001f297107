import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import { startSeededSimulator } from '../__testUtils__/simulatorBackend';
import {
  NO_SCHEDULE,
  startInspectionBackend,
} from '../__testUtils__/inspectionBackend';

jest.setTimeout(120_000);

const api = '/api/kubemate/inspection';

const component = (name: string, annotations: Record<string, string> = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': name, ...annotations },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-erp' },
});

describe('observability links on findings', () => {
  let sim: Simulator;
  let server: any;
  let stop: () => Promise<void>;
  let runId: string;

  beforeAll(async () => {
    sim = await startSeededSimulator();
    const backend = await startInspectionBackend({
      clusters: [
        {
          name: 'sim',
          url: sim.url,
          authProvider: 'serviceAccount',
          serviceAccountToken: sim.token,
          skipTLSVerify: true,
        },
      ],
      entities: [
        component('erp-finance', {
          'kubemate.io/grafana-dashboard':
            'https://grafana.example.com/d/erp-finance?var-ns=${namespace}&var-workload=${name}',
        }),
        component('erp-portal'),
      ],
      kubemate: {
        inspection: { clusters: { sim: { schedule: NO_SCHEDULE } } },
        observability: {
          links: [
            {
              title: 'Workload dashboard',
              kind: 'grafana',
              url: 'http://localhost:3001/d/k8s-workload?var-cluster=${cluster}&var-namespace=${namespace}&var-workload=${name}',
            },
            {
              title: 'CPU',
              kind: 'prometheus',
              url: 'http://localhost:9090/graph',
              params: {
                'g0.expr':
                  'sum(rate(container_cpu_usage_seconds_total{namespace="${namespace}", pod=~"${name}-.*"}[5m]))',
              },
            },
            {
              title: 'Cluster overview',
              kind: 'other',
              url: 'http://localhost:3001/d/cluster?var-cluster=${cluster}',
            },
          ],
        },
      },
    });
    server = backend.server;
    stop = () => backend.stop();

    const started = await request(server)
      .post(`${api}/runs`)
      .send({ cluster: 'sim' })
      .expect(202);
    runId = started.body.id;
    for (let i = 0; i < 300; i++) {
      const run = await request(server).get(`${api}/runs/${runId}`);
      if (run.body.status !== 'running') break;
      await new Promise(r => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    await stop?.();
    await sim?.stop();
  });

  it('fills the configured templates for each finding', async () => {
    const res = await request(server)
      .get(`${api}/findings`)
      .query({ entityRef: 'component:default/erp-portal', kind: 'Deployment' })
      .expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const f of res.body.items) {
      const { namespace, name } = f.resource;
      expect(f.links).toEqual([
        {
          title: 'Workload dashboard',
          kind: 'grafana',
          url: `http://localhost:3001/d/k8s-workload?var-cluster=sim&var-namespace=${namespace}&var-workload=${name}`,
        },
        expect.objectContaining({ title: 'CPU', kind: 'prometheus' }),
        {
          title: 'Cluster overview',
          kind: 'other',
          url: 'http://localhost:3001/d/cluster?var-cluster=sim',
        },
      ]);
      const promql = new URL(f.links[1].url).searchParams.get('g0.expr');
      expect(promql).toBe(
        `sum(rate(container_cpu_usage_seconds_total{namespace="${namespace}", pod=~"${name}-.*"}[5m]))`,
      );
    }
  });

  it('uses the entity annotation instead of the configured Grafana link', async () => {
    const list = await request(server)
      .get(`${api}/findings`)
      .query({ entityRef: 'component:default/erp-finance', kind: 'Deployment' })
      .expect(200);
    const f = list.body.items[0];
    expect(f).toBeDefined();
    const expected = `https://grafana.example.com/d/erp-finance?var-ns=${f.resource.namespace}&var-workload=${f.resource.name}`;
    expect(f.links[0]).toEqual({
      title: 'Workload dashboard',
      kind: 'grafana',
      url: expected,
    });
    expect(f.links.map((l: any) => l.kind)).toEqual([
      'grafana',
      'prometheus',
      'other',
    ]);

    const one = await request(server)
      .get(`${api}/findings/${f.fingerprint}`)
      .expect(200);
    expect(one.body.links[0].url).toBe(expected);
    expect(one.body.history.length).toBeGreaterThan(0);
  });

  it('adds links to the findings of a run diff', async () => {
    const diff = await request(server)
      .get(`${api}/runs/${runId}/diff`)
      .expect(200);
    expect(diff.body.new.length).toBeGreaterThan(0);
    for (const f of diff.body.new) {
      expect(Array.isArray(f.links)).toBe(true);
      // Every finding has a cluster, so the cluster-only template always applies.
      expect(f.links).toContainEqual({
        title: 'Cluster overview',
        kind: 'other',
        url: 'http://localhost:3001/d/cluster?var-cluster=sim',
      });
    }
    // Cluster-scoped resources have no namespace for the workload templates.
    const clusterScoped = diff.body.new.filter(
      (f: any) => !f.resource.namespace,
    );
    expect(clusterScoped.length).toBeGreaterThan(0);
    for (const f of clusterScoped) {
      expect(f.links.map((l: any) => l.kind)).toEqual(['other']);
    }
  });
});
