// @ts-check

/**
 * Gateway ports of onboarded namespaces: one Traefik entryPoint port per namespace and cluster,
 * never shared (unique per cluster), kept while the namespace is onboarded.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kubemate_gateway_ports', table => {
    table.comment(
      'The Traefik entryPoint port allocated to each onboarded namespace',
    );
    table.string('cluster', 253).notNullable();
    table.string('namespace', 63).notNullable();
    table.integer('port').notNullable();
    table.timestamp('allocated_at', { useTz: true }).notNullable();
    table.primary(['cluster', 'namespace']);
    table.unique(['cluster', 'port']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kubemate_gateway_ports');
};
