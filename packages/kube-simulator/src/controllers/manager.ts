import { ObjectService } from '../api/objects';
import { SimContext } from '../server/context';
import { EventRecorder, Res } from './util';
import { NamespaceController } from './namespace';
import { DeploymentController } from './deployment';
import { ReplicaSetController } from './replicaset';
import { Kubelet } from './kubelet';
import { GarbageCollector } from './gc';
import { EndpointsController } from './endpoints';
import { StatefulSetController } from './statefulset';
import { DaemonSetController } from './daemonset';
import { JobController } from './job';
import { CronJobController } from './cronjob';
import { MiscController } from './misc';
import { GatewayController } from './gateway';
import { createNodes } from './nodes';
import { PodLogs } from './logs';
import { MeshMetrics } from '../mesh/linkerd';

export interface ControllerTimings {
  /** Reconcile loop period when something changed (ms). */
  tickMs: number;
  /** Full resync period even when nothing changed (ms). */
  resyncMs: number;
  /** Pending → scheduled (ms). */
  scheduleDelayMs: number;
  /** Scheduled → Running/Ready (ms). */
  startDelayMs: number;
  /** How long Job pods run before Succeeded (ms). */
  jobRunMs: number;
  /** Restart period of crash-looping containers (ms). */
  crashLoopMs: number;
  /** Graceful termination of running pods (ms). */
  podTerminationMs: number;
  /** Interval between simulated app log lines (ms). */
  logIntervalMs: number;
  /** CronJob schedule checks (ms). */
  cronCheckMs: number;
  nodes: number;
}

export const defaultTimings: ControllerTimings = {
  tickMs: 100,
  resyncMs: 2000,
  scheduleDelayMs: 300,
  startDelayMs: 1200,
  jobRunMs: 5000,
  crashLoopMs: 10000,
  podTerminationMs: 1500,
  logIntervalMs: 2000,
  cronCheckMs: 10000,
  nodes: 3,
};

export interface Controller {
  name: string;
  reconcile(): void;
}

/** Runs the simulated kube-controller-manager, scheduler and kubelets on timers. */
export class ControllerManager {
  readonly events: EventRecorder;
  readonly kubelet: Kubelet;
  readonly logs: PodLogs;
  readonly mesh: MeshMetrics;
  private readonly controllers: Controller[];
  private timer?: NodeJS.Timeout;
  private dirty = true;
  private lastFull = 0;
  private unwatch?: () => void;
  private running = false;
  private lastPassMs = 0;
  /** Duration of each controller's last reconcile (ms), for diagnostics. */
  readonly passStats: Record<string, number> = {};

  constructor(
    private readonly ctx: SimContext,
    readonly timings: ControllerTimings,
  ) {
    const o = ctx.objects;
    o.podTerminationMs = timings.podTerminationMs;
    this.events = new EventRecorder(o);
    const res = new Res(o);
    this.kubelet = new Kubelet(o, res, this.events, timings);
    this.logs = new PodLogs(timings);
    this.mesh = new MeshMetrics(ctx.store);
    ctx.logs = this.logs;
    ctx.metrics = this.mesh;
    this.controllers = [
      new NamespaceController(o, res),
      new DeploymentController(o, res, this.events),
      new ReplicaSetController(o, res, this.events),
      new StatefulSetController(o, res, this.events),
      new DaemonSetController(o, res, this.events),
      new JobController(o, res, this.events, timings),
      new CronJobController(o, res, this.events, timings),
      this.kubelet,
      new EndpointsController(o, res),
      new GarbageCollector(o),
      new MiscController(o, res),
      new GatewayController(o, res),
    ];
  }

  static bootstrapNamespaces(objects: ObjectService) {
    const def = objects.registry.lookup('', 'v1', 'namespaces')!;
    for (const name of [
      'default',
      'kube-system',
      'kube-public',
      'kube-node-lease',
    ]) {
      if (!objects.store.get('/namespaces', undefined, name)) {
        objects.create(
          def,
          undefined,
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
          { manager: 'kube-apiserver' },
        );
      }
    }
  }

  bootstrap() {
    ControllerManager.bootstrapNamespaces(this.ctx.objects);
    createNodes(this.ctx.objects, this.timings.nodes);
    this.runPass();
  }

  start() {
    this.unwatch = this.ctx.store.watch(undefined, () => {
      this.dirty = true;
    });
    this.timer = setInterval(() => this.tick(), this.timings.tickMs);
    this.timer.unref?.();
  }

  private tick() {
    const t = Date.now();
    // big clusters: leave the event loop to the API for at least twice the last pass duration
    if (t - this.lastFull < this.lastPassMs * 2) return;
    if (
      !this.dirty &&
      t - this.lastFull < this.timings.resyncMs &&
      !this.kubelet.hasPendingWork()
    )
      return;
    this.runPass();
  }

  private runPass() {
    if (this.running) return;
    this.running = true;
    this.dirty = false;
    this.lastFull = Date.now();
    try {
      for (const c of this.controllers) {
        const t0 = Date.now();
        try {
          c.reconcile();
          this.passStats[c.name] = Date.now() - t0;
        } catch (e) {
          // one failing controller must not stop the others
          // eslint-disable-next-line no-console
          console.error(`controller ${c.name} failed`, e);
        }
      }
    } finally {
      this.running = false;
      this.lastPassMs = Date.now() - this.lastFull;
    }
  }

  async runOnce() {
    this.runPass();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.unwatch?.();
    this.logs.stopAll();
  }
}
