import path from 'node:path';
import type { CheckResult, Severity } from '../inspection/types';
import type {
  ManifestCheckResult,
  ManifestInspection,
} from './inspectManifests';
import type { ManifestProblem } from './manifests';

/** Findings per severity, execution errors and exemptions of a set of results. */
export function summarize(results: readonly CheckResult[]) {
  const failed: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  let errors = 0;
  let skipped = 0;
  for (const r of results) {
    if (r.status === 'failed') failed[r.severity]++;
    else if (r.status === 'error') errors++;
    else if (r.status === 'skipped') skipped++;
  }
  return { failed, errors, skipped };
}

const COLOURS: Record<Severity | 'error' | 'dim' | 'bold', string> = {
  high: '\x1b[31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  error: '\x1b[35m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
};

const subjectOf = (r: CheckResult) =>
  `${r.resource.kind} ${
    r.resource.namespace ? `${r.resource.namespace}/` : ''
  }${r.resource.name}`;

/** Readable text grouped by object: where it is, then one line per finding. */
export function formatText(
  inspection: ManifestInspection,
  options: { colour: boolean; cwd?: string; verbose?: boolean },
): string {
  const paint = (c: keyof typeof COLOURS, s: string) =>
    options.colour ? `${COLOURS[c]}${s}\x1b[0m` : s;
  const cwd = options.cwd ?? process.cwd();
  const lines: string[] = [];
  const groups = new Map<string, ManifestCheckResult[]>();
  for (const r of inspection.results) {
    if (r.status === 'passed') continue;
    const key = `${
      r.source ? `${r.source.file}:${r.source.line}` : ''
    }\0${subjectOf(r)}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  for (const list of groups.values()) {
    const first = list[0];
    const where = first.source
      ? `${relative(cwd, first.source.file)}:${first.source.line}  `
      : '';
    lines.push(paint('bold', `${where}${subjectOf(first)}`));
    for (const r of list) {
      const container = r.resource.container
        ? ` [${r.resource.container}]`
        : '';
      let label = paint(r.severity, r.severity.toUpperCase().padEnd(6));
      let text = r.message ?? r.title;
      if (r.status === 'error') {
        label = paint('error', 'ERROR ');
        text = `could not evaluate: ${r.error ?? 'unknown error'}`;
      } else if (r.status === 'skipped') {
        label = paint('dim', 'EXEMPT');
        text = r.skipReason ?? 'exempt';
      }
      lines.push(`  ${label} ${r.ruleId}${container}: ${text}`);
      if (r.status === 'failed' && r.remediation && options.verbose) {
        lines.push(paint('dim', `         ${firstLine(r.remediation)}`));
      }
    }
    lines.push('');
  }
  const s = summarize(inspection.results);
  const total = s.failed.high + s.failed.medium + s.failed.low;
  lines.push(
    `${inspection.stats.objects} object${
      inspection.stats.objects === 1 ? '' : 's'
    } inspected with profile ${inspection.profile} (${
      inspection.rules.length
    } rules): ${
      total === 0
        ? 'no findings'
        : `${total} finding${total === 1 ? '' : 's'} (${[
            paint('high', `${s.failed.high} high`),
            paint('medium', `${s.failed.medium} medium`),
            paint('low', `${s.failed.low} low`),
          ].join(', ')})`
    }${s.errors ? `, ${s.errors} could not be evaluated` : ''}${
      s.skipped ? `, ${s.skipped} exempt` : ''
    }`,
  );
  return `${lines.join('\n')}\n`;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0];
}

function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, path.resolve(file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** The JSON output: summary, problems and every non-passed result with its source. */
export function formatJson(
  inspection: ManifestInspection,
  problems: readonly ManifestProblem[],
): string {
  const s = summarize(inspection.results);
  return `${JSON.stringify(
    {
      profile: inspection.profile,
      summary: {
        objects: inspection.stats.objects,
        rules: inspection.rules.length,
        evaluations: inspection.stats.evaluations,
        passed: inspection.stats.passed,
        failed: s.failed,
        errors: s.errors,
        skipped: s.skipped,
      },
      problems,
      results: inspection.results,
    },
    null,
    2,
  )}\n`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/**
 * SARIF 2.1.0: one run of `kubemate-inspect` with the active rules' metadata, one result per
 * finding or evaluation error at the file and line of its object, and read problems as
 * tool execution notifications. Paths are relative to `cwd` (the repository root in CI).
 */
export function formatSarif(
  inspection: ManifestInspection,
  problems: readonly ManifestProblem[],
  options: { cwd?: string; version: string },
): string {
  const cwd = options.cwd ?? process.cwd();
  const uri = (file: string) => relative(cwd, file).split(path.sep).join('/');
  const ruleIndex = new Map<string, number>();
  const rules = inspection.rules.map(({ rule, severity }, i) => {
    const d = rule.definition;
    ruleIndex.set(d.id, i);
    return {
      id: d.id,
      name: d.id,
      shortDescription: { text: d.title },
      fullDescription: { text: d.description.trim() },
      help: {
        text: d.remediation.trim(),
        ...(d.fix
          ? {
              markdown: `${d.remediation.trim()}\n\n\`\`\`\n${d.fix.trim()}\n\`\`\``,
            }
          : {}),
      },
      ...(d.docs ? { helpUri: d.docs } : {}),
      defaultConfiguration: { level: SARIF_LEVEL[severity] },
      properties: {
        category: d.category,
        severity,
        version: d.version,
        tags: [d.category, ...(d.tags ?? [])],
      },
    };
  });
  const results = inspection.results
    .filter(r => r.status === 'failed' || r.status === 'error')
    .map(r => ({
      ruleId: r.ruleId,
      ...(ruleIndex.has(r.ruleId)
        ? { ruleIndex: ruleIndex.get(r.ruleId) }
        : {}),
      level: r.status === 'error' ? 'error' : SARIF_LEVEL[r.severity],
      ...(r.status === 'error' ? { kind: 'fail' } : {}),
      message: {
        text:
          r.status === 'error'
            ? `${subjectOf(r)}: rule could not be evaluated: ${r.error ?? ''}`
            : `${r.message ?? r.title}${
                r.resource.container
                  ? ` (container ${r.resource.container})`
                  : ''
              }`,
      },
      locations: [
        {
          ...(r.source
            ? {
                physicalLocation: {
                  artifactLocation: { uri: uri(r.source.file) },
                  region: { startLine: r.source.line },
                },
              }
            : {}),
          logicalLocations: [
            {
              name: r.resource.name,
              fullyQualifiedName: `${r.resource.kind}/${
                r.resource.namespace ? `${r.resource.namespace}/` : ''
              }${r.resource.name}${
                r.resource.container ? `/${r.resource.container}` : ''
              }`,
              kind: 'resource',
            },
          ],
        },
      ],
      partialFingerprints: { 'kubemateFingerprint/v1': r.fingerprint },
      properties: {
        severity: r.severity,
        category: r.category,
        ...(r.observed !== undefined ? { observed: r.observed } : {}),
        ...(r.expected !== undefined ? { expected: r.expected } : {}),
      },
    }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubemate-inspect',
            version: options.version,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: problems.length === 0,
            toolExecutionNotifications: problems.map(p => ({
              level: 'error',
              message: { text: p.reason },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: uri(p.file) },
                    ...(p.line ? { region: { startLine: p.line } } : {}),
                  },
                },
              ],
            })),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
