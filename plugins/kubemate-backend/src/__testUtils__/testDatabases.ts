import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { migrateKubemateDatabase } from '../database/migrations';

/** Test-only: the databases every store test runs on (PostgreSQL in CI, SQLite everywhere). */
export function createTestDatabases() {
  return TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
}

type DatabaseId = Parameters<TestDatabases['init']>[0];

/** Test-only: a fresh database, migrated as the plugin does at startup, and its service. */
export async function migratingDatabase(
  databases: TestDatabases,
  id: DatabaseId,
) {
  const knex = await databases.init(id);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  await migrateKubemateDatabase(database);
  return { knex, database };
}
