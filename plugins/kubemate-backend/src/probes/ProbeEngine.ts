import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ProbeTrigger } from '@kubemate/plugin-kubemate-common';
import type { LoadedProbe } from './definitions';
import type { ProbeRunner } from './ProbeRunner';
import type { ProbeStore, StoredRun } from './ProbeStore';

/** Told once per failure and once per recovery of a probe (whatever the replicas). */
export type ProbeOutcomeListener = (
  probe: LoadedProbe,
  run: StoredRun,
  change: 'failed' | 'recovered',
) => Promise<void>;

/** The next scheduled run: `intervalSeconds` later, plus up to a tenth of it at random. */
export function nextRunAt(
  probe: LoadedProbe,
  from: Date,
  random: () => number = Math.random,
): Date | undefined {
  const interval = probe.definition.schedule.intervalSeconds;
  if (!interval) return undefined;
  return new Date(from.getTime() + interval * 1000 * (1 + 0.1 * random()));
}

/**
 * Runs due probes: every replica ticks, the store's claims make each scheduled or
 * change-triggered run happen once, a claim outlives its run's bound so a dead replica's probe
 * is picked up again. Each probe's failure stays its own (a child logger, the run recorded).
 */
export class ProbeEngine {
  private readonly inFlight = new Set<Promise<unknown>>();
  private probes = new Map<string, LoadedProbe>();

  constructor(
    private readonly deps: {
      store: ProbeStore;
      runner: ProbeRunner;
      owner: string;
      logger: LoggerService;
      /** Probes started per tick at most (default 50). */
      maxPerTick?: number;
      onOutcome?: ProbeOutcomeListener;
      /** Told when a run starts and when it ends (live pages). */
      onRun?: (probeId: string) => void;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /** The defined probes; the store's schedule rows follow them. */
  async setProbes(probes: LoadedProbe[]): Promise<void> {
    this.probes = new Map(probes.map(p => [p.definition.id, p]));
    const now = this.now();
    await this.deps.store.sync(
      probes.map(p => {
        const interval = p.definition.schedule.intervalSeconds;
        return {
          id: p.definition.id,
          // The first run of a new probe anywhere within its first interval: spreads load.
          firstRunAt: interval
            ? new Date(now.getTime() + Math.random() * interval * 1000)
            : undefined,
        };
      }),
    );
  }

  get(id: string): LoadedProbe | undefined {
    return this.probes.get(id);
  }

  list(): LoadedProbe[] {
    return [...this.probes.values()];
  }

  /** Claims the due probes and starts them; resolves when they are started, not finished. */
  async tick(): Promise<number> {
    const now = this.now();
    const claimed = await this.deps.store.claimDue(
      this.deps.owner,
      now,
      this.leaseMs(),
      this.deps.maxPerTick ?? 50,
    );
    for (const claim of claimed) {
      const probe = this.probes.get(claim.probeId);
      if (!probe) {
        // Defined on another replica only (a newer config): leave it to that one.
        await this.deps.store.release(claim.probeId, this.deps.owner, now);
        continue;
      }
      this.track(
        this.runClaimed(probe, claim.trigger, claim.reason).catch(e =>
          this.deps.logger
            .child({ probe: probe.definition.id })
            .error(`Probe run failed to record: ${(e as Error).message}`),
        ),
      );
    }
    return claimed.length;
  }

  /** A manual run: not claimed (a person asked), told to owners like any other. */
  async runNow(probe: LoadedProbe, actor: string) {
    const started = await this.deps.runner.start(probe, 'manual', actor);
    this.deps.onRun?.(probe.definition.id);
    const done = started.done.then(async run => {
      this.deps.onRun?.(probe.definition.id);
      await this.outcome(probe, run);
      return run;
    });
    this.track(done.catch(() => undefined));
    return { run: started.run, done };
  }

  private async runClaimed(
    probe: LoadedProbe,
    trigger: Exclude<ProbeTrigger, 'manual'>,
    reason?: string,
  ) {
    const { done } = await this.deps.runner.start(probe, trigger, reason);
    this.deps.onRun?.(probe.definition.id);
    let run: StoredRun | undefined;
    try {
      run = await done;
      this.deps.onRun?.(probe.definition.id);
    } finally {
      await this.deps.store.release(
        probe.definition.id,
        this.deps.owner,
        nextRunAt(probe, this.now()),
      );
    }
    await this.outcome(probe, run);
  }

  private async outcome(probe: LoadedProbe, run: StoredRun) {
    const { store, onOutcome } = this.deps;
    const id = probe.definition.id;
    if (run.status === 'passed') {
      const before = await store.notifiedStatus(id);
      if ((await store.markNotified(id, 'passed')) && before === 'failed') {
        await onOutcome?.(probe, run, 'recovered');
      }
    } else if (run.status === 'failed' || run.status === 'error') {
      if (await store.markNotified(id, 'failed')) {
        await onOutcome?.(probe, run, 'failed');
      }
    }
  }

  /** The claim's length: the longest probe bound plus a margin. */
  private leaseMs() {
    let longest = 60;
    for (const p of this.probes.values()) {
      longest = Math.max(longest, p.definition.timeoutSeconds);
    }
    return (2 * longest + 30) * 1000;
  }

  private track(p: Promise<unknown>) {
    this.inFlight.add(p);
    p.finally(() => this.inFlight.delete(p));
  }

  /** Waits for the runs in flight (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}
