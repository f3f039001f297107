import { hash } from 'node:crypto';
import {
  computeScore,
  SEVERITIES,
  Severity,
} from '@kubemate/plugin-kubemate-node';
import {
  ACTIVE_STATES,
  ExecutionFailure,
  FindingState,
  PassedCheckCount,
  RunCoverage,
  RunSummary,
  StoreCheckResult,
  SYSTEM_ACTOR,
} from './InspectionStore';

/** The part of a stored finding that reconciliation needs. */
export interface SnapshotRow {
  fingerprint: string;
  state: FindingState;
  resume_state: FindingState | null;
  ignored_until: Date | string | number | null;
  rule_id: string;
  namespace: string | null;
  host: string | null;
  content_hash?: string | null;
}

export interface PlannedTransition {
  fingerprint: string;
  from: FindingState | null;
  to: FindingState;
  actor: string;
  reason?: string;
}

/** Results of one run, grouped for reconciliation. */
export interface GroupedResults {
  /** Failed results by fingerprint (duplicates merged, occurrences summed). */
  failed: Map<string, StoreCheckResult>;
  /**
   * Fingerprints whose check errored ("execution failed"): never marked fixed by this run.
   * Skipped (exempt / not applicable) checks are not findings, so they can fix one.
   */
  notEvaluated: Set<string>;
  executionFailures: ExecutionFailure[];
}

const MAX_EXECUTION_FAILURES = 200;

export function groupResults(results: StoreCheckResult[]): GroupedResults {
  const failed = new Map<string, StoreCheckResult>();
  const notEvaluated = new Set<string>();
  const failures = new Map<string, ExecutionFailure>();
  for (const r of results) {
    if (r.status === 'failed') {
      const prev = failed.get(r.fingerprint);
      if (prev) {
        failed.set(r.fingerprint, {
          ...r,
          occurrences: (prev.occurrences ?? 1) + (r.occurrences ?? 1),
        });
      } else {
        failed.set(r.fingerprint, r);
      }
    } else if (r.status === 'error') {
      notEvaluated.add(r.fingerprint);
      const error = r.error ?? r.message ?? 'unknown error';
      const key = `${r.ruleId}\u0000${error}`;
      const f = failures.get(key);
      if (f) {
        f.count++;
      } else if (failures.size < MAX_EXECUTION_FAILURES) {
        failures.set(key, {
          ruleId: r.ruleId,
          severity: r.severity,
          error,
          count: 1,
          sample: {
            kind: r.resource.kind,
            namespace: r.resource.namespace,
            name: r.resource.name,
            container: r.resource.container,
            host: r.resource.host,
          },
        });
      }
    }
  }
  // A fingerprint that failed somewhere in the run was evaluated.
  for (const fp of failed.keys()) notEvaluated.delete(fp);
  return { failed, notEvaluated, executionFailures: [...failures.values()] };
}

/** Builds the predicate "this stored finding lies in what the run evaluated". */
export function coveragePredicate(
  coverage: RunCoverage,
): (row: Pick<SnapshotRow, 'rule_id' | 'namespace' | 'host'>) => boolean {
  if (coverage.complete === false) return () => false;
  const rules = new Set(coverage.ruleIds);
  const excluded = new Set(coverage.excludeNamespaces ?? []);
  const toSets = (s?: { namespaces?: string[]; hosts?: string[] }) => ({
    namespaces: s?.namespaces ? new Set(s.namespaces) : undefined,
    hosts: s?.hosts ? new Set(s.hosts) : undefined,
  });
  const global = toSets(coverage);
  const perRule = new Map(
    Object.entries(coverage.perRule ?? {}).map(([k, v]) => [k, toSets(v)]),
  );
  const inScope = (
    s: ReturnType<typeof toSets>,
    row: Pick<SnapshotRow, 'namespace' | 'host'>,
  ) =>
    (!s.namespaces ||
      (row.namespace !== null && s.namespaces.has(row.namespace))) &&
    (!s.hosts || (row.host !== null && s.hosts.has(row.host)));
  return row => {
    if (!rules.has(row.rule_id)) return false;
    if (row.namespace !== null && excluded.has(row.namespace)) return false;
    if (!inScope(global, row)) return false;
    const r = perRule.get(row.rule_id);
    return !r || inScope(r, row);
  };
}

