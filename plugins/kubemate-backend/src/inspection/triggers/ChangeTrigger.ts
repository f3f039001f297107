import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { InspectionRun, InspectionStore } from '../InspectionStore';
import type { RunRequest } from '../InspectionRunner';
import { describeChange, type WorkloadChange } from './WorkloadChangeWatcher';

/** The runner's entry point (InspectionRunner.start). */
export type StartRun = (
  request: RunRequest,
) => Promise<{ run: InspectionRun; done: Promise<InspectionRun> }>;

export interface ChangeTriggerOptions {
  cluster: string;
  profile: string;
  /** A run starts once no change arrived for this long. */
  quietPeriodMs: number;
  startRun: StartRun;
  store: Pick<InspectionStore, 'listRuns'>;
  logger: LoggerService;
  /** How long to wait before asking again when another run is in progress. Default 10 s. */
  busyRetryMs?: number;
}

const MAX_REASON = 255;

/**
 * Debounces workload changes of one cluster into change-triggered runs: every change restarts
 * the quiet period; when it ends, one run starts with the changes as its reason
 * (`change: Deployment bank-payments/payments-api (+2 more)`). A run already in progress (here or
 * on another replica: the runner refuses with a conflict) is never overlapped: the trigger waits
 * and retries, and drops the pending changes if a run that started after them exists by then
 * (another replica saw the same changes). Changes seen while its own run is going start a new
 * quiet period after it.
 */
export class ChangeTrigger {
  private pending: WorkloadChange[] = [];
  /** Time of the latest pending change. */
  private lastChangeAt = 0;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(private readonly options: ChangeTriggerOptions) {}

  /** Records a change and (re)starts the quiet period. */
  notify(change: WorkloadChange): void {
    if (this.stopped) return;
    const text = describeChange(change);
    this.pending = [
      ...this.pending.filter(c => describeChange(c) !== text),
      change,
    ];
    this.lastChangeAt = Date.now();
    if (!this.running) this.arm(this.options.quietPeriodMs);
  }

  /** Changes waiting for a run (most recent last). */
  get pendingChanges(): readonly WorkloadChange[] {
    return this.pending;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The reason recorded on the run, e.g. `change: Deployment ns/name (+2 more)`. */
  static reason(changes: readonly WorkloadChange[]): string {
    const latest = changes[changes.length - 1];
    const more = changes.length > 1 ? ` (+${changes.length - 1} more)` : '';
    return (
      `change: ${describeChange(latest)}`.slice(0, MAX_REASON - more.length) +
      more
    );
  }

  private arm(delayMs: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      let retryInMs: number | undefined;
      this.running = this.fire()
        .then(ms => {
          retryInMs = ms;
        })
        .finally(() => {
          this.running = undefined;
          if (this.pending.length && !this.stopped) {
            this.arm(retryInMs ?? this.options.quietPeriodMs);
          }
        });
    }, delayMs);
    this.timer.unref?.();
  }

  /** Starts a run for the pending changes; returns a delay to try again after, when busy. */
  private async fire(): Promise<number | undefined> {
    const { cluster, profile, startRun, logger } = this.options;
    if (this.stopped || this.pending.length === 0) return undefined;
    const changes = this.pending;
    const changedAt = this.lastChangeAt;
    this.pending = [];
    try {
      const { run, done } = await startRun({
        cluster,
        profile,
        trigger: 'change',
        requestedBy: ChangeTrigger.reason(changes),
      });
      logger.info(
        `Inspection of '${cluster}' started by ${run.requestedBy} (run ${run.id})`,
      );
      await done;
      return undefined;
    } catch (e) {
      if (!(e instanceof ConflictError)) {
        logger.warn(
          `Change-triggered inspection of '${cluster}' could not start: ${
            e instanceof Error ? e.message : String(e)
          }`,
        );
        return undefined;
      }
      // Another run is going. A run that started after the changes covers them (e.g. another
      // replica saw the same changes); otherwise keep them and try again later.
      if (await this.coveredSince(changedAt).catch(() => false)) {
        return undefined;
      }
      this.pending = [...changes, ...this.pending];
      return this.options.busyRetryMs ?? 10_000;
    }
  }

  /** True when an engine run of the cluster started after `since`. */
  private async coveredSince(since: number): Promise<boolean> {
    const { items } = await this.options.store.listRuns({
      cluster: this.options.cluster,
      limit: 5,
    });
    return items.some(
      r => r.source === 'engine' && r.startedAt.getTime() > since,
    );
  }
}
