import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';

/** The plugin's knex migrations (`migrations/*.js`), one set for every table of the plugin. */
export const migrationsDirectory = resolvePackagePath(
  '@kubemate/plugin-kubemate-backend',
  'migrations',
);

/**
 * Brings the plugin database to the latest schema, unless the database service says to skip
 * migrations. Called once by the plugin before any store is created (and by the benchmarks);
 * the stores themselves never migrate.
 */
export async function migrateKubemateDatabase(
  database: Pick<DatabaseService, 'getClient' | 'migrations'>,
): Promise<void> {
  if (database.migrations?.skip) return;
  const client = await database.getClient();
  await client.migrate.latest({ directory: migrationsDirectory });
}