/** Where an ignored finding goes when the ignore ends. */
export function resumeState(
  resume: FindingState | null,
  seen?: boolean,
): FindingState {
  if (resume === 'fixed') return seen ? 'reopened' : 'fixed';
  if (resume === 'reopened') return 'reopened';
  return 'open';
}

/** State of a stored finding that was reported again. */
export function seenAgain(state: FindingState): FindingState {
  switch (state) {
    case 'new':
      return 'open';
    case 'fixed':
      return 'reopened';
    default:
      return state;
  }
}

export function toMillis(
  v: Date | string | number | null | undefined,
): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v;
  const n = Number(v);
  return Number.isNaN(n) ? new Date(v).getTime() : n;
}

export interface ReconcilePlan {
  /** Expired ignores: fingerprint → state to resume. */
  expired: Map<string, FindingState>;
  /** Findings reported by the run: fingerprint → state after the run (undefined = insert as new). */
  seen: Map<string, FindingState>;
  inserts: string[];
  /** Fingerprints to mark fixed. */
  fixed: string[];
  transitions: PlannedTransition[];
  /** Fingerprints whose state after the run is ignored. */
  ignored: Set<string>;
  /**
   * Ignored findings whose underlying state changed (fixed, or back after a fix): the state an
   * unignore or expiry returns to. No transition is recorded while a finding is ignored.
   */
  resume: Map<string, FindingState>;
}

/**
 * Decides every state change of a run in memory, one stored finding at a time: feed it the
 * cluster's stored findings (`add`, in any order, in as many pages as the caller likes), then
 * `finish`. The store reads the stored findings page by page, so they are never all in memory
 * at once; it then writes the plan with bulk statements.
 */
export class ReconcilePlanner {
  private readonly plan: ReconcilePlan = {
    expired: new Map(),
    seen: new Map(),
    inserts: [],
    fixed: [],
    transitions: [],
    ignored: new Set(),
    resume: new Map(),
  };
  private readonly covered: ReturnType<typeof coveragePredicate>;
  private readonly nowMs: number;

  constructor(
    private readonly grouped: GroupedResults,
    coverage: RunCoverage,
    now: Date,
  ) {
    this.covered = coveragePredicate(coverage);
    this.nowMs = now.getTime();
  }

  private transition(
    fingerprint: string,
    from: FindingState | null,
    to: FindingState,
    reason?: string,
  ) {
    this.plan.transitions.push({
      fingerprint,
      from,
      to,
      actor: SYSTEM_ACTOR,
      reason,
    });
  }

  /** One stored finding of the cluster (each at most once). */
  add(row: SnapshotRow): void {
    const { plan, grouped } = this;
    const reported = grouped.failed.get(row.fingerprint);
    const isSeen = reported !== undefined;
    // The plan keeps the run's own fingerprint strings, so the page's copies can be collected.
    const fp = isSeen ? reported.fingerprint : row.fingerprint;
    let state = row.state;
    if (state === 'ignored') {
      const until = toMillis(row.ignored_until);
      if (until === undefined || until > this.nowMs) {
        plan.ignored.add(fp);
        // Track the underlying state, so the ignore ends where the finding really is.
        if (isSeen) {
          plan.seen.set(fp, 'ignored');
          if (row.resume_state === 'fixed') plan.resume.set(fp, 'reopened');
        } else if (
          row.resume_state !== 'fixed' &&
          !grouped.notEvaluated.has(fp) &&
          this.covered(row)
        ) {
          plan.resume.set(fp, 'fixed');
        }
        return;
      }
      const resumed = resumeState(row.resume_state, isSeen);
      plan.expired.set(fp, resumed);
      this.transition(fp, 'ignored', resumed, 'ignore-expired');
      state = resumed;
    }
    if (isSeen) {
      const next = seenAgain(state);
      if (next !== state) this.transition(fp, state, next);
      plan.seen.set(fp, next);
    } else if (
      ACTIVE_STATES.includes(state) &&
      !grouped.notEvaluated.has(fp) &&
      this.covered(row)
    ) {
      plan.fixed.push(fp);
      this.transition(fp, state, 'fixed');
    }
  }

