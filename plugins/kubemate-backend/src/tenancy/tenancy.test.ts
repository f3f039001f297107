import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  startKubemateBackend,
  startSeededSimulator,
  testComponent as component,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(60_000);

// team-banking owns bank-core and bank-payments (labels in the seed); team-erp owns
// erp-supply (label) and erp-finance (app-config, as in app-config.yaml).
const entities = [
  component('claims-erp', {
    'backstage.io/kubernetes-id': 'erp-finance',
    'kubemate.io/namespaces': 'erp-finance,bank-core',
  }),
  component('claims-supply', {
    'backstage.io/kubernetes-id': 'erp-portal',
    'kubemate.io/namespaces': 'erp-supply',
  }),
  component('everything', {
    'backstage.io/kubernetes-label-selector': 'backstage.io/kubernetes-id',
  }),
  component(
    'no-owner',
    { 'backstage.io/kubernetes-id': 'payments-api' },
    undefined,
    '',
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'core-banking', namespace: 'other' },
    spec: { owner: 'group:default/team-banking' },
  },
  // Same short system name, another catalog namespace: not a member of system:other/core-banking.
  component(
    'payments-api',
    { 'backstage.io/kubernetes-id': 'payments-api' },
    'core-banking',
  ),
  {
    ...component(
      'ledger-worker',
      { 'backstage.io/kubernetes-id': 'ledger-worker' },
      'core-banking',
      // A bare owner name would mean a Group of the entity's own catalog namespace.
      'group:default/team-banking',
    ),
    metadata: {
      name: 'ledger-worker',
      namespace: 'other',
      annotations: { 'backstage.io/kubernetes-id': 'ledger-worker' },
    },
  },
];

const names = (objects: Array<{ metadata: { name: string } }>) =>
  objects.map(o => o.metadata.name).sort();
const namespacesOf = (
  resources: Record<string, Array<{ metadata: { namespace?: string } }>>,
) =>
  [
    ...new Set(
      Object.values(resources)
        .flat()
        .map(o => o.metadata.namespace),
    ),
  ].sort();

describe('namespace tenancy', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it("serves only namespaces the entity's owner owns, and says why the rest is missing", async () => {
    const tb = await startKubemateBackend({ sim, entities });
    const claims = await request(tb.server).get(
      '/api/kubemate/entities/component/default/claims-erp/workloads',
    );
    expect(claims.status).toBe(200);
    const cluster = claims.body.clusters[0];
    expect(namespacesOf(cluster.resources)).not.toContain('erp-finance');
    expect(cluster.resources.deployments).toEqual([]);
    expect(cluster.problems).toEqual([
      'namespace erp-finance belongs to group:default/team-erp and is not shared with group:default/team-banking, the owner of component:default/claims-erp',
    ]);

    // Nor can it act there: the object is not the entity's.
    const scale = await request(tb.server)
      .post('/api/kubemate/entities/component/default/claims-erp/actions/scale')
      .send({
        cluster: 'sim',
        namespace: 'erp-finance',
        kind: 'Deployment',
        name: 'erp-finance',
        replicas: 0,
      });
    expect(scale.status).toBe(404);
    expect(
      sim.store.get('apps/deployments', 'erp-finance', 'erp-finance'),
    ).toMatchObject({ spec: { replicas: 2 } });

    const none = await request(tb.server).get(
      '/api/kubemate/entities/component/default/no-owner/workloads',
    );
    expect(none.body.clusters[0].resources.pods).toEqual([]);
    expect(none.body.clusters[0].problems[0]).toMatch(/has no owner/);
    await tb.stop();
  });

  it("confines a label selector without namespaces to the owner's namespaces", async () => {
    const tb = await startKubemateBackend({ sim, entities });
    const all = await request(tb.server).get(
      '/api/kubemate/entities/component/default/everything/workloads',
    );
    const resources = all.body.clusters[0].resources;
    expect(resources.deployments.length).toBeGreaterThan(0);
    expect(namespacesOf(resources)).toEqual(['bank-core', 'bank-payments']);
    expect(all.body.clusters[0].problems).toBeUndefined();
    await tb.stop();
  });

  it('aggregates a System from the members that name it, by full ref', async () => {
    const tb = await startKubemateBackend({ sim, entities });
    const system = await request(tb.server).get(
      '/api/kubemate/entities/system/other/core-banking/workloads',
    );
    expect(system.status).toBe(200);
    expect(
      system.body.mappings.map((m: { entityRef: string }) => m.entityRef),
    ).toEqual(['component:other/ledger-worker']);
    expect(names(system.body.clusters[0].resources.statefulsets)).toEqual([
      'ledger-worker',
    ]);
    expect(system.body.clusters[0].resources.deployments).toEqual([]);
    await tb.stop();
  });

  it('follows a change of ownership live', async () => {
    const tb = await startKubemateBackend({ sim, entities });
    const url =
      '/api/kubemate/entities/component/default/claims-supply/workloads';
    expect(
      (await request(tb.server).get(url)).body.clusters[0].resources
        .deployments,
    ).toEqual([]);
    // team-erp shares erp-supply (its owner comes from its label, not app-config).
    const ns = sim.store.get('/namespaces', undefined, 'erp-supply')!;
    sim.apply([
      {
        ...ns,
        metadata: {
          ...ns.metadata,
          annotations: {
            ...ns.metadata.annotations,
            'kubemate.io/shared-with': 'group:default/team-banking',
          },
        },
      },
    ]);
    let deployments: Array<{ metadata: { name: string } }> = [];
    for (let i = 0; i < 50 && deployments.length === 0; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      deployments = (await request(tb.server).get(url)).body.clusters[0]
        .resources.deployments;
    }
    expect(names(deployments)).toEqual(['erp-portal']);
    await tb.stop();
  });
});
