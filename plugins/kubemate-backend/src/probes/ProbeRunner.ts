import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ProbeEvent,
  ProbeRunStatus,
  ProbeTrigger,
} from '@kubemate/plugin-kubemate-common';
import { describeKubeError } from '@kubemate/plugin-kubemate-node';
import type { CoreV1Event } from '@kubernetes/client-node';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ClusterService } from '../clusters/ClusterService';
import type { LoadedProbe } from './definitions';
import {
  PROBE_KINDS,
  StepFailure,
  StepRecorder,
  type ProbeKind,
} from './kinds';
import type { ProbeContext } from './kinds/steps';
import { rootCauseHint } from './rootCause';
import type { ProbeStore, StoredRun } from './ProbeStore';

/** Events gathered for one failure, newest last. */
const MAX_EVENTS = 20;

/** `kmp-<id>-<random>`, at most 63 characters (a DNS label, a StatefulSet pod name prefix). */
function runNameOf(probeId: string): string {
  return `kmp-${probeId.slice(0, 40).replace(/-+$/, '')}-${randomUUID().slice(
    0,
    8,
  )}`;
}

/** Events of the objects a run touched (and of what they own: pods, ReplicaSets). */
export function relatedEvents(
  events: CoreV1Event[],
  objects: ReadonlySet<string>,
  runName: string,
): ProbeEvent[] {
  const related = events.filter(e => {
    const o = e.involvedObject;
    return (
      objects.has(`${o.kind}/${o.name}`) || (o.name ?? '').startsWith(runName)
    );
  });
  const time = (e: CoreV1Event) =>
    new Date(
      (e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? 0) as
        | string
        | Date,
    ).getTime();
  return related
    .sort((a, b) => time(a) - time(b))
    .slice(-MAX_EVENTS)
    .map(e => {
      const at =
        e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
      return {
        type: e.type ?? 'Normal',
        reason: e.reason ?? '',
        message: e.message ?? '',
        object: `${e.involvedObject.kind}/${e.involvedObject.name}`,
        ...(at ? { at: new Date(at as string | Date).toISOString() } : {}),
        ...(e.count ? { count: e.count } : {}),
      };
    });
}

/**
 * Runs one probe on its cluster through the cluster layer's clients, recording the run and its
 * steps in the store; a failure gathers the related Kubernetes events and a root-cause hint.
 */
export class ProbeRunner {
  constructor(
    private readonly deps: {
      clusters: ClusterService;
      store: ProbeStore;
      logger: LoggerService;
      /** Polling interval while waiting (default 500 ms). */
      pollMs?: number;
      /** `/api/kubemate` as job probes' containers reach it (`kubemate.probes.reportBaseUrl`). */
      reportBaseUrl?: string;
      kinds?: Record<string, ProbeKind>;
    },
  ) {}

  /** Records the run as `running` and returns it with the promise of its end. */
  async start(
    probe: LoadedProbe,
    trigger: ProbeTrigger,
    reason?: string,
    signal?: AbortSignal,
  ): Promise<{ run: StoredRun; done: Promise<StoredRun> }> {
    // A job probe's container reports with a key only this run's Job is given.
    const reportKey =
      probe.definition.type === 'job'
        ? randomBytes(24).toString('hex')
        : undefined;
    const run = await this.deps.store.startRun({
      id: randomUUID(),
      probeId: probe.definition.id,
      cluster: probe.definition.cluster,
      trigger,
      ...(reason ? { reason } : {}),
      startedAt: new Date(),
      ...(reportKey ? { reportKey } : {}),
    });
    return { run, done: this.execute(probe, run, signal, reportKey) };
  }

  private async execute(
    probe: LoadedProbe,
    run: StoredRun,
    outer?: AbortSignal,
    reportKey?: string,
  ): Promise<StoredRun> {
    const def = probe.definition;
    const started = performance.now();
    const steps = new StepRecorder();
    const objects = new Set<string>();
    const runName = runNameOf(def.id);
    const timeoutMs = def.timeoutSeconds * 1000;
    const signal = outer
      ? AbortSignal.any([outer, AbortSignal.timeout(timeoutMs + 15_000)])
      : AbortSignal.timeout(timeoutMs + 15_000);
    const output: ProbeContext['output'] = {};
    const base = this.deps.reportBaseUrl?.replace(/\/+$/, '');
    let status: Exclude<ProbeRunStatus, 'running'> = 'passed';
    let message: string | undefined;
    let clients;
    try {
      const cluster = this.deps.clusters.usable(def.cluster);
      clients = this.deps.clusters.clients(cluster.name);
      const ctx: ProbeContext = {
        definition: def,
        cluster,
        clients,
        runName,
        deadline: Date.now() + timeoutMs,
        pollMs: this.deps.pollMs ?? 500,
        signal,
        now: () => new Date(),
        steps,
        objects,
        run: {
          id: run.id,
          ...(reportKey ? { reportKey } : {}),
          ...(base
            ? {
                reportUrl: `${base}/probes/${encodeURIComponent(def.id)}/runs/${
                  run.id
                }/report`,
              }
            : {}),
        },
        reportOf: () => this.deps.store.reportOf(run.id),
        output,
      };
      const kind = (this.deps.kinds ?? PROBE_KINDS)[def.type];
      message = await kind(ctx);
    } catch (e) {
      if (e instanceof StepFailure) {
        status = 'failed';
        message = e.message;
      } else {
        status = steps.steps.length ? 'failed' : 'error';
        message = describeKubeError(e);
      }
    }
    let events: ProbeEvent[] = [];
    if (status !== 'passed' && clients && def.namespace) {
      try {
        const list = await clients.core.listNamespacedEvent({
          namespace: def.namespace,
        });
        events = relatedEvents(list.items, objects, runName);
      } catch (e) {
        this.deps.logger.warn(
          `Probe ${def.id}: cannot gather events: ${describeKubeError(e)}`,
        );
      }
    }
    const hint =
      status === 'passed' ? undefined : rootCauseHint({ message, events });
    return this.deps.store.finishRun(run.id, {
      status,
      finishedAt: new Date(),
      durationMs: performance.now() - started,
      steps: steps.steps,
      ...(message ? { message } : {}),
      events,
      ...(hint ? { hint } : {}),
      ...(output.logs ? { logs: output.logs } : {}),
    });
  }
}
