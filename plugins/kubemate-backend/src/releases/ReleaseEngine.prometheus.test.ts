import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Simulator } from '@kubemate/kube-simulator';
import {
  readConfigClusters,
  type KubemateCluster,
} from '@kubemate/plugin-kubemate-node';
import { releasePlanSchema } from '@kubemate/plugin-kubemate-common';
import {
  prometheusInstalled,
  startMeshedSimulator,
  waitForQuery,
  type TestPrometheus,
} from '../__testUtils__/prometheus';
import { simulatorKubernetesConfig } from '../__testUtils__/simulatorBackend';
import {
  createTestDatabases,
  migratingDatabase,
} from '../__testUtils__/testDatabases';
import { createClusterClients } from '../clusters/ClusterClients';
import { PrometheusMetricsProvider } from '../metrics/PrometheusMetricsProvider';
import { TrafficRouters } from '../traffic/TrafficRouters';
import { ReleaseEngine } from './ReleaseEngine';
import { ReleaseStore } from './ReleaseStore';

jest.setTimeout(180_000);

// Needs Debian's `prometheus` package (CI installs it); skipped only where it is missing.
const describeWithPrometheus = prometheusInstalled() ? describe : describe.skip;

const NS = 'bank-payments';
const DEPLOYMENTS = 'apps/deployments';
const ROUTES = 'gateway.networking.k8s.io/httproutes';

