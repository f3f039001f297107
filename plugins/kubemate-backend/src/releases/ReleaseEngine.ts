import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  GoldenMetrics,
  Release,
  ReleaseDecision,
} from '@kubemate/plugin-kubemate-common';
import type {
  KubemateCluster,
  MetricsProvider,
  TrafficBackend,
  TrafficRouter,
} from '@kubemate/plugin-kubemate-node';
import { ConflictError } from '@backstage/errors';
import type { ClusterClients } from '../clusters/ClusterClients';
import {
  FIELD_MANAGER,
  patchAs,
  PatchStrategy,
} from '../workloads/operations/kubeClients';
import { decideStep } from './decide';
import { gateProbesOf, type ReleaseProbes } from './ReleaseProbes';
import type { NewRelease, ReleaseStore, ReleaseUpdate } from './ReleaseStore';

export interface ReleaseEngineOptions {
  store: ReleaseStore;
  /** This replica's name in claims. */
  owner: string;
  cluster(name: string): KubemateCluster;
  clients(cluster: KubemateCluster): ClusterClients;
  router(cluster: string): TrafficRouter;
  metrics: MetricsProvider;
  logger: LoggerService;
  /** How long a claim holds before another replica may take the step over. Default 60 s. */
  leaseMs?: number;
  /** Told after a release starts waiting, is promoted or aborted (notifications). */
  onOutcome?(release: Release, decision: ReleaseDecision): Promise<void>;
  /** Gate probes of steps and promotions, and change triggers of probes; none without. */
  probes?: ReleaseProbes;
}

/** The engine's own name in timelines and the audit log. */
const ENGINE_ACTOR = 'kubemate:release-engine';

const merge = patchAs(PatchStrategy.MergePatch);
const jsonPatch = patchAs(PatchStrategy.JsonPatch);
/** Prometheus' increase() needs a few scrapes inside the window. */
const MIN_WINDOW_SECONDS = 20;

/**
 * When the step after this one is due: one interval after this one was due, so steps keep
 * their cadence however long a step took; a release that fell more than an interval behind
 * (a backend that was down) starts afresh from now.
 */
function nextDue(release: Release, now = Date.now()): Date {
  const interval = release.plan.intervalSeconds * 1000;
  const due = release.nextStepAt ? Date.parse(release.nextStepAt) : now;
  const next = due + interval;
  return new Date(next > now ? next : now + interval);
}

/**
 * Drives releases: claims the due steps (each runs once across replicas), judges the canary's
 * metrics, writes the weights and records the timeline; promotes and aborts.
 */
export class ReleaseEngine {
  constructor(private readonly o: ReleaseEngineOptions) {}

  windowOf(release: Release): number {
    return Math.max(MIN_WINDOW_SECONDS, release.plan.intervalSeconds);
  }

  /** Records a new release and sets its first weight; a route that refuses it fails the release. */
  async start(input: NewRelease): Promise<Release> {
    // The route is adopted by name, so each step reads it alone.
    const route =
      input.route ??
      (
        await this.o
          .router(input.cluster)
          .getRoute(this.o.cluster(input.cluster), {
            namespace: input.namespace,
            service: input.service,
            ...(input.rule !== undefined ? { rule: input.rule } : {}),
          })
      ).name;
    const release = await this.o.store.create({ ...input, route });
    try {
      await this.setWeight(release, release.weight);
    } catch (e) {
      await this.o.store.update(release.id, {
        state: 'failed',
        nextStepAt: null,
        event: {
          actor: input.createdBy,
          decision: 'error',
          message: `Could not set the first weight: ${String(e).slice(0, 500)}`,
        },
      });
      throw e;
    }
    this.trafficMoved(release, `started at ${release.weight}%`);
    return release;
  }

  /** Runs every due step this replica can claim, and waits for them; returns how many ran. */
  async runDue(now = new Date()): Promise<number> {
    const claimed = await this.claim(now);
    await Promise.all(claimed.map(r => this.runStep(r)));
    return claimed.length;
  }

