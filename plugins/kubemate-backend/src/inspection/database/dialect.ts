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

/**
 * SQLite (better-sqlite3): one prepared statement, run once per row on the transaction's
 * connection. knex compiles each multi-row chunk into a statement of its own that SQLite then
 * prepares, which was most of a large run's store time; a statement reused for every row skips
 * both. Rows may come from a generator, so they need not all be in memory at once. Every row
 * has the first row's columns. Values are bound as knex binds them for better-sqlite3 (dates as epoch milliseconds,
 * booleans as 0/1, undefined as null).
 */
export async function sqliteBulkInsert(
  trx: Knex.Transaction,
  table: string,
  rows: Iterable<object>,
  onConflict = '',
): Promise<void> {
  let statement: { run(values: unknown[]): unknown } | undefined;
  let columns: string[] = [];
  let values: unknown[] = [];
  let n = 0;
  for (const item of rows) {
    const row = item as Record<string, unknown>;
    if (!statement) {
      columns = Object.keys(row);
      values = new Array(columns.length);
      const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
      const connection = await trx.client.acquireConnection();
      statement = connection.prepare(
        `insert into ${quote(table)} (${columns
          .map(quote)
          .join(', ')}) values (${columns
          .map(() => '?')
          .join(', ')}) ${onConflict}`,
      );
    }
    for (let i = 0; i < columns.length; i++) {
      const v = row[columns[i]];
      if (v instanceof Date) values[i] = v.valueOf();
      else if (typeof v === 'boolean') values[i] = Number(v);
      else values[i] = v === undefined ? null : v;
    }
    statement!.run(values);
    // The driver is synchronous: let timers (the run's heartbeat) through now and then.
    if (++n % SQLITE_YIELD_ROWS === 0) {
      await new Promise(resolve => setImmediate(resolve));
    }
  }
}
