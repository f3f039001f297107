import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  SEVERITIES,
  SEVERITY_WEIGHTS,
  Severity,
  SeverityCounts,
} from '@kubemate/plugin-kubemate-node';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { applyDatabaseMigrations } from '../database/DatabaseClusterStatusStore';
import {
  ACTIVE_STATES,
  CurrentSummary,
  Finding,
  FINDING_SORT_FIELDS,
  FINDING_STATES,
  FindingFilter,
  FindingSort,
  FindingState,
  IGNORE_REASONS,
  IgnoreInput,
  IngestInput,
  InspectionRun,
  InspectionStore,
  Page,
  RUN_SOURCES,
  RUN_TRIGGERS,
  RunCoverage,
  RunDiff,
  RunProgress,
  RunSource,
  RunStatus,
  StartRunInput,
  StoreCheckResult,
  SummaryScope,
  Transition,
  TrendOptions,
  TrendPoint,
} from './InspectionStore';
import {
  contentHash,
  groupResults,
  planReconciliation,
  resumeState,
  runStats,
  SnapshotRow,
  summarize,
  toMillis,
} from './reconcile';

export const RUNS = 'kubemate_inspection_runs';
export const FINDINGS = 'kubemate_inspection_findings';
export const TRANSITIONS = 'kubemate_inspection_transitions';
export const RUN_STATS = 'kubemate_inspection_run_stats';
export const INGESTS = 'kubemate_inspection_ingests';

/** A cluster's stored findings as reconciliation sees them (one query, no per-finding reads). */
export async function loadReconcileSnapshot(
  db: Knex,
  cluster: string,
): Promise<SnapshotRow[]> {
  return (await db(FINDINGS)
    .where({ cluster })
    .select(
      'fingerprint',
      'state',
      'resume_state',
      'ignored_until',
      'rule_id',
      'namespace',
      'host',
      'content_hash',
    )) as SnapshotRow[];
}

/** Rows per multi-row insert: stays far below SQLite's 32766 and PostgreSQL's 65535 bind variables. */
const INSERT_CHUNK = 500;
/** Fingerprints per `where in` statement. */
const WHERE_IN_CHUNK = 5000;
const MAX_PAGE = 1000;
/** Rows per JSON chunk on PostgreSQL. */
const PG_JSON_CHUNK = 5000;

interface RunRow {
  id: string;
  cluster: string;
  profile: string;
  trigger: string;
  source: string;
  status: string;
  requested_by: string | null;
  started_at: Date | string | number;
  finished_at: Date | string | number | null;
  error: string | null;
  progress_total: number | null;
  progress_done: number | null;
  progress_message: string | null;
  summary: string | null;
  coverage: string | null;
}

interface FindingRow {
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
  state_changed_at: Date | string | number;
  first_seen_run_id: string;
  first_seen_at: Date | string | number;
  last_seen_run_id: string;
  last_seen_at: Date | string | number;
  times_seen: number;
  occurrences: number;
  fixed_at: Date | string | number | null;
  fixed_run_id: string | null;
  ignored_reason: string | null;
  ignored_comment: string | null;
  ignored_by: string | null;
  ignored_at: Date | string | number | null;
  ignored_until: Date | string | number | null;
  message: string | null;
  observed: string | null;
  expected: string | null;
  remediation: string | null;
  fix: string | null;
  docs: string | null;
}

interface TransitionRow {
  id: number | string;
  fingerprint: string;
  cluster: string;
  from_state: string | null;
  to_state: string;
  actor: string;
  at: Date | string | number;
  run_id: string | null;
  reason: string | null;
  comment: string | null;
}

const startRunSchema = z.object({
  cluster: z.string().min(1).max(253),
  profile: z.string().min(1).max(253),
  trigger: z.enum(RUN_TRIGGERS),
  source: z.enum(RUN_SOURCES).optional(),
  requestedBy: z.string().max(255).optional(),
  startedAt: z.date().optional(),
});

const ignoreSchema = z.object({
  reason: z.enum(IGNORE_REASONS),
  comment: z.string().max(4000).optional(),
  until: z.date().optional(),
  actor: z.string().min(1).max(255),
});

