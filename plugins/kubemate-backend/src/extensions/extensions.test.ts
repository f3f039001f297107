import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Simulator } from '@kubemate/kube-simulator';
import {
  entityMeshResponseSchema,
  kubemateWorkloadRestartPermission,
} from '@kubemate/plugin-kubemate-common';
import {
  computeFingerprint,
  kubemateMetricsProviderExtensionPoint,
  kubemateProbesExtensionPoint,
  kubemateReportIngestersExtensionPoint,
  kubemateRuleFunctionsExtensionPoint,
  kubemateRulePacksExtensionPoint,
  kubemateTrafficRoutersExtensionPoint,
  kubemateWorkloadActionsExtensionPoint,
  type MetricsProvider,
  type TrafficRouter,
  type WorkloadAction,
} from '@kubemate/plugin-kubemate-node';
import { PatchStrategy } from '@kubernetes/client-node';
import request from 'supertest';
import { z } from 'zod';
import { NO_SCHEDULE } from '../__testUtils__/inspectionBackend';
import {
  ACCOUNTS_DEPLOYMENT,
  componentWithId,
  permissionsDenying,
  simulatorKubernetesConfig,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';
import { PrometheusMetricsProvider } from '../metrics/PrometheusMetricsProvider';
import { kubematePlugin } from '../plugin';

jest.setTimeout(120_000);

const ACCOUNTS = '/api/kubemate/entities/component/default/accounts-service';

const testRouter: TrafficRouter = {
  kind: 'TestRoute',
  supportsMatches: false,
  // Every Service has one route sending all its traffic to itself.
  getRoute: async (cluster, ref) => ({
    kind: 'TestRoute',
    namespace: ref.namespace,
    name: `${ref.service}-on-${cluster.name}`,
    service: ref.service,
    backends: [{ service: ref.service, weight: 100 }],
    matches: [],
  }),
  setRoute: async () => {
    throw new Error('not used');
  },
};
const testMetrics: MetricsProvider = {
  goldenMetrics: async query => ({
    status: 'ok',
    windowSeconds: query.windowSeconds ?? 60,
    successRate: 0.99,
    requestsPerSecond: query.workload.length,
    latencyMs: { p50: 5, p95: 20, p99: 50 },
  }),
};
const metricsFactory = jest.fn(
  (_options: { getDefault: () => MetricsProvider }) => testMetrics,
);

const annotate: WorkloadAction<{ note: string }> = {
  name: 'annotate',
  permission: kubemateWorkloadRestartPermission,
  kinds: ['Deployment'],
  params: z.object({ note: z.string().min(1).max(100) }).strict(),
  run: ({ clients, target }, { note }) =>
    clients.objects.patch(
      {
        apiVersion: target.apiVersion,
        kind: target.kind,
        metadata: {
          name: target.metadata.name,
          namespace: target.metadata.namespace,
          annotations: { 'example.com/note': note },
        },
      },
      undefined,
      undefined,
      'kubemate-test',
      undefined,
      PatchStrategy.MergePatch,
    ),
};

/** Test module: one extension of each kind, as a third party would write them. */
const testExtensions = createBackendModule({
  pluginId: 'kubemate',
  moduleId: 'test-extensions',
  register(env) {
    env.registerInit({
      deps: {
        packs: kubemateRulePacksExtensionPoint,
        functions: kubemateRuleFunctionsExtensionPoint,
        probes: kubemateProbesExtensionPoint,
        ingesters: kubemateReportIngestersExtensionPoint,
        actions: kubemateWorkloadActionsExtensionPoint,
        routers: kubemateTrafficRoutersExtensionPoint,
        metrics: kubemateMetricsProviderExtensionPoint,
      },
      async init({
        packs,
        functions,
        probes,
        ingesters,
        actions,
        routers,
        metrics,
      }) {
        functions.addRuleFunction({
          signature: 'deploymentCount(string): int',
          description: 'Deployments in a namespace.',
          handler: ({ index }, ns: string) =>
            BigInt(index.inNamespace('Deployment', ns).length),
        });
        packs.addRulePack({
          name: 'test-pack',
          rules: [
            {
              apiVersion: 'kubemate.io/v1alpha1',
              kind: 'InspectionRule',
              id: 'test-namespace-has-deployments',
              version: 1,
              title: 'Namespace holds Deployments',
              category: 'governance',
              severity: 'low',
              target: { kinds: ['Deployment'] },
              condition: 'deploymentCount(object.metadata.namespace) > 0',
              description: 'Uses a rule function added by a module.',
              remediation: 'None; this is a test rule.',
            },
          ],
        });
        probes.addProbe({
          id: 'test-probe',
          rules: [
            {
              id: 'test-probe-rule',
              version: '1',
              title: 'Test probe',
              category: 'reliability',
              severity: 'medium',
              description: 'A probe added by a module.',
              remediation: 'None.',
              kinds: ['Cluster'],
              params: {},
            },
          ],
          run: async ctx =>
            ctx.isSelected('test-probe-rule')
              ? [
                  {
                    ruleId: 'test-probe-rule',
                    resource: { kind: 'Cluster', name: ctx.cluster.name },
                    status: 'failed',
                    observed: 'probed',
                    message: `test probe ran on ${ctx.cluster.name}`,
                  },
                ]
              : [],
        });
        ingesters.addReportIngester({
          format: 'test-format',
          requiresCluster: true,
          parse: (report, { cluster }) => {
            const failing = (report as { failing?: string[] }).failing ?? [];
            return {
              cluster: cluster!,
              profile: 'test-tool',
              results: failing.map(node => ({
                status: 'failed' as const,
                ruleId: 'TEST-001',
                ruleVersion: '1',
                title: 'Test check',
                category: 'node' as const,
                severity: 'high' as const,
                resource: { kind: 'Node', name: node, host: node },
                fingerprint: computeFingerprint({
                  cluster: cluster!,
                  ruleId: 'TEST-001',
                  kind: 'Node',
                  name: node,
                }),
              })),
              coverage: { ruleIds: ['TEST-001'] },
            };
          },
        });
        actions.addWorkloadAction(annotate);
        routers.addTrafficRouter(testRouter);
        metrics.setMetricsProvider(metricsFactory);
      },
    });
  },
});

const secondMetricsProvider = createBackendModule({
  pluginId: 'kubemate',
  moduleId: 'second-metrics',
  register(env) {
    env.registerInit({
      deps: { metrics: kubemateMetricsProviderExtensionPoint },
      async init({ metrics }) {
        metrics.setMetricsProvider(testMetrics);
      },
    });
  },
});

function startBackend(sim: Simulator, modules: Array<typeof testExtensions>) {
  return startTestBackend({
    features: [
      kubematePlugin,
      ...modules,
      catalogServiceMock.factory({
        entities: [componentWithId('accounts-service')] as never,
      }),
      permissionsDenying(),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: simulatorKubernetesConfig(sim),
          kubemate: {
            workloads: { syncTimeoutMs: 5000 },
            inspection: { clusters: { sim: { schedule: NO_SCHEDULE } } },
            traffic: { clusters: { sim: { router: 'TestRoute' } } },
          },
        },
      }),
    ],
  });
}

