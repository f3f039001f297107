// @ts-check

/**
 * One running engine run per cluster, held by the database instead of a clock: a partial unique
 * index admits a single `running` engine run per cluster across every backend replica, and
 * `heartbeat_at` (written every few seconds by the replica running it) tells a live run from
 * one whose process died, so a dead run can be failed within a minute.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('kubemate_inspection_runs', table => {
    table
      .timestamp('heartbeat_at', { useTz: true })
      .nullable()
      .comment(
        'Last sign of life of the replica running it; a stale heartbeat fails the run',
      );
  });
  await knex('kubemate_inspection_runs')
    .where({ status: 'running' })
    .update({ heartbeat_at: knex.ref('started_at') });

  // Older releases allowed several running rows of a cluster (the clock decided): the newest
  // keeps running, the others end failed so the index can be built.
  const running = await knex('kubemate_inspection_runs')
    .where({ status: 'running', source: 'engine' })
    .orderBy([
      { column: 'started_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .select('id', 'cluster');
  const seen = new Set();
  const superseded = [];
  for (const run of running) {
    if (seen.has(run.cluster)) superseded.push(run.id);
    else seen.add(run.cluster);
  }
  for (let i = 0; i < superseded.length; i += 500) {
    await knex('kubemate_inspection_runs')
      .whereIn('id', superseded.slice(i, i + 500))
      .update({
        status: 'failed',
        error: 'superseded by a newer run of the cluster (upgrade)',
        finished_at: new Date(),
      });
  }

  // Partial unique index: PostgreSQL and SQLite both support it.
  await knex.raw(
    `create unique index kubemate_insp_runs_one_running_idx
       on kubemate_inspection_runs (cluster)
       where status = 'running' and source = 'engine'`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('drop index kubemate_insp_runs_one_running_idx');
  await knex.schema.alterTable('kubemate_inspection_runs', table => {
    table.dropColumn('heartbeat_at');
  });
};
