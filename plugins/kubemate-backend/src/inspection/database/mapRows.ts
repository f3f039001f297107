import { randomUUID } from 'node:crypto';
import type { Severity } from '@kubemate/plugin-kubemate-node';
import type {
  Finding,
  FindingState,
  IgnoreInput,
  InspectionRun,
  RunSource,
  RunStatus,
  StoreCheckResult,
  Transition,
} from '../InspectionStore';
import { contentHash, toMillis } from '../reconcile';
import type {
  DbTimestamp,
  FindingRow,
  NewRunRow,
  RunRow,
  TransitionRow,
} from './rows';
import type { ValidStartRun } from './validation';

export function toDate(v: DbTimestamp): Date;
export function toDate(v: DbTimestamp | null | undefined): Date | undefined;
export function toDate(v: DbTimestamp | null | undefined): Date | undefined {
  const ms = toMillis(v);
  return ms === undefined ? undefined : new Date(ms);
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

export function newRunRow(input: ValidStartRun, now: Date): NewRunRow {
  const startedAt = input.startedAt ?? now;
  return {
    id: randomUUID(),
    cluster: input.cluster,
    profile: input.profile,
    trigger: input.trigger,
    source: input.source ?? 'engine',
    status: 'running',
    requested_by: input.requestedBy ?? null,
    started_at: startedAt,
    heartbeat_at: startedAt,
  };
}

export function rowToRun(row: RunRow): InspectionRun {
  return {
    id: row.id,
    cluster: row.cluster,
    profile: row.profile,
    trigger: row.trigger as InspectionRun['trigger'],
    source: row.source as RunSource,
    status: row.status as RunStatus,
    requestedBy: opt(row.requested_by),
    startedAt: toDate(row.started_at),
    finishedAt: toDate(row.finished_at),
    error: opt(row.error),
    progress: {
      total: opt(row.progress_total),
      done: opt(row.progress_done),
      message: opt(row.progress_message),
    },
    summary: row.summary ? JSON.parse(row.summary) : undefined,
    coverage: row.coverage ? JSON.parse(row.coverage) : undefined,
  };
}

export function rowToTransition(row: TransitionRow): Transition {
  return {
    id: Number(row.id),
    fingerprint: row.fingerprint,
    from: opt(row.from_state) as FindingState | undefined,
    to: row.to_state as FindingState,
    actor: row.actor,
    at: toDate(row.at),
    runId: opt(row.run_id),
    reason: opt(row.reason),
    comment: opt(row.comment),
  };
}

export function rowToFinding(row: FindingRow): Finding {
  return {
    fingerprint: row.fingerprint,
    cluster: row.cluster,
    ruleId: row.rule_id,
    ruleVersion: opt(row.rule_version),
    source: row.source as RunSource,
    title: row.title,
    severity: row.severity as Severity,
    category: row.category as Finding['category'],
    resource: {
      kind: row.kind,
      apiVersion: opt(row.api_version),
      namespace: opt(row.namespace),
      name: row.name,
      container: opt(row.container),
      host: opt(row.host),
    },
    detail: opt(row.detail),
    entityRef: opt(row.entity_ref),
    state: row.state as FindingState,
    stateChangedAt: toDate(row.state_changed_at),
    firstSeenRunId: row.first_seen_run_id,
    firstSeenAt: toDate(row.first_seen_at),
    lastSeenRunId: row.last_seen_run_id,
    lastSeenAt: toDate(row.last_seen_at),
    timesSeen: Number(row.times_seen),
    occurrences: Number(row.occurrences),
    fixedAt: toDate(row.fixed_at),
    fixedRunId: opt(row.fixed_run_id),
    ignored:
      row.state === 'ignored' && row.ignored_reason
        ? {
            reason: row.ignored_reason as IgnoreInput['reason'],
            comment: opt(row.ignored_comment),
            by: row.ignored_by ?? '',
            at: toDate(row.ignored_at ?? row.state_changed_at),
            until: toDate(row.ignored_until),
          }
        : undefined,
    message: opt(row.message),
    observed: opt(row.observed),
    expected: opt(row.expected),
    remediation: opt(row.remediation),
    fix: opt(row.fix),
    docs: opt(row.docs),
  };
}

/** The columns a sighting of a finding rewrites every run. */
export type SightingRow = Pick<
  FindingRow,
  | 'fingerprint'
  | 'severity'
  | 'entity_ref'
  | 'state'
  | 'last_seen_run_id'
  | 'occurrences'
  | 'message'
  | 'observed'
  | 'expected'
> & { state_changed_at: Date; last_seen_at: Date };

export function sightingRow(
  r: StoreCheckResult,
  state: FindingState,
  runId: string,
  now: Date,
): SightingRow {
  return {
    fingerprint: r.fingerprint,
    severity: r.severity,
    entity_ref: r.entityRef ?? null,
    state,
    state_changed_at: now,
    last_seen_run_id: runId,
    last_seen_at: now,
    occurrences: r.occurrences ?? 1,
    message: r.message ?? null,
    observed: r.observed ?? null,
    expected: r.expected ?? null,
  };
}

/** The whole row of a finding, as first inserted (or rewritten when its rule text changed). */
export function findingRow(
  r: StoreCheckResult,
  state: FindingState,
  run: Pick<RunRow, 'id' | 'cluster' | 'source'>,
  now: Date,
  hash = contentHash(r, run.source),
) {
  return {
    ...sightingRow(r, state, run.id, now),
    cluster: run.cluster,
    rule_id: r.ruleId,
    rule_version: r.ruleVersion || null,
    source: run.source,
    title: r.title,
    category: r.category,
    kind: r.resource.kind,
    api_version: r.resource.apiVersion ?? null,
    namespace: r.resource.namespace ?? null,
    name: r.resource.name,
    container: r.resource.container ?? null,
    host: r.resource.host ?? null,
    detail: r.detail ?? null,
    first_seen_run_id: run.id,
    first_seen_at: now,
    times_seen: 1,
    remediation: r.remediation ?? null,
    fix: r.fix ?? null,
    docs: r.docs ?? null,
    content_hash: hash,
  };
}
