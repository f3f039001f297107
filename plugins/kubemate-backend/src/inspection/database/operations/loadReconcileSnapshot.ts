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

/**
 * Stored findings per page of {@link reconcileSnapshotPages}. SQLite reads from a cursor, so a
 * small page costs nothing and dies young instead of being promoted to V8's old space (run 2 of
 * the inspection benchmark peaked 10-20 MB lower with 500 rows than with 5,000). A PostgreSQL
 * page is a query: fewer, larger pages are faster there.
 */
export const SNAPSHOT_PAGE = { sqlite: 500, postgres: 5000 };

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
  pageSize?: number,
): AsyncGenerator<SnapshotRow[]> {
  if (!isPostgres(db)) {
    const size = pageSize ?? SNAPSHOT_PAGE.sqlite;
    const { sql, bindings } = db(FINDINGS)
      .where({ cluster })
      .select(...SNAPSHOT_COLUMNS)
      .toSQL()
      .toNative();
    yield* sqliteQueryPages<SnapshotRow>(db, sql, [...bindings], size);
    return;
  }
  const size = pageSize ?? SNAPSHOT_PAGE.postgres;
  let after: string | undefined;
  for (;;) {
    const query = db(FINDINGS)
      .where({ cluster })
      .select(...SNAPSHOT_COLUMNS)
      .orderBy('fingerprint')
      .limit(size);
    if (after !== undefined) query.andWhere('fingerprint', '>', after);
    const page: SnapshotRow[] = await query;
    if (page.length) yield page;
    if (page.length < size) return;
    after = page[page.length - 1].fingerprint;
  }
}
