// @ts-check

/**
 * Custom (job) probes report their outcome through the API: a run stores the hash of the key
 * its Job was given (only that Job can report for it), what it reported, and the tail of its
 * container's log when it failed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('kubemate_probe_runs', table => {
    table
      .string('report_key_hash', 64)
      .nullable()
      .comment('sha256 of the key a job probe reports with');
    table
      .text('report')
      .nullable()
      .comment('JSON status and messages reported');
    table.text('logs').nullable().comment('log tail of a failed job probe');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('kubemate_probe_runs', table => {
    table.dropColumn('report_key_hash');
    table.dropColumn('report');
    table.dropColumn('logs');
  });
};