  /** The plan, once every stored finding was added: reported findings not stored are new. */
  finish(): ReconcilePlan {
    // Every stored finding the run reported is in `seen` (whatever its state), so `seen`
    // tells the stored ones from the new ones without a set of all stored fingerprints.
    for (const fp of this.grouped.failed.keys()) {
      if (!this.plan.seen.has(fp)) {
        this.plan.inserts.push(fp);
        this.transition(fp, null, 'new');
      }
    }
    return this.plan;
  }
}

/**
 * Decides every state change of a run in memory (one pass over the stored findings of the
 * cluster); the store then writes the plan with bulk statements.
 */
export function planReconciliation(
  snapshot: Iterable<SnapshotRow>,
  grouped: GroupedResults,
  coverage: RunCoverage,
  now: Date,
): ReconcilePlan {
  const planner = new ReconcilePlanner(grouped, coverage, now);
  for (const row of snapshot) planner.add(row);
  return planner.finish();
}

/** The run's summary: the engine's score with ignored findings excluded, plus the lifecycle delta. */
export function summarize(
  results: StoreCheckResult[],
  grouped: GroupedResults,
  plan: ReconcilePlan,
  passed: PassedCheckCount[] = [],
): RunSummary {
  const passedBySeverity = { high: 0, medium: 0, low: 0 };
  for (const p of passed) passedBySeverity[p.severity] += p.count;
  const score = computeScore(results, {
    ignoredFingerprints: plan.ignored,
    passed: passedBySeverity,
  });
  let newFindings = 0;
  let reopenedFindings = 0;
  for (const t of plan.transitions) {
    if (t.to === 'new') newFindings++;
    else if (t.to === 'reopened' && t.from !== 'ignored') reopenedFindings++;
  }
  return {
    total: score.total,
    passed: score.passed,
    failed: score.failed,
    errors: score.errors,
    skipped: score.skipped,
    ignored: score.ignored,
    passRate: score.passRate,
    score: score.score,
    failedBySeverity: score.failedBySeverity,
    errorsBySeverity: score.errorsBySeverity,
    newFindings,
    reopenedFindings,
    fixedFindings: plan.fixed.length,
    executionFailures: grouped.executionFailures,
  };
}

export interface RunStatRow {
  run_id: string;
  namespace: string;
  entity_ref: string;
  severity: Severity;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
}

/** Check counts per namespace, entity and severity, for scoped reports. */
export function runStats(
  runId: string,
  results: StoreCheckResult[],
  ignored: Set<string>,
  passed: PassedCheckCount[] = [],
): RunStatRow[] {
  const rows = new Map<string, RunStatRow>();
  const rowOf = (
    namespace: string,
    entity: string,
    rawSeverity: Severity,
  ): RunStatRow => {
    const severity = SEVERITIES.includes(rawSeverity) ? rawSeverity : 'low';
    const key = `${namespace}\u0000${entity}\u0000${severity}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        run_id: runId,
        namespace,
        entity_ref: entity,
        severity,
        passed: 0,
        failed: 0,
        errors: 0,
        skipped: 0,
      };
      rows.set(key, row);
    }
    return row;
  };
  for (const p of passed) {
    rowOf(p.namespace ?? '', p.entityRef ?? '', p.severity).passed += p.count;
  }
  for (const r of results) {
    const row = rowOf(
      r.resource.namespace ?? '',
      r.entityRef ?? '',
      r.severity,
    );
    if (r.status === 'passed') row.passed++;
    else if (r.status === 'failed') {
      if (!ignored.has(r.fingerprint)) row.failed++;
    } else if (r.status === 'error') row.errors++;
    else row.skipped++;
  }
  return [...rows.values()];
}

/**
 * Hash of the columns that come from the rule rather than the resource (title, remediation,
 * fix, ...): when it matches the stored one, a sighting only updates the per-sighting columns.
 */
export function contentHash(r: StoreCheckResult, source: string): string {
  // One-shot hash of one short-lived JSON text: about three times faster than feeding a Hash
  // object piece by piece, which tens of thousands of findings per run notice.
  return hash(
    'sha1',
    JSON.stringify([
      source,
      r.ruleVersion || null,
      r.title,
      r.category,
      r.resource.apiVersion ?? null,
      r.remediation ?? null,
      r.fix ?? null,
      r.docs ?? null,
    ]),
  );
}
