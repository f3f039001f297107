// @ts-check

/**
 * Columns whose values Kubernetes, Ansible or the catalog do not bound to the declared size
 * become text:
 * - findings.api_version: group (DNS subdomain, 253) + "/" + version (63) is up to 317;
 * - findings.name: RBAC objects and other path-segment names have no length limit, and an
 *   Ansible host is the resource name of its checks;
 * - findings.host: Ansible inventory names are arbitrary strings;
 * - findings.detail: a rule's discriminator, e.g. an Event's reason (core/v1 Events do not
 *   bound it; events.k8s.io/v1 allows 128);
 * - audit name: any kind can be edited as YAML, RBAC names included;
 * - cluster_status.git_version: whatever the cluster's /version says.
 * The other columns already hold the longest legal values (names 253, namespaces and kinds 63,
 * entity refs kind:namespace/name at most 63+1+63+1+63 = 191 of 255, fingerprints 64).
 *
 * SQLite does not enforce declared lengths (varchar(n) is text there), so only PostgreSQL
 * changes.
 */
const WIDENED = [
  ['kubemate_inspection_findings', 'api_version', 253],
  ['kubemate_inspection_findings', 'name', 253],
  ['kubemate_inspection_findings', 'host', 253],
  ['kubemate_inspection_findings', 'detail', 253],
  ['kubemate_audit_events', 'name', 253],
  ['kubemate_cluster_status', 'git_version', 64],
];

/** @param {import('knex').Knex} knex */
const isPostgres = knex =>
  ['pg', 'postgres', 'postgresql'].includes(
    String(knex.client.config.client ?? ''),
  );

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (!isPostgres(knex)) return;
  for (const [table, column] of WIDENED) {
    // varchar → text is binary-coercible: no table rewrite, no index rebuild.
    await knex.raw('alter table ?? alter column ?? type text', [table, column]);
  }
};

/**
 * Back to the old sizes; longer values are cut to fit.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (!isPostgres(knex)) return;
  for (const [table, column, size] of WIDENED) {
    await knex.raw(
      `alter table ?? alter column ?? type varchar(${Number(
        size,
      )}) using left(??, ${Number(size)})`,
      [table, column, column],
    );
  }
};
