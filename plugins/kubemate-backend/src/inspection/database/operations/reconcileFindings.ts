import type { Knex } from 'knex';
import type {
  PassedCheckCount,
  RunCoverage,
  RunSummary,
  StoreCheckResult,
} from '../../InspectionStore';
import {
  contentHash,
  groupResults,
  ReconcilePlanner,
  runStats,
  summarize,
} from '../../reconcile';
import {
  isPostgres,
  pgBulkInsert,
  sqliteBulkInsert,
  sqliteRunEach,
} from '../dialect';
import { chunks, INSERT_CHUNK, PG_JSON_CHUNK, WHERE_IN_CHUNK } from '../limits';
import { findingRow, sightingRow, SightingRow } from '../mapRows';
import {
  FINDINGS,
  NewTransitionRow,
  NOT_IGNORED,
  RUN_STATS,
  RunRow,
  TRANSITIONS,
} from '../rows';
import { reconcileSnapshotPages } from './loadReconcileSnapshot';

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

/** SQLite: the same per-sighting update, one row at a time through a prepared statement. */
const SQLITE_SIGHTING_UPDATE = `update "${FINDINGS}" set
  "state" = ?,
  "state_changed_at" = case when "state" = ? then "state_changed_at" else ? end,
  "last_seen_run_id" = ?,
  "last_seen_at" = ?,
  "times_seen" = "times_seen" + 1,
  "occurrences" = ?,
  "message" = ?,
  "observed" = ?,
  "expected" = ?,
  "entity_ref" = ?,
  "severity" = ?
where "fingerprint" = ?`;

/** The values of `SQLITE_SIGHTING_UPDATE`, in its order, written into `out`. */
function sqliteSightingValues(s: SightingRow, out: unknown[]): unknown[] {
  out[0] = s.state;
  out[1] = s.state;
  out[2] = s.state_changed_at;
  out[3] = s.last_seen_run_id;
  out[4] = s.last_seen_at;
  out[5] = s.occurrences;
  out[6] = s.message;
  out[7] = s.observed;
  out[8] = s.expected;
  out[9] = s.entity_ref;
  out[10] = s.severity;
  out[11] = s.fingerprint;
  return out;
}

