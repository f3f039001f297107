// @ts-check

/**
 * Releases (progressive delivery) and their timelines. A release row is claimed by one backend
 * replica at a time: `claimed_by`/`claimed_until` are set with a compare-and-set, and the step
 * that was run moves `next_step_at` in the same update, so each step runs once across replicas
 * and a replica that dies mid-step is replaced when its claim expires.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kubemate_releases', table => {
    table.string('id', 36).primary();
    table.string('entity_ref', 512).notNullable();
    table.string('cluster', 253).notNullable();
    table.string('namespace', 253).notNullable();
    table.string('service', 253).notNullable();
    table.string('route_kind', 64).notNullable();
    table.string('route_name', 253).nullable();
    table
      .string('route_rule', 253)
      .nullable()
      .comment('Rule name, or index as text');
    table.string('stable', 253).notNullable().comment('Stable Deployment');
    table.string('canary', 253).notNullable().comment('Canary Deployment');
    table.string('strategy', 16).notNullable();
    table.text('match').nullable().comment('JSON header/cookie match (canary)');
    table.text('plan').notNullable().comment('JSON release plan');
    table.string('state', 16).notNullable();
    table.integer('weight').notNullable().comment('Canary weight in percent');
    table.integer('step').notNullable();
    table.integer('failed_checks').notNullable().defaultTo(0);
    table.timestamp('next_step_at', { useTz: true }).nullable();
    table.string('claimed_by', 128).nullable();
    table.timestamp('claimed_until', { useTz: true }).nullable();
    table.string('created_by', 512).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['entity_ref'], 'kubemate_releases_entity_idx');
    table.index(['state', 'next_step_at'], 'kubemate_releases_due_idx');
  });
  await knex.schema.createTable('kubemate_release_events', table => {
    table.bigIncrements('id').primary();
    table
      .string('release_id', 36)
      .notNullable()
      .references('id')
      .inTable('kubemate_releases')
      .onDelete('CASCADE');
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('actor', 512).notNullable();
    table.string('decision', 16).notNullable();
    table.integer('weight').notNullable();
    table.integer('step').notNullable();
    table.text('message').notNullable();
    table
      .text('metrics')
      .nullable()
      .comment('JSON golden metrics of canary and stable');
    table.index(['release_id', 'id'], 'kubemate_release_events_release_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kubemate_release_events');
  await knex.schema.dropTable('kubemate_releases');
};
