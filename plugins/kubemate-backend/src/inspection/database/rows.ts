/** Tables of the inspection store (created by migrations/20261122010000_inspection.js). */
export const RUNS = 'kubemate_inspection_runs';
export const FINDINGS = 'kubemate_inspection_findings';
export const TRANSITIONS = 'kubemate_inspection_transitions';
export const RUN_STATS = 'kubemate_inspection_run_stats';
export const INGESTS = 'kubemate_inspection_ingests';

/** A timestamp as the drivers return it: Date (pg), number or ISO string (SQLite). */
export type DbTimestamp = Date | string | number;

export interface RunRow {
  id: string;
  cluster: string;
  profile: string;
  trigger: string;
  source: string;
  status: string;
  requested_by: string | null;
  started_at: DbTimestamp;
  finished_at: DbTimestamp | null;
  error: string | null;
  progress_total: number | null;
  progress_done: number | null;
  progress_message: string | null;
  summary: string | null;
  coverage: string | null;
  /** Last sign of life of the replica running it (migrations/20261204000000_inspection_run_claim.js). */
  heartbeat_at: DbTimestamp | null;
}

/** The columns written when a run starts (the others stay null until it ends). */
export type NewRunRow = Pick<
  RunRow,
  | 'id'
  | 'cluster'
  | 'profile'
  | 'trigger'
  | 'source'
  | 'status'
  | 'requested_by'
> & { started_at: Date; heartbeat_at: Date };

export interface FindingRow {
  fingerprint: string;
  cluster: string;
  rule_id: string;
  rule_version: string | null;
  source: string;
  title: string;
  severity: string;
  category: string;
  kind: string;
  api_version: string | null;
  namespace: string | null;
  name: string;
  container: string | null;
  host: string | null;
  detail: string | null;
  entity_ref: string | null;
  state: string;
  resume_state: string | null;
  state_changed_at: DbTimestamp;
  first_seen_run_id: string;
  first_seen_at: DbTimestamp;
  last_seen_run_id: string;
  last_seen_at: DbTimestamp;
  times_seen: number;
  occurrences: number;
  fixed_at: DbTimestamp | null;
  fixed_run_id: string | null;
  ignored_reason: string | null;
  ignored_comment: string | null;
  ignored_by: string | null;
  ignored_at: DbTimestamp | null;
  ignored_until: DbTimestamp | null;
  message: string | null;
  observed: string | null;
  expected: string | null;
  remediation: string | null;
  fix: string | null;
  docs: string | null;
  content_hash: string | null;
}

export interface TransitionRow {
  id: number | string;
  fingerprint: string;
  cluster: string;
  from_state: string | null;
  to_state: string;
  actor: string;
  at: DbTimestamp;
  run_id: string | null;
  reason: string | null;
  comment: string | null;
}

export type NewTransitionRow = Omit<TransitionRow, 'id' | 'comment'> & {
  comment?: string | null;
};

export interface IngestRow {
  digest: string;
  run_id: string;
  cluster: string;
  source: string;
  created_at: DbTimestamp;
}

/** Columns cleared when an ignore ends (unignore or expiry). */
export const NOT_IGNORED = {
  ignored_reason: null,
  ignored_comment: null,
  ignored_by: null,
  ignored_at: null,
  ignored_until: null,
} as const;