/** `on conflict` clause of the findings upsert (PostgreSQL and SQLite share its syntax). */
function findingsConflict(): string {
  const sets = SEEN_MERGE_COLUMNS.map(c => `"${c}" = excluded."${c}"`);
  sets.push(`"times_seen" = "${FINDINGS}"."times_seen" + 1`);
  sets.push(
    `"state_changed_at" = case when "${FINDINGS}"."state" = excluded."state" then "${FINDINGS}"."state_changed_at" else excluded."state_changed_at" end`,
  );
  return `on conflict ("fingerprint") do update set ${sets.join(', ')}`;
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

/**
 * Reconciles one run's results with the stored findings of its cluster (see reconcile.ts for
 * the rules) and writes the plan: a handful of bulk statements per 500 findings. Writes the
 * findings, their transitions and the run's per-scope aggregates; returns the run's summary
 * (the caller finishes the run). Runs inside the caller's transaction.
 */
export async function reconcileFindings(
  trx: Knex.Transaction,
  run: Pick<RunRow, 'id' | 'cluster' | 'source'>,
  results: StoreCheckResult[],
  coverage: RunCoverage,
  now: Date,
  passed: PassedCheckCount[] = [],
): Promise<RunSummary> {
  const pg = isPostgres(trx);
  if (pg) {
    // Runs of the same cluster reconcile one after the other.
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [
      `kubemate-inspection:${run.cluster}`,
    ]);
  }
  const grouped = groupResults(results);
  // The stored findings a page at a time: the plan is kept, not the rows, and of each finding
  // seen again only whether its rule text is the one stored.
  const planner = new ReconcilePlanner(grouped, coverage, now);
  const sameText = new Set<string>();
  for await (const page of reconcileSnapshotPages(trx, run.cluster)) {
    for (const row of page) {
      planner.add(row);
      const reported = grouped.failed.get(row.fingerprint);
      if (reported && contentHash(reported, run.source) === row.content_hash) {
        sameText.add(reported.fingerprint);
      }
    }
  }
  const plan = planner.finish();

  // 1. Ignores that expired go back to where they were.
  for (const [state, fps] of groupByValue(plan.expired)) {
    for (const part of chunks(fps, WHERE_IN_CHUNK)) {
      await trx(FINDINGS)
        .whereIn('fingerprint', part)
        .update({
          state,
          resume_state: null,
          state_changed_at: now,
          ...NOT_IGNORED,
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

  // 2. Findings reported by this run: insert the new ones and those whose rule text changed;
  // for the others (same content hash as stored) only the per-sighting columns, a much
  // smaller write.
  const sightingOf = (fp: string) =>
    sameText.has(fp)
      ? sightingRow(grouped.failed.get(fp)!, plan.seen.get(fp)!, run.id, now)
      : undefined;
  const rowOf = (fp: string) => {
    const r = grouped.failed.get(fp)!;
    return findingRow(
      r,
      plan.seen.get(fp) ?? 'new',
      run,
      now,
      contentHash(r, run.source),
    );
  };
  if (pg) {
    // Rows are built a chunk at a time and written when the chunk is full: tens of thousands
    // of rows are never all in memory at once.
    const upserts: ReturnType<typeof findingRow>[] = [];
    const sightings: SightingRow[] = [];
    const writeUpserts = async () => {
      await pgBulkInsert(trx, FINDINGS, upserts, findingsConflict());
      upserts.length = 0;
    };
    const writeSightings = async () => {
      if (sightings.length) {
        await trx.raw(PG_SIGHTINGS_UPDATE, [JSON.stringify(sightings)]);
      }
      sightings.length = 0;
    };
    for (const fp of plan.inserts) {
      upserts.push(rowOf(fp));
      if (upserts.length >= PG_JSON_CHUNK) await writeUpserts();
    }
    for (const fp of plan.seen.keys()) {
      const sighting = sightingOf(fp);
      if (sighting) {
        sightings.push(sighting);
        if (sightings.length >= PG_JSON_CHUNK) await writeSightings();
      } else {
        upserts.push(rowOf(fp));
        if (upserts.length >= PG_JSON_CHUNK) await writeUpserts();
      }
    }
    await writeUpserts();
    await writeSightings();
  } else {
    // One row at a time, each built as it is written: tens of thousands of rows are never
    // all in memory at once. Rows whose rule text changed are upserted with the new ones.
    // In fingerprint order: the primary key's B-tree is then written and searched front to
    // back (and so is the table, whose rows were inserted in that order), instead of at
    // random pages that SQLite's small page cache keeps reading again.
    const changed: string[] = [];
    const values = new Array<unknown>(12);
    await sqliteRunEach(
      trx,
      SQLITE_SIGHTING_UPDATE,
      (function* rows() {
        for (const fp of [...plan.seen.keys()].sort()) {
          const sighting = sightingOf(fp);
          if (sighting) yield sqliteSightingValues(sighting, values);
          else changed.push(fp);
        }
      })(),
    );
    await sqliteBulkInsert(
      trx,
      FINDINGS,
      (function* rows() {
        for (const fp of [...plan.inserts].sort()) {
          yield rowOf(fp);
        }
        for (const fp of changed) {
          yield rowOf(fp);
        }
      })(),
      findingsConflict(),
    );
  }
  sameText.clear();

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
  const transitionRow = (t: (typeof plan.transitions)[number]) => ({
    fingerprint: t.fingerprint,
    cluster: run.cluster,
    from_state: t.from,
    to_state: t.to,
    actor: t.actor,
    at: now,
    run_id: run.id,
    reason: t.reason ?? null,
  });
  if (pg) {
    for (let i = 0; i < plan.transitions.length; i += PG_JSON_CHUNK) {
      const transitions: NewTransitionRow[] = plan.transitions
        .slice(i, i + PG_JSON_CHUNK)
        .map(transitionRow);
      await pgBulkInsert(trx, TRANSITIONS, transitions);
    }
  } else {
    await sqliteBulkInsert(
      trx,
      TRANSITIONS,
      (function* rows(): Generator<NewTransitionRow> {
        // Fingerprint order, for the same reason as the findings above.
        const byFingerprint = [...plan.transitions].sort(
          (a, b) =>
            Number(a.fingerprint > b.fingerprint) -
            Number(a.fingerprint < b.fingerprint),
        );
        for (const t of byFingerprint) yield transitionRow(t);
      })(),
    );
  }

  // 5. Aggregates for scoped reports.
  const stats = runStats(run.id, results, plan.ignored, passed);
  for (const part of chunks(stats, INSERT_CHUNK)) {
    await trx(RUN_STATS).insert(part);
  }
  return summarize(results, grouped, plan, passed);
}
