import { InputError } from '@backstage/errors';
import {
  computeFingerprint,
  RULE_CATEGORIES,
  SEVERITIES,
} from '@kubemate/plugin-kubemate-node';
import { z } from 'zod';
import type { StoreCheckResult } from '../InspectionStore';
import { reportDigest } from './digest';
import type { ParsedReport } from './types';

const name = z.string().min(1).max(253);
/** Observed / expected values may be any JSON; non-strings are stored as JSON text. */
const value = z.unknown().optional();

/**
 * The generic external report format:
 *
 * ```json
 * {
 *   "cluster": "prod-1",
 *   "source": "kube-bench",            // tool name, shown as the run profile unless "profile" is set
 *   "profile": "cis-1.8",              // optional
 *   "complete": true,                  // optional; false = partial run, nothing is marked fixed
 *   "results": [{
 *     "ruleId": "CIS-4.2.1",
 *     "ruleVersion": "1.8",            // optional
 *     "title": "Anonymous auth disabled", // optional, defaults to the rule id
 *     "severity": "high",              // high | medium | low
 *     "category": "security",          // security | reliability | efficiency | network | certificates | node | storage | events | mesh | governance
 *     "status": "failed",              // passed | failed | error | skipped
 *     "resource": { "kind": "Node", "name": "node-1", "host": "node-1" }, // + namespace?, container?, apiVersion?
 *     "observed": "true", "expected": "false", "message": "…", "remediation": "…", "fix": "…",
 *     "docs": "https://…", "error": "…"  // all optional; error is the reason of an "error" status
 *   }]
 * }
 * ```
 *
 * Every rule id present is considered evaluated over the whole cluster: a stored finding of such
 * a rule that the report no longer lists is marked fixed.
 */
export const genericReportSchema = z.object({
  cluster: name,
  source: z.string().min(1).max(64),
  profile: z.string().min(1).max(253).optional(),
  complete: z.boolean().optional(),
  results: z
    .array(
      z.object({
        ruleId: name,
        ruleVersion: z.string().max(64).optional(),
        title: z.string().max(1000).optional(),
        severity: z.enum(SEVERITIES),
        category: z.enum(RULE_CATEGORIES),
        status: z.enum(['passed', 'failed', 'error', 'skipped']),
        resource: z.object({
          kind: name,
          apiVersion: z.string().max(253).optional(),
          namespace: name.optional(),
          name,
          container: name.optional(),
          host: name.optional(),
        }),
        observed: value,
        expected: value,
        message: z.string().optional(),
        remediation: z.string().optional(),
        fix: z.string().optional(),
        docs: z.string().optional(),
        error: z.string().optional(),
      }),
    )
    .max(500_000),
});

export type GenericReport = z.infer<typeof genericReportSchema>;

const MAX_ISSUES = 10;

function asText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Validates and converts a generic report. Invalid input raises an `InputError` (HTTP 400) that
 * names each offending field, e.g. `results[3].severity: Invalid option: expected one of …`.
 */
export function parseGenericReport(
  body: unknown,
  options?: { cluster?: string },
): ParsedReport {
  const parsed = genericReportSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const lines = issues.slice(0, MAX_ISSUES).map(i => {
      const path = i.path
        .map((seg, idx) =>
          typeof seg === 'number'
            ? `[${seg}]`
            : `${idx === 0 ? '' : '.'}${String(seg)}`,
        )
        .join('');
      return `${path || '(report)'}: ${i.message}`;
    });
    const more =
      issues.length > MAX_ISSUES
        ? ` (and ${issues.length - MAX_ISSUES} more)`
        : '';
    throw new InputError(
      `Invalid inspection report: ${lines.join('; ')}${more}`,
    );
  }
  const report = parsed.data;
  if (options?.cluster && options.cluster !== report.cluster) {
    throw new InputError(
      `Invalid inspection report: it is for cluster "${report.cluster}", not "${options.cluster}"`,
    );
  }
  const ruleIds = new Set<string>();
  const results = report.results.map((r): StoreCheckResult => {
    ruleIds.add(r.ruleId);
    const {
      kind,
      apiVersion,
      namespace,
      name: resourceName,
      container,
      host,
    } = r.resource;
    return {
      status: r.status,
      ruleId: r.ruleId,
      ruleVersion: r.ruleVersion ?? '',
      title: r.title ?? r.ruleId,
      severity: r.severity,
      category: r.category,
      resource: {
        kind,
        apiVersion,
        namespace,
        name: resourceName,
        container,
        host,
      },
      fingerprint: computeFingerprint({
        cluster: report.cluster,
        ruleId: r.ruleId,
        kind,
        namespace,
        name: resourceName,
        container,
        host,
      }),
      observed: asText(r.observed),
      expected: asText(r.expected),
      message: r.message,
      remediation: r.remediation,
      fix: r.fix,
      docs: r.docs,
      error:
        r.status === 'error'
          ? r.error ?? r.message ?? 'execution failed'
          : undefined,
    };
  });
  return {
    cluster: report.cluster,
    source: 'generic',
    profile: report.profile ?? report.source,
    digest: reportDigest('generic', report.cluster, body),
    results,
    coverage: {
      ruleIds: [...ruleIds].sort(),
      complete: report.complete ?? true,
    },
  };
}
