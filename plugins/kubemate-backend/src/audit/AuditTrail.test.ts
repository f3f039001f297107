import { mockServices } from '@backstage/backend-test-utils';
import {
  createTestDatabases,
  migratingDatabase,
} from '../__testUtils__/testDatabases';
import type { AuditLogStore } from './AuditLogStore';
import { AuditTrail } from './AuditTrail';
import { DatabaseAuditLogStore } from './DatabaseAuditLogStore';

jest.setTimeout(60_000);

const event = {
  actor: 'user:default/alice',
  cluster: 'sim',
  namespace: 'bank-core',
  kind: 'Deployment',
  name: 'accounts-service',
  operation: 'scale',
  parameters: { replicas: 3 },
  beforeYaml: 'replicas: 2\n',
};

const results = async (store: AuditLogStore) =>
  (await store.list({ limit: 10, offset: 0 })).items.map(e => e.result);

describe('AuditTrail', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('writes the intent as pending before the change and the outcome after it', async () => {
      const { database } = await migratingDatabase(databases, id);
      const store = await DatabaseAuditLogStore.create({ database });
      const trail = new AuditTrail({
        store,
        auditor: mockServices.auditor.mock(),
      });

      let seenDuring: string[] = [];
      const out = await trail.run(
        event,
        undefined,
        async () => {
          seenDuring = await results(store);
          return 'replicas: 3\n';
        },
        yaml => yaml,
      );
      expect(out).toBe('replicas: 3\n');
      expect(seenDuring).toEqual(['pending']);
      const [done] = (await store.list({ limit: 10, offset: 0 })).items;
      expect(done).toMatchObject({
        result: 'succeeded',
        beforeYaml: 'replicas: 2\n',
        afterYaml: 'replicas: 3\n',
      });

      await expect(
        trail.run(
          { ...event, operation: 'restart' },
          undefined,
          async () => {
            throw new Error('the API server said no');
          },
          () => undefined,
        ),
      ).rejects.toThrow('the API server said no');
      const [failed] = (await store.list({ limit: 10, offset: 0 })).items;
      expect(failed).toMatchObject({
        operation: 'restart',
        result: 'failed',
        error: 'the API server said no',
      });
    });

    it('refuses with 503 and never runs the change when the audit log cannot be written', async () => {
      const { knex, database } = await migratingDatabase(databases, id);
      const store = await DatabaseAuditLogStore.create({ database });
      const trail = new AuditTrail({
        store,
        auditor: mockServices.auditor.mock(),
      });
      await knex.schema.dropTable('kubemate_audit_events');

      const change = jest.fn(async () => 'changed');
      await expect(
        trail.run(event, undefined, change, () => undefined),
      ).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringMatching(/audit log cannot be written/),
      });
      expect(change).not.toHaveBeenCalled();

      await expect(
        trail.denied(event, new Error('Missing permission')),
      ).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
    });
  });
});
