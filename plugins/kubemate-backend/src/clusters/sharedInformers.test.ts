import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  NO_SCHEDULE,
  startInspectionBackend,
} from '../__testUtils__/inspectionBackend';
import {
  componentWithId,
  patchDeploymentTemplate,
  simulatorClusterConfig,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('one informer per (cluster, resource), shared by every consumer', () => {
  let sim: Simulator;
  let server: any;
  let stopBackend: () => Promise<void>;
  /** Requests the simulator served, by `verb resource`. */
  const served = new Map<string, number>();

  beforeAll(async () => {
    sim = await startSeededSimulator();
    const check = sim.faults.check.bind(sim.faults);
    // Counts every request the API server handles (fault checks see each one).
    jest.spyOn(sim.faults, 'check').mockImplementation((verb, resource) => {
      const key = `${verb} ${resource}`;
      served.set(key, (served.get(key) ?? 0) + 1);
      check(verb, resource);
    });
    const tb = await startInspectionBackend({
      clusters: [simulatorClusterConfig(sim)],
      entities: [componentWithId('payments-api')],
      kubemate: {
        workloads: { syncTimeoutMs: 10_000 },
        inspection: {
          clusters: {
            sim: {
              schedule: NO_SCHEDULE,
              onChange: {
                quietPeriod: { milliseconds: 300 },
                namespaces: ['bank-payments'],
              },
            },
          },
        },
      },
    });
    server = tb.server;
    stopBackend = () => tb.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sim?.stop();
  });

  it('serves entity pages and change triggers from the same watches', async () => {
    const page = await request(server).get(
      '/api/kubemate/entities/component/default/payments-api/workloads',
    );
    expect(page.status).toBe(200);
    expect(page.body.clusters[0].status).toBe('ok');
    // The page and the change trigger (started with the backend): one list per resource.
    for (const plural of ['deployments', 'statefulsets', 'pods', 'events']) {
      expect([plural, served.get(`list ${plural}`)]).toEqual([plural, 1]);
    }

    // A spec change reaches the change trigger through the shared informer.
    await patchDeploymentTemplate(sim, 'bank-payments', 'payments-api-v1', '1');
    let runs: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 200 && runs.length === 0; i++) {
      await sleep(100);
      runs = (
        await request(server)
          .get('/api/kubemate/inspection/runs')
          .query({ cluster: 'sim' })
      ).body.items;
    }
    expect(runs[0]).toMatchObject({
      trigger: 'change',
      requestedBy: 'change: Deployment bank-payments/payments-api-v1',
    });

    // Both consumers, one watch per workload resource (the run itself lists, never watches).
    for (const plural of ['deployments', 'statefulsets', 'pods', 'events']) {
      expect([plural, served.get(`watch ${plural}`)]).toEqual([plural, 1]);
    }
  });

  it('answers 404 for a cluster nobody configured', async () => {
    const run = await request(server)
      .post('/api/kubemate/inspection/runs')
      .send({ cluster: 'nope' });
    expect(run.status).toBe(404);
    expect(run.body.error.name).toBe('NotFoundError');
  });

  it('lists the optional kinds each cluster has on the clusters endpoint', async () => {
    const res = await request(server).get('/api/kubemate/clusters');
    expect(res.status).toBe(200);
    const resources = new Map<string, { status: string }>(
      res.body.items[0].resources.map((r: { id: string; status: string }) => [
        r.id,
        r,
      ]),
    );
    expect(resources.get('deployments.v1.apps')?.status).toBe('synced');
    // The simulator's example CRDs: Gateway API v1, SMI, Traefik's IngressRoute and Middleware
    // under both groups, but no TLSOption.
    expect(
      resources.get('httproutes.v1.gateway.networking.k8s.io')?.status,
    ).toBe('installed');
    expect(
      resources.get('trafficsplits.v1alpha2.split.smi-spec.io')?.status,
    ).toBe('installed');
    expect(
      resources.get('ingressroutes.v1alpha1.traefik.containo.us')?.status,
    ).toBe('installed');
    expect(
      resources.get('tlsoptions.v1alpha1.traefik.containo.us')?.status,
    ).toBe('not-installed');
  });
});
