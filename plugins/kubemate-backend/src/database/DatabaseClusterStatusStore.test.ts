import {
  createTestDatabases,
  migratingDatabase,
} from '../__testUtils__/testDatabases';
import { DatabaseClusterStatusStore } from './DatabaseClusterStatusStore';

jest.setTimeout(60_000);

describe('DatabaseClusterStatusStore', () => {
  const databases = createTestDatabases();

  async function createStore(
    databaseId: (typeof databases)['supportedIds'][number],
  ) {
    const { knex, database } = await migratingDatabase(databases, databaseId);
    return {
      knex,
      store: await DatabaseClusterStatusStore.create({ database }),
    };
  }

  it.each(databases.eachSupportedId())(
    'records probes and keeps last-seen on failure, %p',
    async id => {
      const { store } = await createStore(id);
      const t1 = new Date('2026-11-22T10:00:00.000Z');
      const t2 = new Date('2026-11-22T10:01:00.000Z');
      const version = {
        major: '1',
        minor: '32',
        gitVersion: 'v1.32.0',
        platform: 'linux/amd64',
      };

      await store.record([
        {
          clusterName: 'a',
          reachable: true,
          version,
          latencyMs: 4,
          checkedAt: t1,
        },
        {
          clusterName: 'b',
          reachable: false,
          error: 'connect ECONNREFUSED',
          checkedAt: t1,
        },
      ]);
      await store.record([
        { clusterName: 'a', reachable: false, error: 'timeout', checkedAt: t2 },
      ]);

      const [a, b] = await store.list();
      expect(a).toEqual({
        clusterName: 'a',
        reachable: false,
        error: 'timeout',
        version: undefined,
        latencyMs: undefined,
        checkedAt: t2,
        lastSeenAt: t1,
      });
      expect(b).toMatchObject({
        clusterName: 'b',
        reachable: false,
        lastSeenAt: undefined,
      });
    },
  );
});
