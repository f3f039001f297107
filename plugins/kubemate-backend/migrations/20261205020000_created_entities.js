// @ts-check

/**
 * Catalog entities of apps created by templates (the scaffolder's kubemate:catalog:register),
 * served to the catalog by Kubemate's entity provider: the demo has no SCM to register from.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kubemate_created_entities', table => {
    table.comment('Catalog entities of apps created by templates');
    table.string('entity_ref', 255).primary();
    table.text('entity').notNullable();
    table.string('owner', 255).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kubemate_created_entities');
};
