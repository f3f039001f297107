import { mockServices, TestDatabases } from '@backstage/backend-test-utils';

/** Test-only: the databases every store test runs on (PostgreSQL in CI, SQLite everywhere). */
export function createTestDatabases() {
  return TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
}

type DatabaseId = Parameters<TestDatabases['init']>[0];

/** Test-only: a fresh database and a database service that lets the plugin run its migrations. */
export async function migratingDatabase(
  databases: TestDatabases,
  id: DatabaseId,
) {
  const knex = await databases.init(id);
  return {
    knex,
    database: mockServices.database({ knex, migrations: { skip: false } }),
  };
}
