// @ts-check

/**
 * Sticky sessions of a release: the cookie the canary's responses set, so a user who reached
 * the canary stays on it (JSON `{ cookie, maxAgeSeconds }`).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('kubemate_releases', table => {
    table.text('sticky').nullable().comment('JSON sticky-session cookie');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client.includes('sqlite')) {
    // knex rebuilds a SQLite table to drop a column, and the rebuild's DROP TABLE would cascade
    // to the release events; SQLite (≥ 3.35) drops the column itself.
    await knex.raw('ALTER TABLE kubemate_releases DROP COLUMN sticky');
    return;
  }
  await knex.schema.alterTable('kubemate_releases', table => {
    table.dropColumn('sticky');
  });
};
