import type { Knex } from 'knex';
import { chunks, PG_JSON_CHUNK } from './limits';

export function isPostgres(db: Knex): boolean {
  const client = String(db.client.config.client ?? '');
  return ['pg', 'postgres', 'postgresql'].includes(client);
}

/**
 * PostgreSQL: one bind parameter per chunk (a JSON array expanded by json_populate_recordset)
 * instead of one per value, which is several times faster for tens of thousands of rows.
 */
export async function pgBulkInsert(
  trx: Knex.Transaction,
  table: string,
  rows: object[],
  onConflict = '',
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  for (const part of chunks(rows, PG_JSON_CHUNK)) {
    await trx.raw(
      `insert into ?? (??) select ?? from json_populate_recordset(null::??, ?::json) ${onConflict}`,
      [table, columns, columns, table, JSON.stringify(part)],
    );
  }
}

/** Rows between two yields to the event loop while SQLite inserts synchronously. */
const SQLITE_YIELD_ROWS = 5000;

/** A value as knex binds it for better-sqlite3 (dates as epoch milliseconds, booleans as 0/1). */
function sqliteValue(v: unknown): unknown {
  if (v instanceof Date) return v.valueOf();
  if (typeof v === 'boolean') return Number(v);
  return v === undefined ? null : v;
}

/**
 * SQLite (better-sqlite3): runs one prepared statement once per row of positional values on
 * the transaction's connection, yielding to the event loop every few thousand rows. Rows may
 * come from a generator, so they need not all be in memory at once; the values array may be
 * reused between rows.
 */
export async function sqliteRunEach(
  trx: Knex.Transaction,
  sql: string,
  rows: Iterable<unknown[]>,
): Promise<void> {
  let statement: { run(values: unknown[]): unknown } | undefined;
  let n = 0;
  for (const row of rows) {
    if (!statement) {
      const connection = await trx.client.acquireConnection();
      statement = connection.prepare(sql);
    }
    for (let i = 0; i < row.length; i++) row[i] = sqliteValue(row[i]);
    statement!.run(row);
    // The driver is synchronous: let timers (the run's heartbeat) through now and then.
    if (++n % SQLITE_YIELD_ROWS === 0) {
      await new Promise(resolve => setImmediate(resolve));
    }
  }
}

/**
 * SQLite (better-sqlite3): the rows of one query in pages of `pageSize`, read one row at a time
 * from the driver's cursor (`Statement.iterate`), so a large result is never all in memory at
 * once and is read in one scan. Nothing else may use the connection until the pages are read
 * (inside a transaction nothing else can).
 */
export async function* sqliteQueryPages<T>(
  db: Knex,
  sql: string,
  params: unknown[],
  pageSize: number,
): AsyncGenerator<T[]> {
  const connection = await db.client.acquireConnection();
  try {
    let page: T[] = [];
    for (const row of connection.prepare(sql).iterate(...params)) {
      page.push(row as T);
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  } finally {
    // A transaction's connection stays with it; one taken from the pool goes back.
    if (!db.isTransaction) await db.client.releaseConnection(connection);
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * SQLite: inserts rows through one prepared statement run once per row (see `sqliteRunEach`).
 * knex compiles each multi-row chunk into a statement of its own that SQLite then prepares,
 * which was most of a large run's store time; a statement reused for every row skips both.
 * Every row has the first row's columns.
 */
export async function sqliteBulkInsert(
  trx: Knex.Transaction,
  table: string,
  rows: Iterable<object>,
  onConflict = '',
): Promise<void> {
  const iterator = rows[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) return;
  const columns = Object.keys(first.value);
  const sql = `insert into ${quote(table)} (${columns
    .map(quote)
    .join(', ')}) values (${columns.map(() => '?').join(', ')}) ${onConflict}`;
  const values = new Array<unknown>(columns.length);
  const bind = (item: object) => {
    const row = item as Record<string, unknown>;
    for (let i = 0; i < columns.length; i++) values[i] = row[columns[i]];
    return values;
  };
  await sqliteRunEach(
    trx,
    sql,
    (function* all() {
      yield bind(first.value);
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        yield bind(next.value);
      }
    })(),
  );
}
