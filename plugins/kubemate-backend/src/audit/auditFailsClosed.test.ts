import { mockServices } from '@backstage/backend-test-utils';
import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  ACCOUNTS_DEPLOYMENT,
  componentWithId,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const ACCOUNTS = '/api/kubemate/entities/component/default/accounts-service';

/** The plugin on a real database whose audit table is gone: a scale is refused, nothing changes. */
describe('audit fails closed', () => {
  const databases = createTestDatabases();
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  const replicas = () =>
    sim.store
      .list('apps/deployments')
      .find(
        d =>
          d.metadata.namespace === ACCOUNTS_DEPLOYMENT.namespace &&
          d.metadata.name === ACCOUNTS_DEPLOYMENT.name,
      )?.spec?.replicas;

  it.each(databases.eachSupportedId())(
    'refuses a scale with 503 and leaves the Deployment as it was, %p',
    async id => {
      const knex = await databases.init(id);
      const backend = await startKubemateBackend({
        sim,
        entities: [componentWithId('accounts-service')],
        features: [mockServices.database.factory({ knex })],
      });
      const server = backend.server;
      try {
        const before = replicas();
        expect(before).toBe(2);

        await knex.schema.dropTable('kubemate_audit_events');
        const refused = await request(server)
          .post(`${ACCOUNTS}/actions/scale`)
          .send({ ...ACCOUNTS_DEPLOYMENT, replicas: 5 });
        expect(refused.status).toBe(503);
        expect(refused.body.error.message).toMatch(
          /audit log cannot be written/,
        );
        // Give a change that slipped through time to land before looking.
        await new Promise(resolve => setTimeout(resolve, 300));
        expect(replicas()).toBe(before);
      } finally {
        await backend.stop();
      }
    },
  );
});
