import type {
  ProbeDefinition,
  ProbeStep,
} from '@kubemate/plugin-kubemate-common';
import { describeKubeError } from '@kubemate/plugin-kubemate-node';
import type { KubemateCluster } from '@kubemate/plugin-kubemate-node';
import type { ClusterClients } from '../../clusters/ClusterClients';

/** A step that did not do what it should: the run failed (not the prober). */
export class StepFailure extends Error {}

/** What a probe kind gets to act on one cluster. */
export interface ProbeContext {
  definition: ProbeDefinition;
  cluster: KubemateCluster;
  clients: ClusterClients;
  /** Names the run's objects (short, DNS-safe, unique per run). */
  runName: string;
  /** Epoch ms by which the whole run must be over. */
  deadline: number;
  pollMs: number;
  signal: AbortSignal;
  now: () => Date;
  steps: StepRecorder;
  /** Objects the run created or looked at, whose events explain a failure (`Kind/name`). */
  objects: Set<string>;
  /** The run: its id and, for a job probe, the key and URL its container reports with. */
  run: { id: string; reportKey?: string; reportUrl?: string };
  /** What the run's job reported so far. */
  reportOf(): Promise<
    { status: 'passed' | 'failed'; messages: string[] } | undefined
  >;
  /** What the run keeps beside its steps (a failed job's log tail). */
  output: { logs?: string };
}

/** Records each step with its latency; a failing step throws a StepFailure naming it. */
export class StepRecorder {
  readonly steps: ProbeStep[] = [];

  async step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const value = await fn();
      this.steps.push({
        name,
        status: 'passed',
        latencyMs: Math.round(performance.now() - started),
      });
      return value;
    } catch (e) {
      const message =
        e instanceof StepFailure ? e.message : describeKubeError(e);
      this.steps.push({
        name,
        status: 'failed',
        latencyMs: Math.round(performance.now() - started),
        message,
      });
      throw new StepFailure(`${name}: ${message}`);
    }
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Polls `check` until it returns a value, the run's deadline passes or the run is aborted; then
 * a StepFailure saying what was awaited and what `why` says of the last state.
 */
export async function waitFor<T>(
  ctx: Pick<ProbeContext, 'deadline' | 'pollMs' | 'signal'>,
  what: string,
  check: () => Promise<T | undefined>,
  why: () => Promise<string | undefined> = async () => undefined,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= ctx.deadline || ctx.signal.aborted) {
      const reason = await why().catch(() => undefined);
      throw new StepFailure(
        `not ${what} after ${Math.round((Date.now() - started) / 1000)} s${
          reason ? ` (${reason})` : ''
        }`,
      );
    }
    await sleep(ctx.pollMs, ctx.signal);
  }
}

export const statusCode = (e: unknown) =>
  (e as { code?: number })?.code ?? (e as { statusCode?: number })?.statusCode;

/** Labels every object a probe creates, so the janitor finds leftovers. */
export const PROBE_ID_LABEL = 'kubemate.io/probe';
export const PROBE_RUN_LABEL = 'kubemate.io/probe-run';
/** When the object may be removed by the janitor whatever happened to its run. */
export const PROBE_EXPIRES_ANNOTATION = 'kubemate.io/probe-expires-at';

/** Metadata of an object a probe creates: labels and a deadline after which it is garbage. */
export function probeMetadata(ctx: ProbeContext, name: string) {
  return {
    name,
    namespace: ctx.definition.namespace,
    labels: {
      [PROBE_ID_LABEL]: ctx.definition.id,
      [PROBE_RUN_LABEL]: ctx.runName,
      'app.kubernetes.io/managed-by': 'kubemate',
    },
    annotations: {
      // Twice the run's bound: a run still going then is stuck.
      [PROBE_EXPIRES_ANNOTATION]: new Date(
        ctx.deadline + ctx.definition.timeoutSeconds * 1000,
      ).toISOString(),
    },
  };
}