  /**
   * The scheduler's tick: claims the due steps and starts them without waiting, so a slow step
   * never delays the next tick's (claims keep each step to one run). Returns how many started.
   */
  async tick(now = new Date()): Promise<number> {
    const claimed = await this.claim(now);
    for (const r of claimed) {
      const step = this.runStep(r)
        .catch(e => this.o.logger.error(`release ${r.id} step: ${e}`))
        .finally(() => this.inFlight.delete(step));
      this.inFlight.add(step);
    }
    return claimed.length;
  }

  /** Waits for the steps in flight (shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private readonly inFlight = new Set<Promise<unknown>>();

  private claim(now: Date) {
    return this.o.store.claimDue(this.o.owner, {
      now,
      leaseMs: this.o.leaseMs ?? 60_000,
    });
  }

  private async goldenMetrics(release: Release, workload: string) {
    return this.o.metrics
      .goldenMetrics({
        cluster: release.cluster,
        namespace: release.namespace,
        workload,
        windowSeconds: this.windowOf(release),
      })
      .catch(
        (e): GoldenMetrics => ({ status: 'unavailable', reason: String(e) }),
      );
  }

  private async runStep(release: Release): Promise<void> {
    const window = this.windowOf(release);
    const [canary, stable] = await Promise.all([
      this.goldenMetrics(release, release.canary),
      this.goldenMetrics(release, release.stable),
    ]);
    let outcome = decideStep(release, canary, window);
    // A step forward needs the gate probes to pass; blocked, the release holds where it is.
    const blocked =
      outcome.decision === 'advance' || outcome.decision === 'promote'
        ? await this.gateStep(release, outcome)
        : undefined;
    if (blocked) {
      outcome = {
        decision: 'blocked',
        state: 'progressing',
        weight: release.weight,
        step: release.step,
        failedChecks: release.failedChecks,
        message: `Held at ${release.weight}%: ${blocked}`,
      };
    }
    const event = {
      actor: ENGINE_ACTOR,
      decision: outcome.decision,
      message: outcome.message,
      canary,
      stable,
    };
    const nextStepAt =
      outcome.state === 'progressing' ? nextDue(release) : null;
    try {
      // A person acted meanwhile (their action revoked the claim): their change stands.
      if (!(await this.o.store.holds(release.id, this.o.owner))) return;
      if (outcome.decision === 'abort') await this.rollBack(release);
      else if (outcome.decision === 'promote')
        await this.promoteTraffic(release);
      else if (outcome.weight !== release.weight)
        await this.setWeight(release, outcome.weight);
    } catch (e) {
      this.o.logger.warn(`release ${release.id} step failed: ${e}`);
      await this.o.store.update(
        release.id,
        {
          nextStepAt: new Date(
            Date.now() + release.plan.intervalSeconds * 1000,
          ),
          event: {
            ...event,
            decision: 'error',
            message: `${outcome.message}; not applied: ${String(e).slice(
              0,
              500,
            )}`,
          },
        },
        { owner: this.o.owner },
      );
      return;
    }
    const done = await this.o.store.update(
      release.id,
      {
        state: outcome.state,
        weight: outcome.weight,
        step: outcome.step,
        failedChecks: outcome.failedChecks,
        nextStepAt,
        event,
      },
      { owner: this.o.owner },
    );
    if (done && ['abort', 'promote', 'wait'].includes(outcome.decision))
      await this.tell(release.id, outcome.decision);
    if (done && outcome.weight !== release.weight)
      this.trafficMoved(release, `${outcome.decision} to ${outcome.weight}%`);
  }

  /**
   * The gate of a step forward: undefined when its probes passed (or it has none), else why
   * it is blocked (the refusal audited as a `release-step` of the engine).
   */
  private async gateStep(
    release: Release,
    outcome: { decision: ReleaseDecision; weight: number; step: number },
  ): Promise<string | undefined> {
    const ids = gateProbesOf(release, this.o.probes);
    if (!ids.length || !this.o.probes) return undefined;
    try {
      await this.o.probes.enforce(ids, {
        actor: ENGINE_ACTOR,
        entityRef: release.entityRef,
        operation: 'release-step',
        cluster: release.cluster,
        namespace: release.namespace,
        kind: 'Service',
        name: release.service,
        parameters: {
          release: release.id,
          decision: outcome.decision,
          step: outcome.step,
          weight: outcome.weight,
        },
      });
      return undefined;
    } catch (e) {
      if (e instanceof ConflictError) return e.message;
      // The gate could not decide (e.g. the audit log is down): not a pass either.
      return `Blocked: the gate probes could not be checked: ${String(e).slice(
        0,
        300,
      )}`;
    }
  }

