import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  kubemateReleaseAbortPermission,
  kubemateReleaseCreatePermission,
  kubemateReleasePromotePermission,
  kubemateReleaseReadPermission,
  kubemateReleaseStepPermission,
  releasePlanSchema,
  stickySessionSchema,
  type CreateReleaseRequest,
  type Release,
  type GoldenMetrics,
  type ReleaseAction,
  type ReleaseMetricsResponse,
  type ReleaseState,
} from '@kubemate/plugin-kubemate-common';
import type { Request } from 'express';
import { actorOf } from '../auth/actorOf';
import { decide, requirePermission } from '../auth/requirePermission';
import type { AuditTrail } from '../audit/AuditTrail';
import type { MetricsProviders } from '../metrics/MetricsProviders';
import type { TrafficRouters } from '../traffic/TrafficRouters';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';
import type { Caller } from '../workloads/operations/WorkloadOperations';
import { planWeights } from './decide';
import type { ReleaseEngine } from './ReleaseEngine';
import { gateProbesOf, type ReleaseProbes } from './ReleaseProbes';
import type { ReleaseStore } from './ReleaseStore';

/** States a person can still act on. */
const ACTIVE: ReleaseState[] = ['progressing', 'paused', 'waiting'];

/** The fleet page's order: what needs a person first. */
function urgency(r: Release): number {
  if (r.state === 'failed') return 0;
  if (r.state === 'progressing' && r.failedChecks > 0) return 1;
  if (r.state === 'waiting') return 2;
  if (r.state === 'aborted') return 3;
  if (r.state === 'paused') return 4;
  if (r.state === 'progressing') return 5;
  return 6;
}

const PERMISSION_OF = {
  pause: kubemateReleaseStepPermission,
  resume: kubemateReleaseStepPermission,
  weight: kubemateReleaseStepPermission,
  promote: kubemateReleasePromotePermission,
  abort: kubemateReleaseAbortPermission,
} as const;

/**
 * Releases as the API offers them: every call checked against the release's entity, creation
 * confined to the entity's own Service and Deployments (so tenancy holds), every change audited.
 */
export class Releases {
  constructor(
    private readonly deps: {
      store: ReleaseStore;
      engine: ReleaseEngine;
      workloads: EntityWorkloadsService;
      traffic: TrafficRouters;
      metrics: MetricsProviders;
      permissions: PermissionsService;
      audit: AuditTrail;
      /** Gate probes of releases (`kubemate.probes.gates.release`, plans' `gateProbes`). */
      probes?: ReleaseProbes;
    },
  ) {}

  async create(caller: Caller, body: CreateReleaseRequest): Promise<Release> {
    const plan = releasePlanSchema.parse(body.plan);
    const event = {
      actor: caller.actor,
      entityRef: caller.entityRef,
      operation: 'release-create',
      cluster: body.cluster,
      namespace: body.namespace,
      kind: 'Service',
      name: body.service,
      parameters: {
        strategy: body.strategy,
        stable: body.stable,
        canary: body.canary,
        ...(body.match ? { match: body.match } : {}),
        ...(body.sticky ? { sticky: body.sticky } : {}),
        plan,
      } as Record<string, unknown>,
    };
    const refuse = (error: Error) =>
      this.deps.audit.denied(event, error, caller.request);
    await requirePermission(
      this.deps.permissions,
      caller.credentials,
      {
        permission: kubemateReleaseCreatePermission,
        resourceRef: caller.entityRef,
      },
      refuse,
    );
    try {
      await this.checkCreatable(caller, body);
      this.checkGateProbes(plan.gateProbes ?? []);
    } catch (e) {
      await refuse(e as Error);
      throw e;
    }
    // The first weight sends the canary traffic: the gate probes must pass first.
    await this.enforceGate({ plan }, event, caller.request);
    const weights = planWeights(plan);
    return this.deps.audit.run(
      event,
      caller.request,
      () =>
        this.deps.engine.start({
          entityRef: caller.entityRef,
          cluster: body.cluster,
          namespace: body.namespace,
          service: body.service,
          routeKind: this.deps.traffic.forCluster(body.cluster).kind,
          ...(body.route ? { route: body.route } : {}),
          ...(body.rule !== undefined ? { rule: body.rule } : {}),
          stable: body.stable,
          canary: body.canary,
          strategy: body.strategy,
          ...(body.match ? { match: body.match } : {}),
          ...(body.sticky
            ? { sticky: stickySessionSchema.parse(body.sticky) }
            : {}),
          plan,
          weight: weights[0] ?? 0,
          createdBy: caller.actor,
        }),
      r =>
        `release ${r.id}: ${r.strategy} of ${r.canary} beside ${r.stable}, canary at ${r.weight}%`,
    );
  }

