import type { Knex } from 'knex';
import type { SnapshotRow } from '../../reconcile';
import { isPostgres, sqliteQueryPages } from '../dialect';
import { FINDINGS } from '../rows';

const SNAPSHOT_COLUMNS = [
  'fingerprint',
  'state',
  'resume_state',
  'ignored_until',
  'rule_id',
  'namespace',
  'host',
  'content_hash',
] as const;

/** Stored findings per page of {@link reconcileSnapshotPages}. */
export const SNAPSHOT_PAGE = 5000;

/** A cluster's stored findings as reconciliation sees them (one query, no per-finding reads). */
export async function loadReconcileSnapshot(
  db: Knex,
  cluster: string,
): Promise<SnapshotRow[]> {
  return db(FINDINGS)
    .where({ cluster })
    .select(...SNAPSHOT_COLUMNS);
}

/**
 * The same rows as {@link loadReconcileSnapshot}, a page at a time, so a large cluster's tens of
 * thousands of stored findings are never all in memory at once. SQLite: one query read through
 * the driver's cursor; PostgreSQL: keyset pagination on the findings' primary key (pages in
 * fingerprint order). Inside a transaction the pages see one state.
 */
export async function* reconcileSnapshotPages(
  db: Knex,
  cluster: string,
  pageSize = SNAPSHOT_PAGE,
): AsyncGenerator<SnapshotRow[]> {
  if (!isPostgres(db)) {
    const { sql, bindings } = db(FINDINGS)
      .where({ cluster })
      .select(...SNAPSHOT_COLUMNS)
      .toSQL()
      .toNative();
    yield* sqliteQueryPages<SnapshotRow>(db, sql, [...bindings], pageSize);
    return;
  }
  let after: string | undefined;
  for (;;) {
    const query = db(FINDINGS)
      .where({ cluster })
      .select(...SNAPSHOT_COLUMNS)
      .orderBy('fingerprint')
      .limit(pageSize);
    if (after !== undefined) query.andWhere('fingerprint', '>', after);
    const page: SnapshotRow[] = await query;
    if (page.length) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].fingerprint;
  }
}