  /** Tells the probes watching the release's namespace that its traffic moved. */
  trafficMoved(release: Release, what: string): void {
    this.o.probes?.changed(
      release.cluster,
      release.namespace,
      `release ${release.id.slice(0, 8)} of ${release.service}: ${what}`,
    );
  }

  private async tell(id: string, decision: ReleaseDecision) {
    if (!this.o.onOutcome) return;
    try {
      await this.o.onOutcome(await this.o.store.get(id, true), decision);
    } catch (e) {
      this.o.logger.warn(`release ${id}: notification failed: ${e}`);
    }
  }

  private refOf(release: Release) {
    return {
      namespace: release.namespace,
      service: release.service,
      ...(release.route ? { route: release.route } : {}),
      ...(release.rule !== undefined ? { rule: release.rule } : {}),
    };
  }

  /** The route backend (a Service) of each Deployment: the one named after it, else the one selecting its pods. */
  private async backends(release: Release) {
    const cluster = this.o.cluster(release.cluster);
    const route = await this.o
      .router(release.cluster)
      .getRoute(cluster, this.refOf(release));
    const names = new Set(route.backends.map(b => b.service));
    const find = async (deployment: string) => {
      if (names.has(deployment)) return deployment;
      const c = this.o.clients(cluster);
      const d = await c.apps.readNamespacedDeployment({
        namespace: release.namespace,
        name: deployment,
      });
      const labels = d.spec?.template?.metadata?.labels ?? {};
      const svcs = await c.core.listNamespacedService({
        namespace: release.namespace,
      });
      const svc = svcs.items.find(s => {
        const sel = s.spec?.selector ?? {};
        return (
          Object.keys(sel).length > 0 &&
          Object.entries(sel).every(([k, v]) => labels[k] === v) &&
          names.has(s.metadata?.name ?? '')
        );
      });
      return svc?.metadata?.name ?? deployment;
    };
    return {
      route,
      stable: await find(release.stable),
      canary: await find(release.canary),
    };
  }

  /**
   * Canary weight in percent; the stable backend takes the rest, other backends keep theirs. A
   * release with a match also has its match rule (requests matching go to the canary alone),
   * written with every weight and removed when the release ends (`endMatch`).
   */
  async setWeight(
    release: Release,
    weight: number,
    endMatch = false,
  ): Promise<void> {
    const { route, stable, canary } = await this.backends(release);
    const port = route.backends.find(b => b.port)?.port;
    const others = route.backends.filter(
      b => b.service !== stable && b.service !== canary,
    );
    const backends: TrafficBackend[] = [
      { service: stable, weight: 100 - weight, ...(port ? { port } : {}) },
      { service: canary, weight, ...(port ? { port } : {}) },
      ...others,
    ];
    // Who goes to the canary whatever the weights: the release's match, and with sticky
    // sessions whoever carries the cookie the canary's responses set.
    const { match, sticky } = release;
    const matches = [
      ...(match ? [match] : []),
      ...(sticky
        ? [{ cookies: [{ name: sticky.cookie, value: canary }] }]
        : []),
    ];
    await this.o
      .router(release.cluster)
      .setRoute(this.o.cluster(release.cluster), this.refOf(release), {
        backends,
        ...(matches.length
          ? {
              matchRule: {
                matches,
                backend: endMatch
                  ? null
                  : { service: canary, ...(port ? { port } : {}) },
              },
            }
          : {}),
        ...(sticky
          ? {
              sticky: {
                cookie: sticky.cookie,
                backend: canary,
                setCookie: endMatch
                  ? null
                  : `${sticky.cookie}=${canary}; Path=/; Max-Age=${sticky.maxAgeSeconds}; HttpOnly`,
              },
            }
          : {}),
      });
  }