describe('extension points', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim?.stop());

  it('uses what a module registers: rule, function, probe, ingester, action, router, metrics', async () => {
    const backend = await startBackend(sim, [testExtensions]);
    const server = backend.server;
    const api = '/api/kubemate/inspection';
    try {
      // The metrics provider was built from the factory, which was offered the default.
      expect(metricsFactory).toHaveBeenCalledTimes(1);
      expect(metricsFactory.mock.calls[0][0].getDefault()).toBeInstanceOf(
        PrometheusMetricsProvider,
      );

      const started = await request(server)
        .post(`${api}/runs`)
        .send({ cluster: 'sim' })
        .expect(202);
      let run: { status: string; coverage: { ruleIds: string[] } } | undefined;
      for (let i = 0; i < 400 && run?.status !== 'succeeded'; i++) {
        await new Promise(r => setTimeout(r, 100));
        run = (await request(server).get(`${api}/runs/${started.body.id}`))
          .body;
        if (run?.status === 'failed') throw new Error(JSON.stringify(run));
      }
      expect(run?.coverage.ruleIds).toEqual(
        expect.arrayContaining([
          'test-namespace-has-deployments',
          'test-probe-rule',
        ]),
      );
      const ruleFindings = await request(server)
        .get(`${api}/findings`)
        .query({ ruleId: 'test-namespace-has-deployments' })
        .expect(200);
      expect(ruleFindings.body.total).toBeGreaterThan(0);
      expect(ruleFindings.body.items[0].rule).toMatchObject({
        title: 'Namespace holds Deployments',
      });
      const rules = await request(server).get(`${api}/rules`).expect(200);
      expect(
        rules.body.items.filter((r: { id: string }) =>
          r.id.startsWith('test-'),
        ),
      ).toEqual([
        expect.objectContaining({
          id: 'test-namespace-has-deployments',
          pack: 'test-pack',
        }),
        expect.objectContaining({ id: 'test-probe-rule', pack: 'probes' }),
      ]);
      const probeFindings = await request(server)
        .get(`${api}/findings`)
        .query({ ruleId: 'test-probe-rule' })
        .expect(200);
      expect(probeFindings.body.items).toEqual([
        expect.objectContaining({
          resource: expect.objectContaining({ kind: 'Cluster', name: 'sim' }),
          message: 'test probe ran on sim',
          severity: 'medium',
        }),
      ]);

      const ingested = await request(server)
        .post(`${api}/ingest/test-format`)
        .query({ cluster: 'sim' })
        .send({ failing: ['node-a', 'node-b'] })
        .expect(201);
      expect(ingested.body.run).toMatchObject({
        source: 'generic',
        profile: 'test-tool',
      });
      const nodeFindings = await request(server)
        .get(`${api}/findings`)
        .query({ ruleId: 'TEST-001' })
        .expect(200);
      expect(nodeFindings.body.total).toBe(2);
      await request(server)
        .post(`${api}/ingest/no-such-format`)
        .send({})
        .expect(404);

      // Wait for the entity's workloads to be synced, then call the module's action.
      for (let i = 0; i < 100; i++) {
        const w = await request(server).get(`${ACCOUNTS}/workloads`);
        if (w.body.clusters?.[0]?.resources?.deployments?.length) break;
        await new Promise(r => setTimeout(r, 100));
      }
      const annotated = await request(server)
        .post(`${ACCOUNTS}/actions/annotate`)
        .send({ ...ACCOUNTS_DEPLOYMENT, note: 'hello' });
      expect(annotated.status).toBe(200);
      expect(
        annotated.body.object.metadata.annotations['example.com/note'],
      ).toBe('hello');
      const badParams = await request(server)
        .post(`${ACCOUNTS}/actions/annotate`)
        .send({ ...ACCOUNTS_DEPLOYMENT, note: 42 });
      expect(badParams.status).toBe(400);
      const audit = await request(server)
        .get('/api/kubemate/audit')
        .query({ entityRef: 'component:default/accounts-service' })
        .expect(200);
      expect(audit.body.items[0]).toMatchObject({
        operation: 'annotate',
        result: 'succeeded',
        parameters: { note: 'hello' },
      });

      // The mesh view reads the entity's routes through the cluster's router (the module's,
      // by config) and its Deployments' metrics through the module's provider.
      const mesh = await request(server)
        .get(`${ACCOUNTS}/mesh`)
        .query({ window: 120 })
        .expect(200);
      expect(entityMeshResponseSchema.parse(mesh.body)).toEqual(mesh.body);
      const [sim0] = mesh.body.items;
      expect(sim0).toMatchObject({ cluster: 'sim', routeKind: 'TestRoute' });
      expect(sim0.routes.length).toBeGreaterThan(0);
      for (const r of sim0.routes) {
        expect(r.route).toEqual({
          kind: 'TestRoute',
          namespace: r.namespace,
          name: `${r.service}-on-sim`,
          service: r.service,
          backends: [{ service: r.service, weight: 100 }],
          matches: [],
        });
      }
      expect(sim0.workloads).toContainEqual({
        namespace: ACCOUNTS_DEPLOYMENT.namespace,
        name: ACCOUNTS_DEPLOYMENT.name,
        metrics: expect.objectContaining({
          status: 'ok',
          windowSeconds: 120,
          requestsPerSecond: ACCOUNTS_DEPLOYMENT.name.length,
        }),
      });
      await request(server)
        .get(`${ACCOUNTS}/mesh`)
        .query({ window: 5 })
        .expect(400);
    } finally {
      await backend.stop();
    }
  });

  it("refuses a cluster's router kind that no module registered", async () => {
    await expect(startBackend(sim, [])).rejects.toThrow(
      /kubemate\.traffic\.clusters\.sim\.router: unknown router 'TestRoute'/,
    );
  });

  it('refuses a second metrics provider', async () => {
    await expect(
      startBackend(sim, [testExtensions, secondMetricsProvider]),
    ).rejects.toThrow(/A metrics provider is already set/);
  });
});
