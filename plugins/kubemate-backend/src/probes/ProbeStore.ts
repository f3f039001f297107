import type {
  ProbeEvent,
  ProbeHint,
  ProbeRun,
  ProbeRunStatus,
  ProbeStep,
  ProbeTrigger,
} from '@kubemate/plugin-kubemate-common';
import type { Knex } from 'knex';
import { createHash } from 'node:crypto';

const STATE = 'kubemate_probe_state';
const RUNS = 'kubemate_probe_runs';

type RunRow = {
  id: string;
  probe_id: string;
  cluster: string;
  trigger: string;
  reason: string | null;
  status: string;
  started_at: Date | string;
  finished_at: Date | string | null;
  duration_ms: number | null;
  steps: string;
  message: string | null;
  events: string | null;
  hint: string | null;
  report_key_hash?: string | null;
  report?: string | null;
  logs?: string | null;
};

type StateRow = {
  probe_id: string;
  next_run_at: Date | string | null;
  pending_trigger: string | null;
  pending_reason: string | null;
  claimed_by: string | null;
  claimed_until: Date | string | null;
  notified_status: string | null;
};

/** A run as stored: the API's `ProbeRun` with its times as Dates. */
export type StoredRun = Omit<ProbeRun, 'startedAt' | 'finishedAt'> & {
  startedAt: Date;
  finishedAt?: Date;
};

/** What a claimed probe is to do: run because it was due, or because something changed. */
export interface ClaimedProbe {
  probeId: string;
  trigger: Extract<ProbeTrigger, 'scheduled' | 'change'>;
  reason?: string;
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

function fromRow(row: RunRow): StoredRun {
  return {
    id: row.id,
    probeId: row.probe_id,
    cluster: row.cluster,
    trigger: row.trigger as ProbeTrigger,
    ...(row.reason ? { reason: row.reason } : {}),
    status: row.status as ProbeRunStatus,
    startedAt: toDate(row.started_at),
    ...(row.finished_at ? { finishedAt: toDate(row.finished_at) } : {}),
    ...(row.duration_ms !== null ? { durationMs: row.duration_ms } : {}),
    steps: JSON.parse(row.steps) as ProbeStep[],
    ...(row.message ? { message: row.message } : {}),
    events: row.events ? (JSON.parse(row.events) as ProbeEvent[]) : [],
    ...(row.hint ? { hint: JSON.parse(row.hint) as ProbeHint } : {}),
    ...(row.logs ? { logs: row.logs } : {}),
  };
}

/** What a job probe reported. */
export interface StoredReport {
  status: 'passed' | 'failed';
  messages: string[];
}

export const reportKeyHash = (key: string) =>
  createHash('sha256').update(key).digest('hex');

const dueOrFree = (now: Date) => (q: Knex.QueryBuilder) =>
  q.whereNull('claimed_until').orWhere('claimed_until', '<', now);

/**
 * Probe schedules and runs in the plugin database. Claims are compare-and-set updates, so any
 * number of replicas can tick: each due probe is run by the one that claimed it.
 */
export class ProbeStore {
  constructor(private readonly db: Knex) {}

  /**
   * Makes the state rows match the defined probes: new ones get their first run at `firstRunAt`
   * (jittered by the caller), removed ones lose their state (their runs stay as history).
   */
  async sync(
    probes: Array<{ id: string; firstRunAt: Date | undefined }>,
  ): Promise<void> {
    const ids = probes.map(p => p.id);
    await this.db(STATE)
      .modify(q => (ids.length ? q.whereNotIn('probe_id', ids) : q))
      .delete();
    for (const probe of probes) {
      await this.db(STATE)
        .insert({
          probe_id: probe.id,
          next_run_at: probe.firstRunAt ?? null,
        })
        .onConflict('probe_id')
        .ignore();
      if (!probe.firstRunAt) {
        // No schedule (any more): only changes and people run it.
        await this.db(STATE)
          .where({ probe_id: probe.id })
          .whereNull('pending_trigger')
          .update({ next_run_at: null });
      }
    }
  }

  /** Moves a probe's next run to `at` at the latest, as a change-triggered run. */
  async requestRun(probeId: string, at: Date, reason: string): Promise<void> {
    await this.db(STATE)
      .where({ probe_id: probeId })
      .andWhere(q => q.whereNull('next_run_at').orWhere('next_run_at', '>', at))
      .update({
        next_run_at: at,
        pending_trigger: 'change',
        pending_reason: reason.slice(0, 512),
      });
  }

  /**
   * Claims up to `limit` probes that are due and not claimed by a live replica. Each row is
   * taken with its own compare-and-set, so two replicas never claim the same due run.
   */
  async claimDue(
    owner: string,
    now: Date,
    leaseMs: number,
    limit: number,
  ): Promise<ClaimedProbe[]> {
    const due: StateRow[] = await this.db(STATE)
      .where('next_run_at', '<=', now)
      .andWhere(dueOrFree(now))
      .orderBy('next_run_at')
      .limit(limit);
    const until = new Date(now.getTime() + leaseMs);
    const claimed: ClaimedProbe[] = [];
    for (const row of due) {
      const n = await this.db(STATE)
        .where({ probe_id: row.probe_id })
        .andWhere('next_run_at', '<=', now)
        .andWhere(dueOrFree(now))
        .update({ claimed_by: owner, claimed_until: until });
      if (n === 1) {
        claimed.push({
          probeId: row.probe_id,
          trigger: row.pending_trigger === 'change' ? 'change' : 'scheduled',
          ...(row.pending_reason ? { reason: row.pending_reason } : {}),
        });
      }
    }
    return claimed;
  }

