import type { RunExecutionFailure } from '@kubemate/plugin-kubemate-common';
import type { Finding } from './InspectionStore';

/** The state column of an execution failure's row (not a finding state). */
export const EXECUTION_FAILED_STATE = 'execution-failed';

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
  // Checks an execution failure's row stands for (empty on findings).
  ['failedChecks', () => undefined],
];

/** What a failure row shows of its rule when the engine knows it (ingested rules: not). */
export type RuleLookup = (
  ruleId: string,
) => { title: string; category: string } | undefined;

/**
 * An execution failure as a row of the findings' columns: state `execution-failed`, the rule,
 * an affected resource, the reason as the message and how many checks failed so.
 */
function failureRow(
  f: RunExecutionFailure,
  rule: ReturnType<RuleLookup>,
): Record<string, unknown> {
  return {
    cluster: f.cluster,
    state: EXECUTION_FAILED_STATE,
    severity: f.severity,
    category: rule?.category,
    ruleId: f.ruleId,
    title: rule?.title,
    kind: f.sample.kind,
    namespace: f.sample.namespace,
    name: f.sample.name,
    container: f.sample.container,
    host: f.sample.host,
    message: f.error,
    failedChecks: f.count,
  };
}

/** One CSV cell: quoted when needed; formula-like text is prefixed so spreadsheets do not run it. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Findings as CSV (RFC 4180, CRLF line ends, header row), then one row per execution failure
 * (rule and error) of the runs in scope, as the run history and the PDF list them.
 */
export function findingsToCsv(
  findings: Finding[],
  failures: RunExecutionFailure[] = [],
  ruleOf: RuleLookup = () => undefined,
): string {
  const lines = [COLUMNS.map(([h]) => h).join(',')];
  for (const f of findings) {
    lines.push(COLUMNS.map(([, get]) => csvCell(get(f))).join(','));
  }
  for (const f of failures) {
    const row = failureRow(f, ruleOf(f.ruleId));
    lines.push(COLUMNS.map(([h]) => csvCell(row[h])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
