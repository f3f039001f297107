import type { DatabaseService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import type {
  CurrentSummary,
  Finding,
  FindingFilter,
  FindingSort,
  IgnoreInput,
  IngestInput,
  InspectionRun,
  InspectionStore,
  Page,
  PassedCheckCount,
  RunCoverage,
  RunDiff,
  RunProgress,
  RunStatus,
  StartRunInput,
  StoreCheckResult,
  SummaryScope,
  TrendOptions,
  TrendPoint,
} from './InspectionStore';
import { newRunRow } from './database/mapRows';
import type { NewRunRow } from './database/rows';
import {
  assertDigest,
  coverageSchema,
  ignoreSchema,
  parse,
  passedCountsSchema,
  startRunSchema,
} from './database/validation';
import { claimRunningRun } from './database/operations/claimRunningRun';
import { currentSummary } from './database/operations/currentSummary';
import { diffWithPrevious } from './database/operations/diffWithPrevious';
import { failRun } from './database/operations/failRun';
import { failStaleRuns } from './database/operations/failStaleRuns';
import { finishRun } from './database/operations/finishRun';
import { getFinding } from './database/operations/getFinding';
import { getRun } from './database/operations/getRun';
import { heartbeatRun } from './database/operations/heartbeatRun';
import {
  ignoreFinding,
  unignoreFinding,
} from './database/operations/ignoreFinding';
import {
  findIngestedRun,
  recordIngestDigest,
} from './database/operations/ingestDigests';
import { insertRun } from './database/operations/insertRun';
import { listFindings } from './database/operations/listFindings';
import { listRuns } from './database/operations/listRuns';
import { pruneRuns } from './database/operations/pruneRuns';
import { reconcileFindings } from './database/operations/reconcileFindings';
import { trend } from './database/operations/trend';
import { updateRunProgress } from './database/operations/updateRunProgress';

/** Why a run whose heartbeat stopped was failed. */
export const STALE_RUN_ERROR =
  'the run stopped sending heartbeats: the backend process running it died or lost the database';

/**
 * Stores inspection runs and the lifecycle of every risk item in the plugin database
 * (PostgreSQL or SQLite). Validates input and composes the operations in `database/operations`;
 * the schema is migrated by the plugin before the store is created.
 */
export class DatabaseInspectionStore implements InspectionStore {
  private constructor(
    private readonly db: Knex,
    private readonly clock: () => Date,
  ) {}

  static async create(options: {
    database: DatabaseService;
    clock?: () => Date;
  }): Promise<DatabaseInspectionStore> {
    return DatabaseInspectionStore.fromKnex(
      await options.database.getClient(),
      options,
    );
  }

  /** For tests and tools that hold a knex client of a migrated database. */
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
    const row = newRunRow(parse(startRunSchema, input, 'run'), this.clock());
    await insertRun(this.db, row);
    return this.getRun(row.id);
  }

  updateProgress(runId: string, progress: RunProgress): Promise<void> {
    return updateRunProgress(this.db, runId, progress);
  }

  async completeRun(
    runId: string,
    results: StoreCheckResult[],
    coverage: RunCoverage,
    passed?: PassedCheckCount[],
  ): Promise<InspectionRun> {
    const cov = parse(coverageSchema, coverage, 'coverage');
    const counts = parse(passedCountsSchema, passed ?? [], 'passed checks');
    await this.db.transaction(async trx => {
      const run = await claimRunningRun(trx, runId, { lock: true });
      await this.reconcileAndFinish(trx, run, results, cov, counts);
    });
    return this.getRun(runId);
  }

  async failRun(runId: string, error: string): Promise<InspectionRun> {
    await failRun(this.db, runId, error, this.clock());
    return this.getRun(runId);
  }

  heartbeat(runId: string): Promise<boolean> {
    return heartbeatRun(this.db, runId, this.clock());
  }

  failStaleRuns(
    heartbeatBefore: Date,
    options?: { error?: string; cluster?: string },
  ): Promise<number> {
    return failStaleRuns(
      this.db,
      heartbeatBefore,
      options?.error ?? STALE_RUN_ERROR,
      this.clock(),
      options?.cluster,
    );
  }

  pruneRuns(startedBefore: Date): Promise<number> {
    return pruneRuns(this.db, startedBefore);
  }

  async ingest(
    input: IngestInput,
  ): Promise<{ run: InspectionRun; duplicate: boolean }> {
    const cov = parse(coverageSchema, input.coverage, 'coverage');
    assertDigest(input.digest);
    const existing = await findIngestedRun(this.db, input.digest);
    if (existing) return { run: await this.getRun(existing), duplicate: true };
    const start = parse(
      startRunSchema,
      {
        cluster: input.cluster,
        profile: input.profile,
        trigger: 'ingest',
        source: input.source,
        requestedBy: input.requestedBy,
      },
      'ingest',
    );
    const row = newRunRow(start, this.clock());
    try {
      await this.db.transaction(async trx => {
        await recordIngestDigest(trx, {
          digest: input.digest,
          run_id: row.id,
          cluster: input.cluster,
          source: input.source,
          created_at: this.clock(),
        });
        await insertRun(trx, row);
        await this.reconcileAndFinish(trx, row, input.results, cov);
      });
    } catch (e) {
      // A concurrent ingest of the same report won the digest: answer with its run.
      const again = await findIngestedRun(this.db, input.digest);
      if (again) return { run: await this.getRun(again), duplicate: true };
      throw e;
    }
    return { run: await this.getRun(row.id), duplicate: false };
  }

  private async reconcileAndFinish(
    trx: Knex.Transaction,
    run: Pick<NewRunRow, 'id' | 'cluster' | 'source'>,
    results: StoreCheckResult[],
    coverage: RunCoverage,
    passed: PassedCheckCount[] = [],
  ): Promise<void> {
    const now = this.clock();
    const summary = await reconcileFindings(
      trx,
      run,
      results,
      coverage,
      now,
      passed,
    );
    await finishRun(trx, run.id, {
      summary,
      coverage,
      results: results.length + passed.reduce((n, p) => n + p.count, 0),
      now,
    });
  }

  async ignore(fingerprint: string, input: IgnoreInput): Promise<Finding> {
    const i = parse(ignoreSchema, input, 'ignore request');
    const now = this.clock();
    if (i.until && i.until.getTime() <= now.getTime()) {
      throw new InputError(
        'Invalid ignore request: until must be in the future',
      );
    }
    await ignoreFinding(this.db, fingerprint, i, now);
    return this.getFinding(fingerprint);
  }

  async unignore(fingerprint: string, actor: string): Promise<Finding> {
    if (!actor)
      throw new InputError('Invalid unignore request: actor is required');
    await unignoreFinding(this.db, fingerprint, actor, this.clock());
    return this.getFinding(fingerprint);
  }

  listRuns(options?: {
    cluster?: string;
    status?: RunStatus;
    limit?: number;
    offset?: number;
  }): Promise<{ items: InspectionRun[]; total: number }> {
    return listRuns(this.db, options);
  }

  getRun(runId: string): Promise<InspectionRun> {
    return getRun(this.db, runId);
  }

  listFindings(
    filter?: FindingFilter,
    sort?: FindingSort[],
    page?: Page & { includeHistory?: boolean },
  ): Promise<{ items: Finding[]; total: number }> {
    return listFindings(this.db, filter, sort, page);
  }

  getFinding(fingerprint: string): Promise<Finding> {
    return getFinding(this.db, fingerprint);
  }

  currentSummary(scope?: SummaryScope): Promise<CurrentSummary> {
    return currentSummary(this.db, scope);
  }

  trend(options: TrendOptions): Promise<TrendPoint[]> {
    return trend(this.db, options);
  }

  diffWithPrevious(
    runId: string,
    options?: { limit?: number },
  ): Promise<RunDiff> {
    return diffWithPrevious(this.db, runId, options);
  }
}