  /** Ends a claim: the next run is at `nextRunAt` (none without a schedule). */
  async release(
    probeId: string,
    owner: string,
    nextRunAt: Date | undefined,
  ): Promise<void> {
    await this.db(STATE)
      .where({ probe_id: probeId, claimed_by: owner })
      .update({
        claimed_by: null,
        claimed_until: null,
        next_run_at: nextRunAt ?? null,
        pending_trigger: null,
        pending_reason: null,
      });
  }

  async nextRuns(): Promise<Map<string, Date>> {
    const rows: StateRow[] = await this.db(STATE).whereNotNull('next_run_at');
    return new Map(rows.map(r => [r.probe_id, toDate(r.next_run_at!)]));
  }

  /**
   * Records that the owners are told of `status` for a probe. True for the one caller that
   * changed it (so each failure and each recovery is sent once, whatever the replicas).
   */
  async markNotified(
    probeId: string,
    status: 'passed' | 'failed',
  ): Promise<boolean> {
    const n = await this.db(STATE)
      .where({ probe_id: probeId })
      .andWhere(q =>
        q.whereNull('notified_status').orWhereNot('notified_status', status),
      )
      .update({ notified_status: status });
    return n === 1;
  }

  async notifiedStatus(probeId: string): Promise<string | undefined> {
    const row: StateRow | undefined = await this.db(STATE)
      .where({ probe_id: probeId })
      .first();
    return row?.notified_status ?? undefined;
  }

  async startRun(run: {
    id: string;
    probeId: string;
    cluster: string;
    trigger: ProbeTrigger;
    reason?: string;
    startedAt: Date;
    /** The key a job probe reports with (only its hash is stored). */
    reportKey?: string;
  }): Promise<StoredRun> {
    await this.db(RUNS).insert({
      report_key_hash: run.reportKey ? reportKeyHash(run.reportKey) : null,
      id: run.id,
      probe_id: run.probeId,
      cluster: run.cluster,
      trigger: run.trigger,
      reason: run.reason?.slice(0, 512) ?? null,
      status: 'running',
      started_at: run.startedAt,
      steps: '[]',
    });
    const { reportKey: _key, ...stored } = run;
    return { ...stored, status: 'running', steps: [], events: [] };
  }

  async finishRun(
    id: string,
    result: {
      status: Exclude<ProbeRunStatus, 'running'>;
      finishedAt: Date;
      durationMs: number;
      steps: ProbeStep[];
      message?: string;
      events: ProbeEvent[];
      hint?: ProbeHint;
      logs?: string;
    },
  ): Promise<StoredRun> {
    await this.db(RUNS)
      .where({ id })
      .update({
        status: result.status,
        finished_at: result.finishedAt,
        duration_ms: Math.round(result.durationMs),
        steps: JSON.stringify(result.steps),
        message: result.message ?? null,
        events: result.events.length ? JSON.stringify(result.events) : null,
        hint: result.hint ? JSON.stringify(result.hint) : null,
        logs: result.logs ?? null,
      });
    return (await this.getRun(id))!;
  }

  async getRun(id: string): Promise<StoredRun | undefined> {
    const row: RunRow | undefined = await this.db(RUNS).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  /** Newest first. */
  async listRuns(probeId: string, limit: number): Promise<StoredRun[]> {
    const rows: RunRow[] = await this.db(RUNS)
      .where({ probe_id: probeId })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(fromRow);
  }

  /** The newest failed or errored run of a probe. */
  async lastFailure(probeId: string): Promise<StoredRun | undefined> {
    const row: RunRow | undefined = await this.db(RUNS)
      .where({ probe_id: probeId })
      .whereIn('status', ['failed', 'error'])
      .orderBy('started_at', 'desc')
      .first();
    return row ? fromRow(row) : undefined;
  }

  /** Whether a run of the probe is in progress (started within `withinMs`). */
  async isRunning(probeId: string, since: Date): Promise<boolean> {
    const row = await this.db(RUNS)
      .where({ probe_id: probeId, status: 'running' })
      .andWhere('started_at', '>=', since)
      .first();
    return !!row;
  }

  /**
   * Marks runs left `running` by a replica that died (started before `before`) as errors, so
   * history never shows a run in progress forever.
   */
  async failAbandoned(before: Date): Promise<number> {
    return this.db(RUNS)
      .where({ status: 'running' })
      .andWhere('started_at', '<', before)
      .update({
        status: 'error',
        message: 'the backend running this probe stopped before it ended',
        finished_at: before,
      });
  }

  /**
   * Records a job probe's report: only for a running run of that probe whose key hashes to the
   * stored hash, and only once. `missing` when there is no such run, `refused` for a wrong key,
   * `conflict` when it is not running or reported already.
   */
  async report(
    probeId: string,
    runId: string,
    key: string,
    report: StoredReport,
  ): Promise<'recorded' | 'missing' | 'refused' | 'conflict'> {
    const n = await this.db(RUNS)
      .where({
        id: runId,
        probe_id: probeId,
        status: 'running',
        report_key_hash: reportKeyHash(key),
      })
      .whereNull('report')
      .update({ report: JSON.stringify(report) });
    if (n === 1) return 'recorded';
    const row: RunRow | undefined = await this.db(RUNS)
      .where({ id: runId, probe_id: probeId })
      .first();
    if (!row) return 'missing';
    if (!row.report_key_hash || row.report_key_hash !== reportKeyHash(key)) {
      return 'refused';
    }
    return 'conflict';
  }

  /** What the run's job reported, if it did. */
  async reportOf(runId: string): Promise<StoredReport | undefined> {
    const row: RunRow | undefined = await this.db(RUNS)
      .where({ id: runId })
      .first();
    return row?.report ? (JSON.parse(row.report) as StoredReport) : undefined;
  }
}
