// @ts-check

/**
 * Audit log of workload mutations, including denied attempts: who did what to which object,
 * with the parameters, the result and the object before and after.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kubemate_audit_events', table => {
    table.comment('Every Kubemate mutation and every denied attempt');
    table.bigIncrements('id').primary();
    table.timestamp('at', { useTz: true }).notNullable();
    table
      .string('actor', 255)
      .notNullable()
      .comment('User or service entity ref');
    table.string('entity_ref', 255).nullable();
    table.string('cluster', 253).nullable();
    table.string('namespace', 253).nullable();
    table.string('kind', 63).nullable();
    table.string('name', 253).nullable();
    table.string('operation', 63).notNullable();
    table.text('parameters').nullable().comment('JSON');
    table
      .string('result', 16)
      .notNullable()
      .comment('succeeded | failed | denied');
    table.text('error').nullable();
    table.text('before_yaml').nullable();
    table.text('after_yaml').nullable();
    table.index(['entity_ref', 'at'], 'kubemate_audit_entity_at_idx');
    table.index(['actor', 'at'], 'kubemate_audit_actor_at_idx');
    table.index(
      ['cluster', 'namespace', 'at'],
      'kubemate_audit_cluster_ns_at_idx',
    );
    table.index(['at'], 'kubemate_audit_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kubemate_audit_events');
};