const coverageSchema = z.object({
  complete: z.boolean().optional(),
  ruleIds: z.array(z.string()),
  namespaces: z.array(z.string()).optional(),
  hosts: z.array(z.string()).optional(),
  excludeNamespaces: z.array(z.string()).optional(),
  perRule: z
    .record(
      z.string(),
      z.object({
        namespaces: z.array(z.string()).optional(),
        hosts: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues
      .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${issues}`);
  }
  return r.data;
}

function toDate(v: Date | string | number): Date;
function toDate(v: Date | string | number | null | undefined): Date | undefined;
function toDate(
  v: Date | string | number | null | undefined,
): Date | undefined {
  const ms = toMillis(v);
  return ms === undefined ? undefined : new Date(ms);
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

function groupByValue<K, V>(map: Map<K, V>): Map<V, K[]> {
  const out = new Map<V, K[]>();
  for (const [k, v] of map) {
    const list = out.get(v);
    if (list) list.push(k);
    else out.set(v, [k]);
  }
  return out;
}

function toArray<T>(v: T | T[] | undefined): T[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v : [v];
}

function emptyCounts(): SeverityCounts {
  return { high: 0, medium: 0, low: 0 };
}

function rowToRun(row: RunRow): InspectionRun {
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

function rowToTransition(row: TransitionRow): Transition {
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

function rowToFinding(row: FindingRow): Finding {
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

const SORT_COLUMNS: Record<FindingSort['field'], string> = {
  severity: 'severity',
  state: 'state',
  ruleId: 'rule_id',
  category: 'category',
  namespace: 'namespace',
  name: 'name',
  kind: 'kind',
  firstSeenAt: 'first_seen_at',
  lastSeenAt: 'last_seen_at',
  stateChangedAt: 'state_changed_at',
};

/** Values that change on every sighting of a finding. */
const SEEN_MERGE_COLUMNS = [
  'rule_version',
  'source',
  'title',
  'severity',
  'category',
  'api_version',
  'entity_ref',
  'state',
  'last_seen_run_id',
  'last_seen_at',
  'occurrences',
  'message',
  'observed',
  'expected',
  'remediation',
  'fix',
  'docs',
  'content_hash',
] as const;

/** PostgreSQL: a sighting of a finding whose rule text did not change. */
const PG_SIGHTINGS_UPDATE = `update "${FINDINGS}" as f set
  "state" = j."state",
  "state_changed_at" = case when f."state" = j."state" then f."state_changed_at" else j."state_changed_at" end,
  "last_seen_run_id" = j."last_seen_run_id",
  "last_seen_at" = j."last_seen_at",
  "times_seen" = f."times_seen" + 1,
  "occurrences" = j."occurrences",
  "message" = j."message",
  "observed" = j."observed",
  "expected" = j."expected",
  "entity_ref" = j."entity_ref",
  "severity" = j."severity"
from json_populate_recordset(null::"${FINDINGS}", ?::json) as j
where f."fingerprint" = j."fingerprint"`;

/** `on conflict` clause of the PostgreSQL findings upsert (same semantics as the knex merge). */
function pgFindingsConflict(): string {
  const sets = SEEN_MERGE_COLUMNS.map(c => `"${c}" = excluded."${c}"`);
  sets.push(`"times_seen" = "${FINDINGS}"."times_seen" + 1`);
  sets.push(
    `"state_changed_at" = case when "${FINDINGS}"."state" = excluded."state" then "${FINDINGS}"."state_changed_at" else excluded."state_changed_at" end`,
  );
  return `on conflict ("fingerprint") do update set ${sets.join(', ')}`;
}

/**
 * Stores inspection runs and the lifecycle of every risk item in the plugin database
 * (PostgreSQL or SQLite).
 */
export class DatabaseInspectionStore implements InspectionStore {
  private readonly isPostgres: boolean;

  private constructor(
    private readonly db: Knex,
    private readonly clock: () => Date,
  ) {
    const client = String(db.client.config.client ?? '');
    this.isPostgres = ['pg', 'postgres', 'postgresql'].includes(client);
  }

  static async create(options: {
    database: DatabaseService;
    clock?: () => Date;
  }): Promise<DatabaseInspectionStore> {
    return new DatabaseInspectionStore(
      await applyDatabaseMigrations(options.database),
      options.clock ?? (() => new Date()),
    );
  }

  /** For tests and tools that manage migrations themselves. */
  static fromKnex(
    db: Knex,
    options?: { clock?: () => Date },
  ): DatabaseInspectionStore {
    return new DatabaseInspectionStore(
      db,
      options?.clock ?? (() => new Date()),
    );
  }

  async startRun(input: StartRunInput): Promise<InspectionRun> {
    const i = parse(startRunSchema, input, 'run');
    const row = this.newRunRow(i);
    await this.db(RUNS).insert(row);
    return this.getRun(row.id);
  }

  private newRunRow(i: z.infer<typeof startRunSchema>) {
    return {
      id: randomUUID(),
      cluster: i.cluster,
      profile: i.profile,
      trigger: i.trigger,
      source: i.source ?? 'engine',
      status: 'running',
      requested_by: i.requestedBy ?? null,
      started_at: i.startedAt ?? this.clock(),
    };
  }

  async updateProgress(runId: string, progress: RunProgress): Promise<void> {
    const patch: Record<string, unknown> = {};
    if (progress.total !== undefined) patch.progress_total = progress.total;
    if (progress.done !== undefined) patch.progress_done = progress.done;
    if (progress.message !== undefined)
      patch.progress_message = progress.message;
    if (Object.keys(patch).length === 0) return;
    const n = await this.db(RUNS)
      .where({ id: runId, status: 'running' })
      .update(patch);
    if (n === 0) await this.requireRunning(this.db, runId);
  }

  async completeRun(
    runId: string,
    results: StoreCheckResult[],
    coverage: RunCoverage,
  ): Promise<InspectionRun> {
    const cov = parse(coverageSchema, coverage, 'coverage');
    await this.db.transaction(async trx => {
      const run = await this.requireRunning(trx, runId, true);
      await this.reconcile(trx, run, results, cov);
    });
    return this.getRun(runId);
  }

  async failRun(runId: string, error: string): Promise<InspectionRun> {
    await this.db.transaction(async trx => {
      await this.requireRunning(trx, runId, true);
      await trx(RUNS)
        .where({ id: runId })
        .update({
          status: 'failed',
          error: error || 'unknown error',
          finished_at: this.clock(),
        });
    });
    return this.getRun(runId);
  }

  async failStaleRuns(
    startedBefore: Date,
    error = 'the run did not finish (backend restarted?)',
  ) {
    return this.db(RUNS)
      .where({ status: 'running' })
      .where('started_at', '<', startedBefore)
      .update({ status: 'failed', error, finished_at: this.clock() });
  }

  async pruneRuns(startedBefore: Date): Promise<number> {
    const keep = new Set(await this.latestRunIds());
    const ids: string[] = (
      await this.db(RUNS)
        .whereIn('status', ['succeeded', 'failed'])
        .where('started_at', '<', startedBefore)
        .select('id')
    )
      .map((r: { id: string }) => r.id)
      .filter(id => !keep.has(id));
    await this.db.transaction(async trx => {
      for (const part of chunks(ids, WHERE_IN_CHUNK)) {
        await trx(RUN_STATS).whereIn('run_id', part).delete();
        await trx(INGESTS).whereIn('run_id', part).delete();
        await trx(RUNS).whereIn('id', part).delete();
      }
    });
    return ids.length;
  }

  async ingest(
    input: IngestInput,
  ): Promise<{ run: InspectionRun; duplicate: boolean }> {
    const cov = parse(coverageSchema, input.coverage, 'coverage');
    if (!/^[0-9a-f]{64}$/.test(input.digest)) {
      throw new InputError(
        'Invalid digest: expected 64 hex characters (sha256)',
      );
    }
    const existing = await this.db(INGESTS)
      .where({ digest: input.digest })
      .first();
    if (existing)
      return { run: await this.getRun(existing.run_id), duplicate: true };
    const row = this.newRunRow(
      parse(
        startRunSchema,
        {
          cluster: input.cluster,
          profile: input.profile,
          trigger: 'ingest',
          source: input.source,
          requestedBy: input.requestedBy,
        },
        'ingest',
      ),
    );
    try {
      await this.db.transaction(async trx => {
        // The digest first: a concurrent ingest of the same report fails here and rolls back.
        await trx(INGESTS).insert({
          digest: input.digest,
          run_id: row.id,
          cluster: input.cluster,
          source: input.source,
          created_at: this.clock(),
        });
        await trx(RUNS).insert(row);
        await this.reconcile(trx, row, input.results, cov);
      });
    } catch (e) {
      const again = await this.db(INGESTS)
        .where({ digest: input.digest })
        .first();
      if (again)
        return { run: await this.getRun(again.run_id), duplicate: true };
      throw e;
    }
    return { run: await this.getRun(row.id), duplicate: false };
  }

  private async requireRunning(
    db: Knex | Knex.Transaction,
    runId: string,
    lock = false,
  ): Promise<RunRow> {
    assertRunId(runId);
    let q = db<RunRow>(RUNS).where({ id: runId });
    if (lock && this.isPostgres) q = q.forUpdate();
    const run = await q.first();
    if (!run) throw new NotFoundError(`No inspection run with id ${runId}`);
    if (run.status !== 'running') {
      throw new ConflictError(
        `Inspection run ${runId} is ${run.status}, not running`,
      );
    }
    return run;
  }

  /** The whole reconciliation of one run: a handful of bulk statements per 500 findings. */
  private async reconcile(
    trx: Knex.Transaction,
    run: Pick<RunRow, 'id' | 'cluster' | 'source'>,
    results: StoreCheckResult[],
    coverage: RunCoverage,
  ): Promise<void> {
    if (this.isPostgres) {
      // Runs of the same cluster reconcile one after the other.
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [
        `kubemate-inspection:${run.cluster}`,
      ]);
    }
    const now = this.clock();
    const grouped = groupResults(results);
    const snapshot = await loadReconcileSnapshot(trx, run.cluster);
    const plan = planReconciliation(snapshot, grouped, coverage, now);

    // 1. Ignores that expired go back to where they were.
    for (const [state, fps] of groupByValue(plan.expired)) {
      for (const part of chunks(fps, WHERE_IN_CHUNK)) {
        await trx(FINDINGS).whereIn('fingerprint', part).update({
          state,
          resume_state: null,
          state_changed_at: now,
          ignored_reason: null,
          ignored_comment: null,
          ignored_by: null,
          ignored_at: null,
          ignored_until: null,
        });
      }
    }

    // Ignored findings keep their state; only where an unignore would return to changes.
    for (const [state, fps] of groupByValue(plan.resume)) {
      for (const part of chunks(fps, WHERE_IN_CHUNK)) {
        await trx(FINDINGS)
          .whereIn('fingerprint', part)
          .update({ resume_state: state });
      }
    }

    // 2. Findings reported by this run: insert the new ones, refresh the others.
    const storedHash = new Map<string, string | null | undefined>();
    if (this.isPostgres) {
      for (const row of snapshot)
        storedHash.set(row.fingerprint, row.content_hash);
    }
    const upserts: Record<string, unknown>[] = [];
    const sightings: Record<string, unknown>[] = [];
    for (const fp of [...plan.inserts, ...plan.seen.keys()]) {
      const r = grouped.failed.get(fp)!;
      const hash = contentHash(r, run.source);
      const perSighting = {
        fingerprint: fp,
        severity: r.severity,
        entity_ref: r.entityRef ?? null,
        state: plan.seen.get(fp) ?? 'new',
        state_changed_at: now,
        last_seen_run_id: run.id,
        last_seen_at: now,
        occurrences: r.occurrences ?? 1,
        message: r.message ?? null,
        observed: r.observed ?? null,
        expected: r.expected ?? null,
      };
      if (storedHash.get(fp) === hash) {
        sightings.push(perSighting);
        continue;
      }
      upserts.push({
        ...perSighting,
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
      });
    }
    const merge: Record<string, Knex.Raw> = {};
    for (const c of SEEN_MERGE_COLUMNS) merge[c] = trx.raw('excluded.??', [c]);
    merge.times_seen = trx.raw('??.times_seen + 1', [FINDINGS]);
    merge.state_changed_at = trx.raw(
      'case when ??.state = excluded.state then ??.state_changed_at else excluded.state_changed_at end',
      [FINDINGS, FINDINGS],
    );
    if (this.isPostgres) {
      await this.pgBulkInsert(trx, FINDINGS, upserts, pgFindingsConflict());
      // Same rule text as stored: only the per-sighting columns, a much smaller payload.
      for (const part of chunks(sightings, PG_JSON_CHUNK)) {
        await trx.raw(PG_SIGHTINGS_UPDATE, [JSON.stringify(part)]);
      }
    } else {
      for (const part of chunks(upserts, INSERT_CHUNK)) {
        await trx(FINDINGS).insert(part).onConflict('fingerprint').merge(merge);
      }
    }

    // 3. Covered findings that were not reported are fixed.
    for (const part of chunks(plan.fixed, WHERE_IN_CHUNK)) {
      await trx(FINDINGS).whereIn('fingerprint', part).update({
        state: 'fixed',
        state_changed_at: now,
        fixed_at: now,
        fixed_run_id: run.id,
      });
    }

    // 4. Every transition, in bulk.
    const transitions = plan.transitions.map(t => ({
      fingerprint: t.fingerprint,
      cluster: run.cluster,
      from_state: t.from,
      to_state: t.to,
      actor: t.actor,
      at: now,
      run_id: run.id,
      reason: t.reason ?? null,
    }));
    if (this.isPostgres) {
      await this.pgBulkInsert(trx, TRANSITIONS, transitions);
    } else {
      // SQLite compiles multi-row inserts to a compound select (at most 500 terms).
      for (const part of chunks(transitions, INSERT_CHUNK)) {
        await trx(TRANSITIONS).insert(part);
      }
    }

    // 5. Aggregates and the run itself.
    const stats = runStats(run.id, results, plan.ignored);
    for (const part of chunks(stats, INSERT_CHUNK)) {
      await trx(RUN_STATS).insert(part);
    }
    const summary = summarize(results, grouped, plan);
    await trx(RUNS)
      .where({ id: run.id })
      .update({
        status: 'succeeded',
        finished_at: now,
        summary: JSON.stringify(summary),
        coverage: JSON.stringify(coverage),
        progress_total: results.length,
        progress_done: results.length,
      });
  }

  /**
   * PostgreSQL: one bind parameter per chunk (a JSON array expanded by json_populate_recordset)
   * instead of one per value, which is several times faster for tens of thousands of rows.
   */
  private async pgBulkInsert(
    trx: Knex.Transaction,
    table: string,
    rows: Record<string, unknown>[],
    onConflict = '',
  ): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]);
    for (const part of chunks(rows, PG_JSON_CHUNK)) {
      await trx.raw(
        `insert into ?? (??) select ?? from json_populate_recordset(null::??, ?::json) ${onConflict}`,
        [table, columns, columns, table, JSON.stringify(part)],
      );
    }
  }

  async ignore(fingerprint: string, input: IgnoreInput): Promise<Finding> {
    const i = parse(ignoreSchema, input, 'ignore request');
    const now = this.clock();
    if (i.until && i.until.getTime() <= now.getTime()) {
      throw new InputError(
        'Invalid ignore request: until must be in the future',
      );
    }
    await this.db.transaction(async trx => {
      const row = await this.requireFinding(trx, fingerprint);
      await trx(FINDINGS)
        .where({ fingerprint })
        .update({
          state: 'ignored',
          resume_state: row.state === 'ignored' ? row.resume_state : row.state,
          state_changed_at:
            row.state === 'ignored' ? row.state_changed_at : now,
          ignored_reason: i.reason,
          ignored_comment: i.comment ?? null,
          ignored_by: i.actor,
          ignored_at: now,
          ignored_until: i.until ?? null,
        });
      await trx(TRANSITIONS).insert({
        fingerprint,
        cluster: row.cluster,
        from_state: row.state,
        to_state: 'ignored',
        actor: i.actor,
        at: now,
        run_id: null,
        reason: i.reason,
        comment: i.comment ?? null,
      });
    });
    return this.getFinding(fingerprint);
  }

  async unignore(fingerprint: string, actor: string): Promise<Finding> {
    if (!actor)
      throw new InputError('Invalid unignore request: actor is required');
    const now = this.clock();
    await this.db.transaction(async trx => {
      const row = await this.requireFinding(trx, fingerprint);
      if (row.state !== 'ignored') {
        throw new ConflictError(
          `Finding ${fingerprint} is ${row.state}, not ignored`,
        );
      }
      const to = resumeState(row.resume_state as FindingState | null);
      await trx(FINDINGS).where({ fingerprint }).update({
        state: to,
        resume_state: null,
        state_changed_at: now,
        ignored_reason: null,
        ignored_comment: null,
        ignored_by: null,
        ignored_at: null,
        ignored_until: null,
      });
      await trx(TRANSITIONS).insert({
        fingerprint,
        cluster: row.cluster,
        from_state: 'ignored',
        to_state: to,
        actor,
        at: now,
        run_id: null,
        reason: 'unignored',
      });
    });
    return this.getFinding(fingerprint);
  }

  private async requireFinding(
    db: Knex | Knex.Transaction,
    fingerprint: string,
  ) {
    let q = db<FindingRow>(FINDINGS).where({ fingerprint });
    if (this.isPostgres) q = q.forUpdate();
    const row = await q.first();
    if (!row)
      throw new NotFoundError(`No finding with fingerprint ${fingerprint}`);
    return row;
  }

  async listRuns(options?: {
    cluster?: string;
    status?: RunStatus;
    limit?: number;
    offset?: number;
  }): Promise<{ items: InspectionRun[]; total: number }> {
    const base = this.db<RunRow>(RUNS);
    if (options?.cluster) base.where({ cluster: options.cluster });
    if (options?.status) base.where({ status: options.status });
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .select()
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(clampLimit(options?.limit, 50))
      .offset(Math.max(0, options?.offset ?? 0));
    return { items: rows.map(rowToRun), total: Number(count) };
  }

  async getRun(runId: string): Promise<InspectionRun> {
    assertRunId(runId);
    const row = await this.db<RunRow>(RUNS).where({ id: runId }).first();
    if (!row) throw new NotFoundError(`No inspection run with id ${runId}`);
    return rowToRun(row);
  }

  async listFindings(
    filter: FindingFilter = {},
    sort: FindingSort[] = [],
    page: Page & { includeHistory?: boolean } = {},
  ): Promise<{ items: Finding[]; total: number }> {
    for (const s of sort) {
      if (!FINDING_SORT_FIELDS.includes(s.field)) {
        throw new InputError(
          `Invalid sort field "${
            s.field
          }", expected one of ${FINDING_SORT_FIELDS.join(', ')}`,
        );
      }
    }
    for (const st of toArray(filter.state) ?? []) {
      if (!FINDING_STATES.includes(st))
        throw new InputError(`Invalid state "${st}"`);
    }
    const q = this.db<FindingRow>(FINDINGS);
    const inOrEq = (column: string, v: string | string[] | undefined) => {
      const values = toArray(v);
      if (values) q.whereIn(column, values);
    };
    if (filter.cluster) q.where('cluster', filter.cluster);
    inOrEq('severity', filter.severity);
    inOrEq('state', filter.state);
    inOrEq('rule_id', filter.ruleId);
    inOrEq('category', filter.category);
    inOrEq('namespace', filter.namespace);
    inOrEq('entity_ref', filter.entityRef);
    inOrEq('kind', filter.kind);
    if (filter.search) {
      const like = `%${filter.search
        .toLocaleLowerCase('en-US')
        .replace(/[%_\\]/g, c => `\\${c}`)}%`;
      q.where(b =>
        b
          .whereRaw(`lower(name) like ? escape '\\'`, [like])
          .orWhereRaw(`lower(title) like ? escape '\\'`, [like])
          .orWhereRaw(`lower(rule_id) like ? escape '\\'`, [like]),
      );
    }
    const [{ count }] = await q.clone().count({ count: '*' });
    const order = sort.length
      ? sort
      : [
          { field: 'severity', order: 'desc' },
          { field: 'lastSeenAt', order: 'desc' },
        ];
    for (const s of order) {
      const dir = s.order === 'asc' ? 'asc' : 'desc';
      if (s.field === 'severity') {
        q.orderByRaw(
          `case severity when 'high' then 3 when 'medium' then 2 else 1 end ${dir}`,
        );
      } else {
        q.orderBy(SORT_COLUMNS[s.field as FindingSort['field']], dir);
      }
    }
    q.orderBy('fingerprint', 'asc');
    const rows = await q
      .select()
      .limit(clampLimit(page.limit, 100))
      .offset(Math.max(0, page.offset ?? 0));
    const items = rows.map(rowToFinding);
    if (page.includeHistory !== false && items.length > 0) {
      const history = await this.transitionsOf(items.map(i => i.fingerprint));
      for (const item of items)
        item.history = history.get(item.fingerprint) ?? [];
    }
    return { items, total: Number(count) };
  }

  private async transitionsOf(
    fingerprints: string[],
  ): Promise<Map<string, Transition[]>> {
    const out = new Map<string, Transition[]>();
    for (const part of chunks(fingerprints, WHERE_IN_CHUNK)) {
      const rows: TransitionRow[] = await this.db(TRANSITIONS)
        .whereIn('fingerprint', part)
        .orderBy('id', 'asc');
      for (const row of rows) {
        const list = out.get(row.fingerprint) ?? [];
        list.push(rowToTransition(row));
        out.set(row.fingerprint, list);
      }
    }
    return out;
  }

  async getFinding(fingerprint: string): Promise<Finding> {
    const row = await this.db<FindingRow>(FINDINGS)
      .where({ fingerprint })
      .first();
    if (!row)
      throw new NotFoundError(`No finding with fingerprint ${fingerprint}`);
    const finding = rowToFinding(row);
    finding.history =
      (await this.transitionsOf([fingerprint])).get(fingerprint) ?? [];
    return finding;
  }

  /** Latest succeeded run of each (cluster, source), optionally of one cluster. */
  private latestRunIds(cluster?: string): Promise<string[]> {
    const q = this.db(`${RUNS} as r`)
      .select('r.id')
      .where('r.status', 'succeeded')
      .whereNotExists(function newer() {
        this.select(1)
          .from(`${RUNS} as n`)
          .whereRaw('n.cluster = r.cluster')
          .whereRaw('n.source = r.source')
          .where('n.status', 'succeeded')
          .where(b =>
            b
              .whereRaw('n.started_at > r.started_at')
              .orWhere(c =>
                c
                  .whereRaw('n.started_at = r.started_at')
                  .whereRaw('n.id > r.id'),
              ),
          );
      });
    if (cluster) q.where('r.cluster', cluster);
    return q.then(rows => rows.map((row: { id: string }) => row.id));
  }

  async currentSummary(scope: SummaryScope = {}): Promise<CurrentSummary> {
    const runIds = await this.latestRunIds(scope.cluster);
    const passed = emptyCounts();
    let errors = 0;
    let skipped = 0;
    if (runIds.length > 0) {
      const q = this.db(RUN_STATS)
        .whereIn('run_id', runIds)
        .select('severity')
        .sum({ passed: 'passed', errors: 'errors', skipped: 'skipped' })
        .groupBy('severity');
      if (scope.namespace !== undefined) q.where('namespace', scope.namespace);
      if (scope.entityRef !== undefined) q.where('entity_ref', scope.entityRef);
      const statRows = (await q) as unknown as Array<{
        severity: Severity;
        passed: number | string | null;
        errors: number | string | null;
        skipped: number | string | null;
      }>;
      for (const row of statRows) {
        if (SEVERITIES.includes(row.severity)) {
          passed[row.severity as Severity] += Number(row.passed ?? 0);
        }
        errors += Number(row.errors ?? 0);
        skipped += Number(row.skipped ?? 0);
      }
    }
    const fq = this.db(FINDINGS)
      .select('state', 'severity')
      .count({ count: '*' })
      .groupBy('state', 'severity');
    if (scope.cluster) fq.where('cluster', scope.cluster);
    if (scope.namespace !== undefined) fq.where('namespace', scope.namespace);
    if (scope.entityRef !== undefined) fq.where('entity_ref', scope.entityRef);
    const risks = emptyCounts();
    const byState = Object.fromEntries(
      FINDING_STATES.map(s => [s, 0]),
    ) as Record<FindingState, number>;
    const findingRows = (await fq) as unknown as Array<{
      state: FindingState;
      severity: Severity;
      count: number | string;
    }>;
    for (const row of findingRows) {
      const n = Number(row.count);
      byState[row.state as FindingState] += n;
      if (
        ACTIVE_STATES.includes(row.state) &&
        SEVERITIES.includes(row.severity)
      ) {
        risks[row.severity as Severity] += n;
      }
    }
    return {
      scope,
      runIds,
      ...scoreOf(passed, risks),
      errors,
      skipped,
      risksBySeverity: risks,
      byState,
      ignored: byState.ignored,
    };
  }

  async trend(options: TrendOptions): Promise<TrendPoint[]> {
    const rows: RunRow[] = await this.db(RUNS)
      .where({ cluster: options.cluster, status: 'succeeded' })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(clampLimit(options.limit, 30));
    const runs = rows.reverse().map(rowToRun);
    if (options.namespace === undefined && options.entityRef === undefined) {
      return runs.map(run => {
        const s = run.summary!;
        return {
          ...trendBase(run),
          total: s.total,
          passed: s.passed,
          failed: s.failed,
          errors: s.errors,
          passRate: s.passRate,
          score: s.score,
          failedBySeverity: s.failedBySeverity,
          newFindings: s.newFindings + s.reopenedFindings,
          fixedFindings: s.fixedFindings,
        };
      });
    }
    return this.scopedTrend(runs, options);
  }

  /** Trend of a namespace or entity: from the per-run aggregates and the run's transitions. */
  private async scopedTrend(
    runs: InspectionRun[],
    scope: TrendOptions,
  ): Promise<TrendPoint[]> {
    if (runs.length === 0) return [];
    const ids = runs.map(r => r.id);
    const stats = this.db(RUN_STATS)
      .whereIn('run_id', ids)
      .select('run_id', 'severity')
      .sum({ passed: 'passed', failed: 'failed', errors: 'errors' })
      .groupBy('run_id', 'severity');
    const moves = this.db(`${TRANSITIONS} as t`)
      .join(`${FINDINGS} as f`, 'f.fingerprint', 't.fingerprint')
      .whereIn('t.run_id', ids)
      .select('t.run_id as run_id', 't.to_state as to_state')
      .count({ count: '*' })
      .groupBy('t.run_id', 't.to_state');
    if (scope.namespace !== undefined) {
      stats.where('namespace', scope.namespace);
      moves.where('f.namespace', scope.namespace);
    }
    if (scope.entityRef !== undefined) {
      stats.where('entity_ref', scope.entityRef);
      moves.where('f.entity_ref', scope.entityRef);
    }
    const byRun = new Map<
      string,
      {
        passed: SeverityCounts;
        failed: SeverityCounts;
        errors: number;
        new: number;
        fixed: number;
      }
    >(
      ids.map(id => [
        id,
        {
          passed: emptyCounts(),
          failed: emptyCounts(),
          errors: 0,
          new: 0,
          fixed: 0,
        },
      ]),
    );
    for (const row of (await stats) as unknown as Array<{
      run_id: string;
      severity: Severity;
      passed: number | string | null;
      failed: number | string | null;
      errors: number | string | null;
    }>) {
      const agg = byRun.get(row.run_id)!;
      if (SEVERITIES.includes(row.severity)) {
        agg.passed[row.severity] += Number(row.passed ?? 0);
        agg.failed[row.severity] += Number(row.failed ?? 0);
      }
      agg.errors += Number(row.errors ?? 0);
    }
    for (const row of (await moves) as unknown as Array<{
      run_id: string;
      to_state: string;
      count: number | string;
    }>) {
      const agg = byRun.get(row.run_id)!;
      if (row.to_state === 'new' || row.to_state === 'reopened')
        agg.new += Number(row.count);
      if (row.to_state === 'fixed') agg.fixed += Number(row.count);
    }
    return runs.map(run => {
      const agg = byRun.get(run.id)!;
      const figures = scoreOf(agg.passed, agg.failed);
      return {
        ...trendBase(run),
        ...figures,
        errors: agg.errors,
        failedBySeverity: agg.failed,
        newFindings: agg.new,
        fixedFindings: agg.fixed,
      };
    });
  }

  async diffWithPrevious(runId: string): Promise<RunDiff> {
    const run = await this.getRun(runId);
    const previous = await this.db<RunRow>(RUNS)
      .where({ cluster: run.cluster, source: run.source, status: 'succeeded' })
      .where('started_at', '<', run.startedAt)
      .orderBy('started_at', 'desc')
      .first('id');
    const rows: FindingRow[] = await this.db(`${TRANSITIONS} as t`)
      .join(`${FINDINGS} as f`, 'f.fingerprint', 't.fingerprint')
      .where('t.run_id', runId)
      .where(b =>
        b
          .where('t.to_state', 'fixed')
          .orWhere('t.to_state', 'new')
          .orWhere(c =>
            c
              .where('t.to_state', 'reopened')
              .whereNot('t.from_state', 'ignored'),
          ),
      )
      .select('f.*', 't.to_state as transition_to')
      .orderBy('t.id', 'asc');
    const diff: RunDiff = {
      runId,
      previousRunId: previous?.id,
      new: [],
      fixed: [],
    };
    for (const row of rows as Array<FindingRow & { transition_to: string }>) {
      (row.transition_to === 'fixed' ? diff.fixed : diff.new).push(
        rowToFinding(row),
      );
    }
    return diff;
  }
}

function weightOf(c: SeverityCounts): number {
  return SEVERITIES.reduce((acc, s) => acc + SEVERITY_WEIGHTS[s] * c[s], 0);
}

/** The engine's computeScore formula over counts by severity. */
function scoreOf(passed: SeverityCounts, failed: SeverityCounts) {
  const p = passed.high + passed.medium + passed.low;
  const f = failed.high + failed.medium + failed.low;
  const weight = weightOf(passed) + weightOf(failed);
  return {
    total: p + f,
    passed: p,
    failed: f,
    passRate: p + f === 0 ? 1 : p / (p + f),
    score:
      weight === 0 ? 100 : Math.round((1000 * weightOf(passed)) / weight) / 10,
  };
}

function trendBase(run: InspectionRun) {
  return {
    runId: run.id,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    profile: run.profile,
    source: run.source,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Run ids are UUIDs; anything else cannot exist (and would be a type error on PostgreSQL). */
function assertRunId(runId: string) {
  if (typeof runId !== 'string' || !UUID.test(runId)) {
    throw new NotFoundError(`No inspection run with id ${runId}`);
  }
}

function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1)
    throw new InputError('limit must be a positive integer');
  return Math.min(limit, MAX_PAGE);
}