describeWithPrometheus(
  'release engine against the simulator and a real Prometheus',
  () => {
    const databases = createTestDatabases();
    let sim: Simulator;
    let prom: TestPrometheus;
    let cluster: KubemateCluster;
    let stop: () => Promise<void>;
    beforeAll(async () => {
      ({ sim, prom, stop } = await startMeshedSimulator());
      [cluster] = readConfigClusters(
        new ConfigReader({ kubernetes: simulatorKubernetesConfig(sim) }),
      );
    });
    afterAll(() => stop?.());

    async function setup(id: 'SQLITE_3' | 'POSTGRES_15') {
      const { knex } = await migratingDatabase(databases, id);
      const store = new ReleaseStore(knex);
      const config = new ConfigReader({
        kubemate: {
          metrics: { clusters: { sim: { prometheus: { url: prom.url } } } },
        },
      });
      const clients = (c: KubemateCluster) =>
        createClusterClients(c.kubeConfig, { timeoutMs: 10_000 });
      const routers = TrafficRouters.fromConfig(config, c => clients(c).custom);
      const outcomes: string[] = [];
      const engine = (owner: string) =>
        new ReleaseEngine({
          store,
          owner,
          cluster: () => cluster,
          clients,
          router: name => routers.forCluster(name),
          metrics: PrometheusMetricsProvider.fromConfig(config),
          logger: mockServices.logger.mock(),
          onOutcome: async (_r, d) => {
            outcomes.push(d);
          },
        });
      const start = (plan: object) =>
        engine('starter').start({
          entityRef: 'component:default/payments-api',
          cluster: 'sim',
          namespace: NS,
          service: 'payments-api',
          routeKind: 'HTTPRoute',
          stable: 'payments-api-v1',
          canary: 'payments-api-v2',
          strategy: 'gray',
          plan: releasePlanSchema.parse(plan),
          weight: 10,
          createdBy: 'user:default/carol',
        });
      return { store, engine, start, outcomes };
    }

    /** Drives the engines until the release leaves `progressing`, at most `maxRounds` due steps. */
    async function drive(
      engines: ReleaseEngine[],
      store: ReleaseStore,
      id: string,
      maxRounds: number,
    ) {
      let ran = 0;
      for (let i = 0; i < 400 && ran < maxRounds; i++) {
        const counts = await Promise.all(engines.map(e => e.runDue()));
        ran += counts.reduce((a, b) => a + b, 0);
        const r = await store.get(id);
        if (r.state !== 'progressing') return { release: r, ran };
        await new Promise(res => setTimeout(res, 250));
      }
      return { release: await store.get(id), ran };
    }

    const weights = () =>
      sim.store
        .get(ROUTES, NS, 'payments-api-split')!
        .spec.rules[0].backendRefs.map(
          (b: { name: string; weight: number }) => `${b.name}=${b.weight}`,
        );

    it('aborts the bad canary automatically: traffic back to stable, canary at 0 (SQLite)', async () => {
      const { store, engine, start, outcomes } = await setup('SQLITE_3');
      const release = await start({
        stepWeights: [10, 30, 60],
        intervalSeconds: 2,
        thresholds: { minSuccessRate: 0.98, maxP99LatencyMs: 400 },
        minRequests: 5,
        failedChecksToAbort: 2,
      });
      const { release: done, ran } = await drive(
        [engine('a')],
        store,
        release.id,
        5,
      );
      expect(done.state).toBe('aborted');
      expect(ran).toBeLessThanOrEqual(3);
      expect(weights()).toEqual(['payments-api-v1=100', 'payments-api-v2=0']);
      expect(
        sim.store.get(DEPLOYMENTS, NS, 'payments-api-v2')!.spec.replicas,
      ).toBe(0);
      const { timeline } = await store.get(release.id, true);
      const abort = timeline!.find(e => e.decision === 'abort')!;
      expect(abort.message).toMatch(/success rate .* < 98\.00%/);
      expect(abort.canary?.status).toBe('ok');
      expect(abort.stable?.status).toBe('ok');
      expect(outcomes).toEqual(['abort']);
    });

    it('promotes a good canary within the plan; two engines on one database run each step once (PostgreSQL when available, else SQLite)', async () => {
      const id = databases
        .eachSupportedId()
        .some(([db]) => db === 'POSTGRES_15')
        ? 'POSTGRES_15'
        : 'SQLITE_3';
      const { store, engine, start, outcomes } = await setup(id);
      // Make v2 good again and give it pods.
      const v2 = sim.store.get(DEPLOYMENTS, NS, 'payments-api-v2')!;
      v2.metadata.annotations = {
        ...v2.metadata.annotations,
        'simulator.kubemate.io/error-rate': '0.001',
        'simulator.kubemate.io/latency-ms': '20',
      };
      v2.spec.replicas = 1;
      // Enough requests at 10 % that a step's latency histogram is not a handful of requests
      // (whose whole-number buckets would make any p99 look slow).
      const service = sim.store.get('/services', NS, 'payments-api')!;
      service.metadata.annotations = {
        ...service.metadata.annotations,
        'simulator.kubemate.io/rps': '100',
      };
      // And some traffic for it (the abort above left it at 0), so its history can heal.
      const route = sim.store.get(ROUTES, NS, 'payments-api-split')!;
      route.spec.rules[0].backendRefs[0].weight = 90;
      route.spec.rules[0].backendRefs[1].weight = 10;
      sim.apply([v2, service, route]);
      const image = v2.spec.template.spec.containers[0].image;
      // Until the bad history has left the step window, the canary would still fail.
      await waitForQuery(
        prom.url,
        'sum(increase(response_total{deployment="payments-api-v2",classification="failure"}[20s])) / sum(increase(response_total{deployment="payments-api-v2"}[20s]))',
        v => v < 0.01,
        60_000,
      );
      // Its latency too: the old pod's 250 ms requests make a p99 far above 400 ms.
      await waitForQuery(
        prom.url,
        'histogram_quantile(0.99, sum(rate(response_latency_ms_bucket{deployment="payments-api-v2"}[20s])) by (le))',
        v => v < 200,
        60_000,
      );
      const release = await start({
        stepWeights: [10, 50],
        intervalSeconds: 3,
        thresholds: { minSuccessRate: 0.98, maxP99LatencyMs: 400 },
        minRequests: 5,
        autoPromote: true,
      });
      // A restart mid-release is a new engine on the same database; two replicas race.
      const { release: done } = await drive(
        [engine('replica-1'), engine('replica-2')],
        store,
        release.id,
        20,
      );
      const { timeline } = await store.get(release.id, true);
      if (done.state !== 'promoted')
        throw new Error(
          `${done.state}: ${JSON.stringify(timeline!.map(e => e.message))}`,
        );
      const steps = timeline!.filter(
        e => e.actor === 'kubemate:release-engine',
      );
      // Each step once: the step numbers of the engine's entries never repeat after an advance.
      const advanced = steps.filter(e =>
        ['advance', 'promote'].includes(e.decision),
      );
      expect(advanced.map(e => e.step)).toEqual([1, 2]);
      expect(weights()).toEqual(['payments-api-v1=100', 'payments-api-v2=0']);
      const v1 = sim.store.get(DEPLOYMENTS, NS, 'payments-api-v1')!;
      expect(v1.spec.template.spec.containers[0].image).toBe(image);
      expect(v1.spec.template.metadata.labels.version).toBe('v1');
      expect(
        sim.store.get(DEPLOYMENTS, NS, 'payments-api-v2')!.spec.replicas,
      ).toBe(0);
      expect(outcomes).toEqual(['promote']);
    });
  },
);
