// @ts-check

/**
 * Black-box probes: one state row per defined probe (its next run, the replica that claimed it,
 * the status owners were last told of) and the runs with their steps, events and hint. A due
 * probe is claimed with a compare-and-set on `claimed_until`, so each scheduled or change-
 * triggered run happens once across replicas; a replica that dies mid-run loses its claim when
 * it expires.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kubemate_probe_state', table => {
    table.string('probe_id', 63).primary();
    table.timestamp('next_run_at', { useTz: true }).nullable();
    table
      .string('pending_trigger', 16)
      .nullable()
      .comment('change when a change moved next_run_at forward');
    table.string('pending_reason', 512).nullable();
    table.string('claimed_by', 128).nullable();
    table.timestamp('claimed_until', { useTz: true }).nullable();
    table
      .string('notified_status', 16)
      .nullable()
      .comment('passed or failed: what the owners were last told');
    table.index(['next_run_at'], 'kubemate_probe_state_due_idx');
  });
  await knex.schema.createTable('kubemate_probe_runs', table => {
    table.string('id', 36).primary();
    table.string('probe_id', 63).notNullable();
    table.string('cluster', 253).notNullable();
    table.string('trigger', 16).notNullable();
    table.string('reason', 512).nullable();
    table.string('status', 16).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.integer('duration_ms').nullable();
    table.text('steps').notNullable().comment('JSON steps with latencies');
    table.text('message').nullable();
    table.text('events').nullable().comment('JSON Kubernetes events');
    table.text('hint').nullable().comment('JSON root-cause hint');
    table.index(['probe_id', 'started_at'], 'kubemate_probe_runs_probe_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kubemate_probe_runs');
  await knex.schema.dropTable('kubemate_probe_state');
};