  /** The Service and both Deployments are the entity's (within its tenancy); one release at a time. */
  private async checkCreatable(caller: Caller, body: CreateReleaseRequest) {
    if (body.stable === body.canary) {
      throw new InputError('stable and canary must be different Deployments');
    }
    const router = this.deps.traffic.forCluster(body.cluster);
    if (body.strategy === 'canary' && !body.match) {
      throw new InputError(
        'A canary release needs a header or cookie match (match.headers or match.cookies)',
      );
    }
    if ((body.match || body.sticky) && !router.supportsMatches) {
      throw new InputError(
        `Cluster ${body.cluster} routes with ${router.kind}, which cannot match headers or cookies: use a gray release without sticky sessions`,
      );
    }
    const workloads = await this.deps.workloads.getWorkloads(
      caller.entityRef,
      caller.credentials,
    );
    const cluster = workloads.clusters.find(c => c.cluster === body.cluster);
    if (!cluster || cluster.status !== 'ok') {
      throw new NotFoundError(
        `${caller.entityRef} has no workloads in cluster ${body.cluster}`,
      );
    }
    const has = (
      objects: Array<{ metadata: { name: string; namespace?: string } }>,
      name: string,
    ) =>
      objects.some(
        o =>
          o.metadata.name === name && o.metadata.namespace === body.namespace,
      );
    if (!has(cluster.resources.services, body.service)) {
      throw new NotFoundError(
        `Service ${body.namespace}/${body.service} is not one of ${caller.entityRef}'s in cluster ${body.cluster}`,
      );
    }
    for (const deployment of [body.stable, body.canary]) {
      if (!has(cluster.resources.deployments, deployment)) {
        throw new NotFoundError(
          `Deployment ${body.namespace}/${deployment} is not one of ${caller.entityRef}'s in cluster ${body.cluster}`,
        );
      }
    }
    const active = (await this.deps.store.list({ limit: 500 })).find(
      r =>
        r.cluster === body.cluster &&
        r.namespace === body.namespace &&
        r.service === body.service &&
        ACTIVE.includes(r.state),
    );
    if (active) {
      throw new ConflictError(
        `Service ${body.namespace}/${body.service} already has a release in progress (${active.id}, ${active.state}); promote or abort it first`,
      );
    }
  }

  async listForEntity(caller: Caller, limit = 100): Promise<Release[]> {
    await requirePermission(this.deps.permissions, caller.credentials, {
      permission: kubemateReleaseReadPermission,
      resourceRef: caller.entityRef,
    });
    return this.deps.store.list({ entityRefs: [caller.entityRef], limit });
  }

  /** Releases of entities the caller may read, what needs a person first. */
  async listFleet(
    credentials: BackstageCredentials,
    filter: { states?: ReleaseState[]; limit?: number } = {},
  ): Promise<Release[]> {
    const all = (await this.deps.store.list({ limit: 500 })).filter(
      r => !filter.states || filter.states.includes(r.state),
    );
    const refs = [...new Set(all.map(r => r.entityRef))];
    const allowed = await decide(
      this.deps.permissions,
      credentials,
      refs.map(resourceRef => ({
        permission: kubemateReleaseReadPermission,
        resourceRef,
      })),
    );
    const readable = new Set(refs.filter((_, i) => allowed[i]));
    return all
      .filter(r => readable.has(r.entityRef))
      .sort(
        (a, b) =>
          urgency(a) - urgency(b) || b.updatedAt.localeCompare(a.updatedAt),
      )
      .slice(0, filter.limit ?? 100);
  }

  async get(credentials: BackstageCredentials, id: string): Promise<Release> {
    const release = await this.deps.store.get(id, true);
    await requirePermission(this.deps.permissions, credentials, {
      permission: kubemateReleaseReadPermission,
      resourceRef: release.entityRef,
    });
    return release;
  }

