import {
  createTestDatabases,
  migratingDatabase,
} from '../__testUtils__/testDatabases';
import { DatabaseAuditLogStore } from './DatabaseAuditLogStore';

jest.setTimeout(60_000);

describe('DatabaseAuditLogStore', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'records events and lists them newest first with filters, %p',
    async id => {
      const { database } = await migratingDatabase(databases, id);
      const store = await DatabaseAuditLogStore.create({ database });
      const base = {
        actor: 'user:default/alice',
        entityRef: 'component:default/payments-api',
        cluster: 'sim',
        namespace: 'bank-payments',
        kind: 'Deployment',
        name: 'payments-api-v1',
      };
      await store.record({
        ...base,
        at: new Date('2026-11-22T10:00:00Z'),
        operation: 'scale',
        parameters: { replicas: 3 },
        result: 'succeeded',
        beforeYaml: 'replicas: 2\n',
        afterYaml: 'replicas: 3\n',
      });
      await store.record({
        ...base,
        at: new Date('2026-11-22T10:05:00Z'),
        operation: 'restart',
        result: 'denied',
        error: "Missing permission 'kubemate.workload.restart'",
      });
      await store.record({
        ...base,
        actor: 'user:default/bob',
        at: new Date('2026-11-22T10:10:00Z'),
        operation: 'delete-pod',
        result: 'failed',
        error: 'pods "x" not found',
      });

      const all = await store.list({ limit: 10, offset: 0 });
      expect(all.total).toBe(3);
      expect(all.items.map(e => e.operation)).toEqual([
        'delete-pod',
        'restart',
        'scale',
      ]);
      expect(all.items[2]).toMatchObject({
        parameters: { replicas: 3 },
        beforeYaml: 'replicas: 2\n',
        afterYaml: 'replicas: 3\n',
        result: 'succeeded',
      });

      const alice = await store.list({
        actor: 'user:default/alice',
        limit: 1,
        offset: 1,
      });
      expect(alice.total).toBe(2);
      expect(alice.items.map(e => e.operation)).toEqual(['scale']);
      expect(
        (await store.list({ result: 'denied', limit: 10, offset: 0 })).items[0]
          .error,
      ).toMatch(/restart/);
      expect(
        (
          await store.list({
            since: new Date('2026-11-22T10:04:00Z'),
            until: new Date('2026-11-22T10:06:00Z'),
            limit: 10,
            offset: 0,
          })
        ).total,
      ).toBe(1);
    },
  );
});
