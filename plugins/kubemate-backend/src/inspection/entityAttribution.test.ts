import { mockServices } from '@backstage/backend-test-utils';
import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  NO_SCHEDULE,
  startInspectionBackend,
} from '../__testUtils__/inspectionBackend';
import {
  simulatorClusterConfig,
  startSeededSimulator,
  testComponent,
} from '../__testUtils__/simulatorBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(180_000);

const api = '/api/kubemate/inspection';
const ref = (name: string) => `component:default/${name}`;
const erp = (name: string, annotations: Record<string, string>) =>
  testComponent(name, annotations, undefined, 'team-erp');

/**
 * Every way an entity can be mapped, against the seeded cluster (erp-finance and erp-supply
 * belong to team-erp, bank-payments to team-banking).
 */
const entities = [
  // A label selector: the Deployment carries app=erp-finance, its Service does not.
  erp('finance-by-selector', {
    'backstage.io/kubernetes-label-selector': 'app=erp-finance',
  }),
  // A named workload, whatever its labels.
  erp('legacy-reports-by-name', {
    'kubemate.io/workloads': 'service/erp-legacy-reports',
  }),
  // kubernetes-id within named namespaces.
  erp('inventory-in-supply', {
    'backstage.io/kubernetes-id': 'erp-inventory',
    'kubemate.io/namespaces': 'erp-supply',
  }),
  // The id's objects are in erp-supply, not in the namespace it names.
  erp('portal-in-finance', {
    'backstage.io/kubernetes-id': 'erp-portal',
    'kubemate.io/namespaces': 'erp-finance',
  }),
  // Named, but in another cluster.
  erp('portal-elsewhere', {
    'kubemate.io/workloads': 'deployment/erp-portal',
    'backstage.io/kubernetes-cluster': 'another-cluster',
  }),
  // Tenancy: team-erp may not map team-banking's namespace, by selector or by name.
  erp('payments-by-selector', {
    'backstage.io/kubernetes-label-selector':
      'app.kubernetes.io/name=payments-api',
  }),
  erp('payments-by-name', {
    'kubemate.io/workloads': 'deployment/payments-api',
    'kubemate.io/namespaces': 'bank-payments',
  }),
];

describe('findings reach entities however they are mapped', () => {
  const databases = createTestDatabases();
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  describe.each(databases.eachSupportedId())('on %p', id => {
    let server: any;
    let stop: () => Promise<void>;

    beforeAll(async () => {
      const knex = await databases.init(id);
      const backend = await startInspectionBackend({
        clusters: [simulatorClusterConfig(sim)],
        entities,
        features: [mockServices.database.factory({ knex })],
        kubemate: {
          inspection: { clusters: { sim: { schedule: NO_SCHEDULE } } },
        },
      });
      server = backend.server;
      stop = () => backend.stop();
      const started = await request(server)
        .post(`${api}/runs`)
        .send({ cluster: 'sim' })
        .expect(202);
      for (let i = 0; i < 300; i++) {
        const run = await request(server).get(`${api}/runs/${started.body.id}`);
        if (run.body.status === 'succeeded') return;
        if (run.body.status !== 'running') throw new Error(run.body.error);
        await new Promise(r => setTimeout(r, 100));
      }
      throw new Error('the run did not finish');
    });

    afterAll(async () => {
      await stop?.();
    });

    const findings = async (query: Record<string, string>) =>
      (
        await request(server)
          .get(`${api}/findings`)
          .query({ cluster: 'sim', limit: '500', ...query })
          .expect(200)
      ).body.items as any[];
    const resources = (items: any[]) => [
      ...new Set(
        items.map(
          f => `${f.resource.kind}/${f.resource.namespace}/${f.resource.name}`,
        ),
      ),
    ];
    const ofEntity = async (name: string) =>
      resources(await findings({ entityRef: ref(name) })).sort();

    it('by label selector: what the selector matches', async () => {
      expect(await ofEntity('finance-by-selector')).toEqual([
        'Deployment/erp-finance/erp-finance',
      ]);
      const nodePort = await findings({
        ruleId: 'service-node-port',
        namespace: 'erp-finance',
      });
      expect(nodePort).toHaveLength(1);
      expect(nodePort[0].entityRef).toBeUndefined();
      // The store's figures by entity count them too.
      const summary = await request(server)
        .get(`${api}/summary`)
        .query({ entityRef: ref('finance-by-selector') })
        .expect(200);
      expect(summary.body.failed).toBeGreaterThan(0);
      // Passed checks reach the store as counts, attributed the same way.
      expect(summary.body.passed).toBeGreaterThan(0);
      expect(summary.body.risksBySeverity.high).toBeGreaterThan(0);
    });

    it('by named workloads', async () => {
      expect(await ofEntity('legacy-reports-by-name')).toEqual([
        'Service/erp-supply/erp-legacy-reports',
      ]);
    });

    it('by kubernetes-id within its namespaces only', async () => {
      expect(await ofEntity('inventory-in-supply')).toEqual([
        'Deployment/erp-supply/erp-inventory',
        'Deployment/erp-supply/erp-inventory-sync',
      ]);
      expect(await ofEntity('portal-in-finance')).toEqual([]);
      expect(await ofEntity('portal-elsewhere')).toEqual([]);
      const portal = await findings({ namespace: 'erp-supply' });
      expect(
        portal
          .filter(f => f.resource.name === 'erp-portal')
          .filter(f => f.entityRef),
      ).toEqual([]);
    });

    it('never across tenants', async () => {
      expect(await ofEntity('payments-by-selector')).toEqual([]);
      expect(await ofEntity('payments-by-name')).toEqual([]);
      const bank = await findings({ namespace: 'bank-payments' });
      expect(bank.length).toBeGreaterThan(0);
      expect(bank.filter(f => f.entityRef)).toEqual([]);
    });
  });
});
