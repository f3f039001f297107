import type { SeverityCounts } from '@kubemate/plugin-kubemate-common';
import { CheckResult, Severity } from './types';

/** Weight of a check by severity in the health score. @public */
export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  high: 10,
  medium: 5,
  low: 1,
};

/** @public */
export interface ScoreOptions {
  /** Fingerprints of findings a person ignored: excluded from the score. */
  ignoredFingerprints?: Iterable<string>;
  weights?: Partial<Record<Severity, number>>;
}

export type { SeverityCounts } from '@kubemate/plugin-kubemate-common';

/** @public */
export interface HealthScore {
  /** Checks that count: passed + failed (skipped, errors and ignored excluded). */
  total: number;
  passed: number;
  failed: number;
  /** "Execution failed" checks, counted separately and not in the score. */
  errors: number;
  skipped: number;
  ignored: number;
  /** passed / total in [0, 1]; 1 when there is nothing to check. */
  passRate: number;
  /** Open findings (failed, not ignored) by severity. */
  failedBySeverity: SeverityCounts;
  /** Errors by severity of the rule that errored. */
  errorsBySeverity: SeverityCounts;
  /** 0–100, rounded to one decimal. */
  score: number;
}

/**
 * Health score:
 *
 *   score = 100 × Σ w(passed) / (Σ w(passed) + Σ w(failed))
 *
 * with w = 10 / 5 / 1 for high / medium / low (after profile overrides).
 * Ignored findings, skipped (exempt) checks and "execution failed" checks
 * are excluded; errors are reported separately. No checks → 100.
 *
 * @public
 */
export function computeScore(
  results: Iterable<CheckResult>,
  options?: ScoreOptions,
): HealthScore {
  const weights = { ...SEVERITY_WEIGHTS, ...options?.weights };
  const ignoredSet = new Set(options?.ignoredFingerprints ?? []);
  let passed = 0;
  let failed = 0;
  let errors = 0;
  let skipped = 0;
  let ignored = 0;
  let passWeight = 0;
  let failWeight = 0;
  const failedBySeverity: SeverityCounts = { high: 0, medium: 0, low: 0 };
  const errorsBySeverity: SeverityCounts = { high: 0, medium: 0, low: 0 };
  for (const r of results) {
    switch (r.status) {
      case 'passed':
        passed++;
        passWeight += weights[r.severity];
        break;
      case 'failed':
        if (ignoredSet.has(r.fingerprint)) {
          ignored++;
          break;
        }
        failed++;
        failWeight += weights[r.severity];
        failedBySeverity[r.severity]++;
        break;
      case 'error':
        errors++;
        errorsBySeverity[r.severity]++;
        break;
      default:
        skipped++;
    }
  }
  const total = passed + failed;
  const weight = passWeight + failWeight;
  return {
    total,
    passed,
    failed,
    errors,
    skipped,
    ignored,
    passRate: total === 0 ? 1 : passed / total,
    failedBySeverity,
    errorsBySeverity,
    score: weight === 0 ? 100 : Math.round((1000 * passWeight) / weight) / 10,
  };
}
