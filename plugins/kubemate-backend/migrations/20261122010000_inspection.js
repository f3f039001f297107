// @ts-check

/**
 * Cluster inspection storage: runs, risk items (findings) with their lifecycle, the
 * transitions of every finding, per-run aggregates for reports and the dedup table of
 * ingested external reports.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('kubemate_inspection_runs', table => {
    table.comment(
      'One inspection of one cluster with one profile, or one ingested external report',
    );
    table.uuid('id').primary().notNullable();
    table.string('cluster', 253).notNullable();
    table.string('profile', 253).notNullable();
    table
      .string('trigger', 16)
      .notNullable()
      .comment('scheduled | manual | change | ingest');
    table
      .string('source', 16)
      .notNullable()
      .comment('engine | ansible | generic');
    table
      .string('status', 16)
      .notNullable()
      .comment('running | succeeded | failed');
    table
      .string('requested_by', 255)
      .nullable()
      .comment('User entity ref or system:inspector');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.text('error').nullable().comment('Why the run failed');
    table.integer('progress_total').nullable();
    table.integer('progress_done').nullable();
    table.text('progress_message').nullable();
    table
      .text('summary')
      .nullable()
      .comment(
        'JSON: totals, score, by severity, new/fixed, execution failures',
      );
    table
      .text('coverage')
      .nullable()
      .comment('JSON: rule ids evaluated and over which scope');
    table.index(
      ['cluster', 'started_at'],
      'kubemate_insp_runs_cluster_started_idx',
    );
    table.index(['status', 'started_at'], 'kubemate_insp_runs_status_idx');
  });

  await knex.schema.createTable('kubemate_inspection_findings', table => {
    table.comment(
      'Risk items: one row per fingerprint with its lifecycle state',
    );
    table
      .string('fingerprint', 64)
      .primary()
      .notNullable()
      .comment('sha256 of (cluster, rule, resource)');
    table.string('cluster', 253).notNullable();
    table.string('rule_id', 253).notNullable();
    table.string('rule_version', 64).nullable();
    table.string('source', 16).notNullable();
    table.text('title').notNullable();
    table.string('severity', 16).notNullable();
    table.string('category', 32).notNullable();
    table.string('kind', 253).notNullable();
    table.string('api_version', 253).nullable();
    table.string('namespace', 253).nullable();
    table.string('name', 253).notNullable();
    table.string('container', 253).nullable();
    table.string('host', 253).nullable();
    table.string('detail', 253).nullable();
    table.string('entity_ref', 255).nullable();
    table
      .string('state', 16)
      .notNullable()
      .comment('new | open | fixed | reopened | ignored');
    table
      .string('resume_state', 16)
      .nullable()
      .comment('State to return to when an ignore ends');
    table.timestamp('state_changed_at', { useTz: true }).notNullable();
    table.uuid('first_seen_run_id').notNullable();
    table.timestamp('first_seen_at', { useTz: true }).notNullable();
    table.uuid('last_seen_run_id').notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table
      .integer('times_seen')
      .notNullable()
      .defaultTo(1)
      .comment('Runs that reported it');
    table
      .integer('occurrences')
      .notNullable()
      .defaultTo(1)
      .comment('Occurrences in the latest sighting');
    table.timestamp('fixed_at', { useTz: true }).nullable();
    table.uuid('fixed_run_id').nullable();
    table
      .string('ignored_reason', 32)
      .nullable()
      .comment('accepted-risk | false-positive');
    table.text('ignored_comment').nullable();
    table.string('ignored_by', 255).nullable();
    table.timestamp('ignored_at', { useTz: true }).nullable();
    table.timestamp('ignored_until', { useTz: true }).nullable();
    table.text('message').nullable();
    table.text('observed').nullable();
    table.text('expected').nullable();
    table.text('remediation').nullable();
    table.text('fix').nullable();
    table.text('docs').nullable();
    table
      .string('content_hash', 64)
      .nullable()
      .comment(
        'Hash of the rule text columns, to skip rewriting them when unchanged',
      );
    table.index(
      ['cluster', 'state', 'severity'],
      'kubemate_insp_findings_cluster_state_idx',
    );
    table.index(
      ['cluster', 'namespace', 'state'],
      'kubemate_insp_findings_namespace_idx',
    );
    table.index(['entity_ref', 'state'], 'kubemate_insp_findings_entity_idx');
    table.index(['rule_id', 'cluster'], 'kubemate_insp_findings_rule_idx');
  });
  if (knex.client.config.client === 'pg') {
    // Every run rewrites last_seen of most rows: leave room on each page so those updates can
    // stay HOT (no index maintenance when no indexed column changes).
    await knex.raw(
      'alter table kubemate_inspection_findings set (fillfactor = 70)',
    );
  }

  await knex.schema.createTable('kubemate_inspection_transitions', table => {
    table.comment('Every lifecycle transition of a finding, with who and when');
    table.bigIncrements('id');
    table.string('fingerprint', 64).notNullable();
    table.string('cluster', 253).notNullable();
    table.string('from_state', 16).nullable().comment('null when first seen');
    table.string('to_state', 16).notNullable();
    table
      .string('actor', 255)
      .notNullable()
      .comment('User entity ref or system:inspector');
    table.timestamp('at', { useTz: true }).notNullable();
    table.uuid('run_id').nullable();
    table.string('reason', 32).nullable();
    table.text('comment').nullable();
    table.index(['fingerprint', 'id'], 'kubemate_insp_transitions_fp_idx');
    table.index(['run_id', 'to_state'], 'kubemate_insp_transitions_run_idx');
  });

  await knex.schema.createTable('kubemate_inspection_run_stats', table => {
    table.comment(
      'Per-run check counts by namespace, entity and severity (for scoped reports)',
    );
    table.uuid('run_id').notNullable();
    table
      .string('namespace', 253)
      .notNullable()
      .defaultTo('')
      .comment('"" for cluster-scoped');
    table
      .string('entity_ref', 255)
      .notNullable()
      .defaultTo('')
      .comment('"" when unresolved');
    table.string('severity', 16).notNullable();
    table.integer('passed').notNullable().defaultTo(0);
    table.integer('failed').notNullable().defaultTo(0);
    table.integer('errors').notNullable().defaultTo(0);
    table.integer('skipped').notNullable().defaultTo(0);
    table.primary(['run_id', 'namespace', 'entity_ref', 'severity']);
    table.index(['entity_ref'], 'kubemate_insp_run_stats_entity_idx');
  });

  await knex.schema.createTable('kubemate_inspection_ingests', table => {
    table.comment(
      'Digests of ingested external reports: the same report twice changes nothing',
    );
    table.string('digest', 64).primary().notNullable();
    table.uuid('run_id').notNullable();
    table.string('cluster', 253).notNullable();
    table.string('source', 16).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kubemate_inspection_ingests');
  await knex.schema.dropTable('kubemate_inspection_run_stats');
  await knex.schema.dropTable('kubemate_inspection_transitions');
  await knex.schema.dropTable('kubemate_inspection_findings');
  await knex.schema.dropTable('kubemate_inspection_runs');
};
