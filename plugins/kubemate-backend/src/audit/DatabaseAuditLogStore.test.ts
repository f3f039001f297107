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

  it.each(databases.eachSupportedId())(
    'writes an intent as pending and completes it once, %p',
    async id => {
      const { database } = await migratingDatabase(databases, id);
      const store = await DatabaseAuditLogStore.create({ database });
      const intent = {
        at: new Date('2026-11-22T11:00:00Z'),
        actor: 'user:default/alice',
        cluster: 'sim',
        namespace: 'bank-core',
        kind: 'Deployment',
        name: 'accounts-service',
        operation: 'scale',
        parameters: { replicas: 4 },
        beforeYaml: 'replicas: 2\n',
      };
      const scale = await store.begin(intent);
      const died = await store.begin({ ...intent, operation: 'restart' });
      expect(scale).not.toBe(died);

      const pending = await store.list({
        result: 'pending',
        limit: 10,
        offset: 0,
      });
      expect(pending.items.map(e => e.operation).sort()).toEqual([
        'restart',
        'scale',
      ]);
      expect(pending.items.find(e => e.id === scale)).toMatchObject({
        parameters: { replicas: 4 },
        beforeYaml: 'replicas: 2\n',
      });

      await store.complete(scale, {
        result: 'succeeded',
        afterYaml: 'replicas: 4\n',
      });
      // An outcome is written once: a second completion is an error, not an overwrite.
      await expect(
        store.complete(scale, { result: 'failed', error: 'late' }),
      ).rejects.toThrow(/No pending audit record/);

      const { items } = await store.list({ limit: 10, offset: 0 });
      const byId = new Map(items.map(e => [e.id, e]));
      expect(byId.get(scale)).toMatchObject({
        result: 'succeeded',
        beforeYaml: 'replicas: 2\n',
        afterYaml: 'replicas: 4\n',
      });
      expect(byId.get(scale)?.error).toBeUndefined();
      // The record of a process that died mid-change stays visible as pending.
      expect(byId.get(died)?.result).toBe('pending');
    },
  );
});
