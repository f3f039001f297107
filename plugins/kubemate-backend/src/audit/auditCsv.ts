import type { AuditRecord } from './AuditLogStore';

const COLUMNS: Array<[string, (e: AuditRecord) => unknown]> = [
  ['id', e => e.id],
  ['at', e => e.at],
  ['actor', e => e.actor],
  ['entityRef', e => e.entityRef],
  ['cluster', e => e.cluster],
  ['namespace', e => e.namespace],
  ['kind', e => e.kind],
  ['name', e => e.name],
  ['operation', e => e.operation],
  ['result', e => e.result],
  ['error', e => e.error],
  ['parameters', e => (e.parameters ? JSON.stringify(e.parameters) : '')],
];

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled.
 * Text a spreadsheet would run as a formula (starting with = + - @, or a tab or CR before
 * one) gets a leading `'`.
 */
export function auditCsvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Audit records as CSV: a header row, CRLF line ends. */
export function auditToCsv(records: readonly AuditRecord[]): string {
  const lines = [COLUMNS.map(([h]) => h).join(',')];
  for (const r of records) {
    lines.push(COLUMNS.map(([, get]) => auditCsvCell(get(r))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