  /** Both versions' golden metrics now; a metrics outage is told in them, never thrown. */
  async metrics(
    credentials: BackstageCredentials,
    id: string,
    windowSeconds = 60,
  ): Promise<ReleaseMetricsResponse> {
    const release = await this.get(credentials, id);
    const provider = this.deps.metrics.forCluster(release.cluster);
    const of = (workload: string) =>
      provider
        .goldenMetrics({
          cluster: release.cluster,
          namespace: release.namespace,
          workload,
          windowSeconds,
        })
        .catch(
          (e): GoldenMetrics => ({ status: 'unavailable', reason: String(e) }),
        );
    const [canary, stable, behindRoute] = await Promise.all([
      of(release.canary),
      of(release.stable),
      // Optional in a provider; never fails the panel (the golden metrics tell an outage).
      provider
        .routeBackendMetrics?.({
          cluster: release.cluster,
          namespace: release.namespace,
          service: release.service,
          ...(release.route ? { route: release.route } : {}),
          windowSeconds,
        })
        .catch(() => undefined),
    ]);
    const routeCanary = behindRoute?.get(release.canary);
    const routeStable = behindRoute?.get(release.stable);
    const rps = (m: GoldenMetrics) =>
      m.status === 'ok' ? m.requestsPerSecond : 0;
    const total = rps(canary) + rps(stable);
    const answered = [canary, stable].every(
      m => m.status === 'ok' || m.status === 'no-traffic',
    );
    const successes = [canary, stable].reduce(
      (n, m) =>
        n + (m.status === 'ok' ? m.successRate * m.requestsPerSecond : 0),
      0,
    );
    return {
      at: new Date().toISOString(),
      windowSeconds,
      canary,
      stable,
      ...(answered && total > 0
        ? {
            overall: {
              requestsPerSecond: total,
              successRate: successes / total,
            },
          }
        : {}),
      ...(routeCanary || routeStable
        ? {
            routeBackends: {
              ...(routeCanary ? { canary: routeCanary } : {}),
              ...(routeStable ? { stable: routeStable } : {}),
            },
          }
        : {}),
    };
  }

  async act(
    credentials: BackstageCredentials,
    id: string,
    action: ReleaseAction,
    body: { weight?: number },
    request?: Request,
  ): Promise<Release> {
    const release = await this.deps.store.get(id);
    const actor = actorOf(credentials);
    const event = {
      actor,
      entityRef: release.entityRef,
      operation: `release-${action}`,
      cluster: release.cluster,
      namespace: release.namespace,
      kind: 'Service',
      name: release.service,
      parameters: {
        release: id,
        ...(body.weight !== undefined ? { weight: body.weight } : {}),
      } as Record<string, unknown>,
    };
    const refuse = (error: Error) =>
      this.deps.audit.denied(event, error, request);
    await requirePermission(
      this.deps.permissions,
      credentials,
      { permission: PERMISSION_OF[action], resourceRef: release.entityRef },
      refuse,
    );
    const problem = this.whyNot(release, action, body);
    if (problem) {
      await refuse(problem);
      throw problem;
    }
    // More traffic for the canary (a promotion or a higher weight) passes the gate first.
    if (
      action === 'promote' ||
      (action === 'weight' && body.weight! > release.weight)
    ) {
      await this.enforceGate(release, event, request);
    }
    return this.deps.audit.run(
      event,
      request,
      () =>
        this.deps.engine.act(
          release,
          action === 'weight' ? 'set-weight' : action,
          actor,
          body.weight,
        ),
      r => `release ${r.id}: ${r.state}, canary at ${r.weight}%`,
    );
  }

  /** A plan may name only probes that are defined. */
  private checkGateProbes(ids: string[]) {
    if (!ids.length) return;
    if (!this.deps.probes) {
      throw new InputError(
        'plan.gateProbes: probes are not configured in this backend (kubemate.probes.directory)',
      );
    }
    const unknown = this.deps.probes.unknown(ids);
    if (unknown.length) {
      throw new InputError(
        `plan.gateProbes: no probe ${unknown.join(', ')} is defined`,
      );
    }
  }

  /** 409 naming the gate probes that did not pass (audited as a refusal of the change). */
  private async enforceGate(
    release: { plan: Pick<Release['plan'], 'gateProbes'> },
    event: Parameters<ReleaseProbes['enforce']>[1],
    request?: Request,
  ) {
    const ids = gateProbesOf(release, this.deps.probes);
    if (ids.length && this.deps.probes)
      await this.deps.probes.enforce(ids, event, request);
  }

  private whyNot(
    release: Release,
    action: ReleaseAction,
    body: { weight?: number },
  ): Error | undefined {
    if (!ACTIVE.includes(release.state)) {
      return new ConflictError(
        `Release ${release.id} is ${release.state}; nothing can be done to it any more`,
      );
    }
    if (action === 'pause' && release.state === 'paused') {
      return new ConflictError(`Release ${release.id} is already paused`);
    }
    if (action === 'resume' && release.state === 'progressing') {
      return new ConflictError(`Release ${release.id} is not paused`);
    }
    if (action === 'weight' && body.weight === undefined) {
      return new InputError('weight: a number from 0 to 100 is required');
    }
    return undefined;
  }
}
