// @ts-check

/**
 * Last probe result per cluster, so "last seen" survives restarts and is shared by every
 * backend replica.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kubemate_cluster_status', table => {
    table.comment(
      'Last reachability probe of each configured Kubernetes cluster',
    );
    table.string('cluster_name', 253).primary().notNullable();
    table.boolean('reachable').notNullable();
    table.string('git_version', 64).nullable();
    table
      .text('version_json')
      .nullable()
      .comment('Full /version answer as JSON');
    table.text('error').nullable();
    table.integer('latency_ms').nullable();
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kubemate_cluster_status');
};