  private async scale(release: Release, deployment: string, replicas: number) {
    const c = this.o.clients(this.o.cluster(release.cluster));
    await c.apps.patchNamespacedDeploymentScale(
      {
        namespace: release.namespace,
        name: deployment,
        body: { spec: { replicas } },
        fieldManager: FIELD_MANAGER,
      },
      merge,
    );
  }

  /** Abort: all traffic back to stable at once, then the canary scaled to 0. */
  async rollBack(release: Release): Promise<void> {
    await this.setWeight(release, 0, true);
    await this.scale(release, release.canary, 0);
  }

  /**
   * Promote: all traffic to the canary, then the stable Deployment takes the canary's pod
   * template (its own selector labels kept) and traffic returns to it; the canary goes to 0.
   */
  async promoteTraffic(release: Release): Promise<void> {
    await this.setWeight(release, 100, true);
    const c = this.o.clients(this.o.cluster(release.cluster));
    const [stable, canary] = await Promise.all(
      [release.stable, release.canary].map(name =>
        c.apps.readNamespacedDeployment({
          namespace: release.namespace,
          name,
        }),
      ),
    );
    const template = structuredClone(canary.spec!.template);
    template.metadata = {
      ...template.metadata,
      labels: {
        ...template.metadata?.labels,
        ...stable.spec?.template?.metadata?.labels,
        ...stable.spec?.selector?.matchLabels,
      },
    };
    await c.apps.patchNamespacedDeployment(
      {
        namespace: release.namespace,
        name: release.stable,
        body: [{ op: 'replace', path: '/spec/template', value: template }],
        fieldManager: FIELD_MANAGER,
      },
      jsonPatch,
    );
    await this.setWeight(release, 0, true);
    await this.scale(release, release.canary, 0);
  }

  /** A person's action: applied to the cluster, then recorded (no claim needed). */
  async act(
    release: Release,
    action: 'pause' | 'resume' | 'promote' | 'abort' | 'set-weight',
    actor: string,
    weight?: number,
  ): Promise<Release> {
    // A step in flight on any replica must not write over what the person does.
    await this.o.store.revokeClaim(release.id);
    let change: ReleaseUpdate;
    const at = (msg: string, decision: ReleaseDecision) => ({
      actor,
      decision,
      message: msg,
    });
    switch (action) {
      case 'pause':
        change = {
          state: 'paused',
          nextStepAt: null,
          event: at('Paused', 'pause'),
        };
        break;
      case 'resume':
        change = {
          state: 'progressing',
          nextStepAt: new Date(
            Date.now() + release.plan.intervalSeconds * 1000,
          ),
          event: at('Resumed', 'resume'),
        };
        break;
      case 'set-weight':
        await this.setWeight(release, weight!);
        change = {
          weight,
          event: at(`Canary weight set to ${weight}%`, 'set-weight'),
        };
        break;
      case 'promote':
        await this.promoteTraffic(release);
        change = {
          state: 'promoted',
          weight: 0,
          nextStepAt: null,
          event: at(
            `Promoted ${release.canary} into ${release.stable}`,
            'promote',
          ),
        };
        break;
      default:
        await this.rollBack(release);
        change = {
          state: 'aborted',
          weight: 0,
          nextStepAt: null,
          event: at('Aborted: all traffic back to stable', 'abort'),
        };
    }
    await this.o.store.update(release.id, change);
    if (action === 'promote' || action === 'abort')
      await this.tell(release.id, action);
    if (action === 'promote' || action === 'abort' || action === 'set-weight')
      this.trafficMoved(release, change.event.message);
    return this.o.store.get(release.id, true);
  }
}
