import type {
  CurrentSummary,
  FindingIgnored,
  FindingSortField,
  FindingState,
  FindingTransition,
  IgnoreReason,
  RunProgress,
  RunSource,
  RunStatus,
  RunTrigger,
  Severity,
  SummaryScope,
  Finding as WireFinding,
  InspectionRun as WireInspectionRun,
  RunDiff as WireRunDiff,
  TrendPoint as WireTrendPoint,
  WithDates,
} from '@kubemate/plugin-kubemate-common';
import type { CheckResult } from '@kubemate/plugin-kubemate-node';

// The vocabulary and summary shapes are shared with the frontend (kubemate-common).
export {
  ACTIVE_STATES,
  FINDING_SORT_FIELDS,
  FINDING_STATES,
  IGNORE_REASONS,
  RUN_SOURCES,
  RUN_TRIGGERS,
} from '@kubemate/plugin-kubemate-common';
export type {
  CurrentSummary,
  ExecutionFailure,
  FindingSortField,
  FindingState,
  IgnoreReason,
  RunProgress,
  RunSource,
  RunStatus,
  RunSummary,
  RunTrigger,
  SummaryScope,
} from '@kubemate/plugin-kubemate-common';

/** Actor of transitions made by reconciliation. */
export const SYSTEM_ACTOR = 'system:inspector';

/** A check result as handed to the store: the engine's result plus the owning entity. */
export type StoreCheckResult = CheckResult & {
  /** Catalog entity owning the resource, resolved by the caller. */
  entityRef?: string;
};

/**
 * Passed checks of a run counted per namespace, entity and severity: an engine run hands
 * these to the store instead of one passed result per check (tens of thousands in a large
 * cluster), since the store only counts passed checks.
 */
export interface PassedCheckCount {
  /** Absent for cluster-scoped resources. */
  namespace?: string;
  entityRef?: string;
  severity: Severity;
  count: number;
}

/** A narrower scope for one rule. */
export interface RuleScope {
  /** Only these namespaces were covered (cluster-scoped resources are then not covered). */
  namespaces?: string[];
  /** Only these hosts were covered (node checks, Ansible). */
  hosts?: string[];
}

/**
 * What a run evaluated. A finding that was not reported by a run is marked fixed only when the
 * run completed, its rule is in `ruleIds` and its resource lies in the scope.
 */
export interface RunCoverage extends RuleScope {
  /** False when the run only saw part of the cluster: nothing is marked fixed. Default true. */
  complete?: boolean;
  /** Rule ids that were evaluated. */
  ruleIds: string[];
  /** Namespaces left out of the run (e.g. the profile's `excludeNamespaces`). */
  excludeNamespaces?: string[];
  /** Narrower scope per rule id (e.g. the hosts an Ansible task reached). */
  perRule?: Record<string, RuleScope>;
}

// The API's types (kubemate-common) with times held as Dates; the routers send them through
// `toWire`, which checks that their JSON form is the contract's.

export type InspectionRun = WithDates<
  WireInspectionRun,
  'startedAt' | 'finishedAt'
> & { coverage?: RunCoverage };

export interface StartRunInput {
  cluster: string;
  profile: string;
  trigger: RunTrigger;
  source?: RunSource;
  requestedBy?: string;
  /** Defaults to now. */
  startedAt?: Date;
}

export type Transition = WithDates<FindingTransition, 'at'>;

export type Finding = WithDates<
  Omit<WireFinding, 'ignored' | 'history' | 'rule' | 'links'>,
  'stateChangedAt' | 'firstSeenAt' | 'lastSeenAt' | 'fixedAt'
> & {
  ignored?: WithDates<FindingIgnored, 'at' | 'until'>;
  /** Transitions, oldest first (in list results only when asked for). */
  history?: Transition[];
};

export interface FindingFilter {
  cluster?: string;
  severity?: Severity | Severity[];
  state?: FindingState | FindingState[];
  ruleId?: string | string[];
  category?: string | string[];
  namespace?: string | string[];
  entityRef?: string | string[];
  kind?: string | string[];
  /** Substring match on resource name, title or rule id. */
  search?: string;
}

