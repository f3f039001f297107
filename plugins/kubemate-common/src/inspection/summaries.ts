import type { FindingState, Severity, SeverityCounts } from './vocabulary';

/** A rule that could not be evaluated ("execution failed"), aggregated per rule and error. */
export interface ExecutionFailure {
  ruleId: string;
  severity: Severity;
  error: string;
  count: number;
  /** One affected resource, for the report. */
  sample: {
    kind: string;
    namespace?: string;
    name: string;
    container?: string;
    host?: string;
  };
}

/** The figures of one run (`InspectionRun.summary`). */
export interface RunSummary {
  /** Checks that count: passed + failed, ignored excluded. */
  total: number;
  passed: number;
  failed: number;
  /** "Execution failed" checks. */
  errors: number;
  skipped: number;
  /** Failed checks of ignored findings (excluded from the score). */
  ignored: number;
  passRate: number;
  score: number;
  failedBySeverity: SeverityCounts;
  errorsBySeverity: SeverityCounts;
  /** Findings first seen (new) or seen again after being fixed (reopened) in this run. */
  newFindings: number;
  reopenedFindings: number;
  fixedFindings: number;
  executionFailures: ExecutionFailure[];
}

export interface RunProgress {
  total?: number;
  done?: number;
  message?: string;
}

export interface SummaryScope {
  cluster?: string;
  namespace?: string;
  entityRef?: string;
}

/** Current state of a scope: the latest succeeded runs plus the live risk items. */
export interface CurrentSummary {
  scope: SummaryScope;
  /** Latest succeeded run per cluster and source the figures are based on; empty before any. */
  runIds: string[];
  total: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  passRate: number;
  score: number;
  /** Current risks (new, open, reopened) by severity. */
  risksBySeverity: SeverityCounts;
  byState: Record<FindingState, number>;
  ignored: number;
}
