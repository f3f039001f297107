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
  /** Passed checks counted elsewhere (not among the results), by severity. */
  passed?: SeverityCounts;
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
  const ignoredSet = new Set(options?.ignoredFingerprints ?? []);
  let errors = 0;
  let skipped = 0;
  let ignored = 0;
  const passedBySeverity: SeverityCounts = {
    high: options?.passed?.high ?? 0,
    medium: options?.passed?.medium ?? 0,
    low: options?.passed?.low ?? 0,
  };
  const failedBySeverity: SeverityCounts = { high: 0, medium: 0, low: 0 };
  const errorsBySeverity: SeverityCounts = { high: 0, medium: 0, low: 0 };
  for (const r of results) {
    switch (r.status) {
      case 'passed':
        passedBySeverity[r.severity]++;
        break;
      case 'failed':
        if (ignoredSet.has(r.fingerprint)) {
          ignored++;
          break;
        }
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
  return {
    ...scoreFromCounts(passedBySeverity, failedBySeverity, options?.weights),
    errors,
    skipped,
    ignored,
    failedBySeverity,
    errorsBySeverity,
  };
}

/** @public */
export interface CountsScore {
  total: number;
  passed: number;
  failed: number;
  passRate: number;
  score: number;
}

/**
 * The health score formula over check counts by severity: what {@link computeScore} applies to
 * one run's results, and what stored aggregates (several runs, a namespace, an entity) use.
 *
 * @public
 */
export function scoreFromCounts(
  passed: SeverityCounts,
  failed: SeverityCounts,
  weights?: Partial<Record<Severity, number>>,
): CountsScore {
  const w = { ...SEVERITY_WEIGHTS, ...weights };
  const weightOf = (c: SeverityCounts) =>
    w.high * c.high + w.medium * c.medium + w.low * c.low;
  const p = passed.high + passed.medium + passed.low;
  const f = failed.high + failed.medium + failed.low;
  const passWeight = weightOf(passed);
  const weight = passWeight + weightOf(failed);
  return {
    total: p + f,
    passed: p,
    failed: f,
    passRate: p + f === 0 ? 1 : p / (p + f),
    score: weight === 0 ? 100 : Math.round((1000 * passWeight) / weight) / 10,
  };
}
