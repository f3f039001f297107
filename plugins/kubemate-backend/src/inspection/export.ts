import type { Finding } from './InspectionStore';

const COLUMNS: Array<[string, (f: Finding) => unknown]> = [
  ['fingerprint', f => f.fingerprint],
  ['cluster', f => f.cluster],
  ['state', f => f.state],
  ['severity', f => f.severity],
  ['category', f => f.category],
  ['ruleId', f => f.ruleId],
  ['title', f => f.title],
  ['kind', f => f.resource.kind],
  ['namespace', f => f.resource.namespace],
  ['name', f => f.resource.name],
  ['container', f => f.resource.container],
  ['host', f => f.resource.host],
  ['entityRef', f => f.entityRef],
  ['observed', f => f.observed],
  ['expected', f => f.expected],
  ['message', f => f.message],
  ['remediation', f => f.remediation],
  ['firstSeenAt', f => f.firstSeenAt],
  ['lastSeenAt', f => f.lastSeenAt],
  ['stateChangedAt', f => f.stateChangedAt],
  ['ignoredReason', f => f.ignored?.reason],
  ['ignoredBy', f => f.ignored?.by],
  ['ignoredUntil', f => f.ignored?.until],
  ['ignoredComment', f => f.ignored?.comment],
];

/** One CSV cell: quoted when needed; formula-like text is prefixed so spreadsheets do not run it. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Findings as CSV (RFC 4180, CRLF line ends, header row). */
export function findingsToCsv(findings: Finding[]): string {
  const lines = [COLUMNS.map(([h]) => h).join(',')];
  for (const f of findings) {
    lines.push(COLUMNS.map(([, get]) => csvCell(get(f))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