export interface FindingSort {
  field: FindingSortField;
  order?: 'asc' | 'desc';
}

export interface Page {
  limit?: number;
  offset?: number;
}

export interface IgnoreInput {
  reason: IgnoreReason;
  comment?: string;
  until?: Date;
  /** User entity ref. */
  actor: string;
}

export type TrendPoint = WithDates<WireTrendPoint, 'startedAt' | 'finishedAt'>;

export interface TrendOptions {
  cluster: string;
  /** Only the checks and findings of this namespace (from the per-run aggregates). */
  namespace?: string;
  /** Only the checks and findings of this entity. */
  entityRef?: string;
  /** Latest N succeeded runs (default 30), returned oldest first. */
  limit?: number;
}

export type RunDiff = Omit<WireRunDiff, 'new' | 'fixed'> & {
  new: Finding[];
  fixed: Finding[];
};

export interface IngestInput {
  cluster: string;
  profile: string;
  source: RunSource;
  /** Digest of the canonicalized report. */
  digest: string;
  results: StoreCheckResult[];
  coverage: RunCoverage;
  requestedBy?: string;
}

export interface InspectionStore {
  /**
   * Records a running run. For engine runs the database admits one running run per cluster
   * across every replica: a second is a ConflictError.
   */
  startRun(input: StartRunInput): Promise<InspectionRun>;
  updateProgress(runId: string, progress: RunProgress): Promise<void>;
  /**
   * Reconciles the results with the stored findings in one transaction; returns the run.
   * `passed` counts passed checks that are not among `results` (both are counted).
   */
  completeRun(
    runId: string,
    results: StoreCheckResult[],
    coverage: RunCoverage,
    passed?: PassedCheckCount[],
  ): Promise<InspectionRun>;
  /** Marks a run failed; nothing is reconciled. */
  failRun(runId: string, error: string): Promise<InspectionRun>;
  /**
   * The running replica's sign of life for its run, sent every few seconds; false when the run
   * is no longer running (failed as stale by another replica, or over).
   */
  heartbeat(runId: string): Promise<boolean>;
  /**
   * Marks runs still `running` whose last heartbeat is older than the given time as failed
   * (their process died); all clusters, or one.
   */
  failStaleRuns(
    heartbeatBefore: Date,
    options?: { error?: string; cluster?: string },
  ): Promise<number>;
  /**
   * Retention: deletes finished runs that started before the given time with their aggregates
   * and ingest digests, except the latest succeeded run of each cluster and source (the current
   * state). Findings and their transitions are kept. Returns the number of runs deleted.
   */
  pruneRuns(startedBefore: Date): Promise<number>;
  /** Starts, completes and records an external report, unless the same digest was ingested before. */
  ingest(
    input: IngestInput,
  ): Promise<{ run: InspectionRun; duplicate: boolean }>;
  ignore(fingerprint: string, input: IgnoreInput): Promise<Finding>;
  unignore(fingerprint: string, actor: string): Promise<Finding>;
  listRuns(options?: {
    cluster?: string;
    status?: RunStatus;
    limit?: number;
    offset?: number;
  }): Promise<{ items: InspectionRun[]; total: number }>;
  getRun(runId: string): Promise<InspectionRun>;
  listFindings(
    filter?: FindingFilter,
    sort?: FindingSort[],
    page?: Page & { includeHistory?: boolean },
  ): Promise<{ items: Finding[]; total: number }>;
  getFinding(fingerprint: string): Promise<Finding>;
  currentSummary(scope?: SummaryScope): Promise<CurrentSummary>;
  trend(options: TrendOptions): Promise<TrendPoint[]>;
  /** At most `limit` findings (default 1,000), `truncated` when there were more. */
  diffWithPrevious(
    runId: string,
    options?: { limit?: number },
  ): Promise<RunDiff>;
}
