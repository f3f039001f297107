import { performance } from 'node:perf_hooks';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { resolveEntityMapping } from '@kubemate/plugin-kubemate-common';
import {
  SEVERITIES,
  type KubeObject,
  type KubemateCluster,
  type PassedChecks,
  type ResourceRef,
  type Severity,
} from '@kubemate/plugin-kubemate-node';
import type { ClusterService } from '../clusters/ClusterService';
import { NamespaceTenancy, ownerRefOf } from '../tenancy/NamespaceTenancy';
import { coverageFromInspection } from './coverage';
import {
  EntityAttribution,
  resourceKey,
  type MappedEntity,
} from './entityAttribution';
import {
  describeKubeError,
  fetchClusterObjects,
  kindsForRules,
} from './fetchClusterObjects';
import type { InspectionEngine } from './InspectionEngine';
import type { ProbeRunner } from './probes';
import type {
  InspectionRun,
  InspectionStore,
  PassedCheckCount,
  RunTrigger,
  StoreCheckResult,
} from './InspectionStore';

/** Least time between two progress writes while listing the cluster's objects. */
const FETCH_PROGRESS_INTERVAL_MS = 250;

/** Label on cluster objects naming the catalog entity (`backstage.io/kubernetes-id` annotation). */
export const KUBERNETES_ID = 'backstage.io/kubernetes-id';

export interface RunRequest {
  cluster: string;
  profile: string;
  trigger: RunTrigger;
  requestedBy?: string;
}

export interface InspectionRunnerOptions {
  store: InspectionStore;
  engine: InspectionEngine;
  clusters: Pick<ClusterService, 'usable' | 'clients'>;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** How often the replica running a run writes its heartbeat. Default 15 s. */
  heartbeatIntervalMs?: number;
  /** A running run whose heartbeat is older than this is failed (its process died). Default 60 s. */
  staleAfterMs?: number;
  /** Delay before the one retry of a failed fetch. */
  retryDelayMs?: number;
  pageSize?: number;
  /** Black-box probes: the built-in ones (per-cluster config) and those modules add. */
  probes?: ProbeRunner;
  /**
   * Results are attributed to an entity, by its mapping, only in namespaces its owner owns or
   * shares.
   */
  tenancy: NamespaceTenancy;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>(resolve => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

/**
 * Runs one inspection of one cluster with one profile: lists the objects the profile's rules
 * need, evaluates them with the engine, attributes results to catalog entities and reconciles
 * them in the store. At most one run per cluster at a time, across backend replicas: the
 * database admits one running run per cluster, and a run whose heartbeat stopped (its process
 * died) is failed by the next start instead of blocking the cluster.
 */
export class InspectionRunner {
  private readonly inflight = new Map<string, Promise<InspectionRun>>();
  private readonly abort = new AbortController();
  readonly heartbeatIntervalMs: number;
  readonly staleAfterMs: number;
  private readonly retryDelayMs: number;

  constructor(private readonly options: InspectionRunnerOptions) {
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 15_000;
    this.staleAfterMs = options.staleAfterMs ?? 60_000;
    this.retryDelayMs = options.retryDelayMs ?? 5_000;
    if (this.staleAfterMs < 2 * this.heartbeatIntervalMs) {
      throw new Error(
        `Inspection runs: staleAfterMs (${this.staleAfterMs}) must be at least twice heartbeatIntervalMs (${this.heartbeatIntervalMs}), or live runs would be failed`,
      );
    }
  }

  /**
   * Starts a run and returns it while it is still `running`; `done` settles with the finished
   * run (never rejects). Throws NotFoundError (unknown cluster), InputError (unknown profile,
   * unusable cluster) or ConflictError (a run of this cluster is in progress).
   */
  async start(
    request: RunRequest,
  ): Promise<{ run: InspectionRun; done: Promise<InspectionRun> }> {
    if (this.abort.signal.aborted) {
      throw new ConflictError('inspection is shutting down');
    }
    // NotFoundError for an unknown cluster, InputError for one that cannot be used.
    const cluster = this.options.clusters.usable(request.cluster);
    // Validates the profile (unknown profile, bad parameter overrides → 400).
    this.options.engine.inspector(request.profile);

    const { store } = this.options;
    // A run whose replica stopped sending heartbeats no longer holds the cluster.
    const stale = await store.failStaleRuns(
      new Date(Date.now() - this.staleAfterMs),
      { cluster: request.cluster },
    );
    if (stale) {
      this.options.logger.warn(
        `Failed ${stale} inspection run(s) of '${request.cluster}' whose heartbeat stopped`,
      );
    }
    // The database admits one running run per cluster, whichever replica asks (else 409).
    const run = await store.startRun({
      cluster: request.cluster,
      profile: request.profile,
      trigger: request.trigger,
      source: 'engine',
      requestedBy: request.requestedBy,
    });

    const done = this.execute(run, cluster, request.profile);
    this.inflight.set(run.id, done);
    void done.finally(() => this.inflight.delete(run.id));
    return { run, done };
  }

  /** Starts a run and waits for it to finish. */
  async run(request: RunRequest): Promise<InspectionRun> {
    const { done } = await this.start(request);
    return done;
  }

  /** Stops accepting runs; runs still going after `graceMs` are marked failed. */
  async stop(graceMs = 5_000): Promise<void> {
    this.abort.abort();
    const pending = [...this.inflight.values()];
    if (pending.length === 0) return;
    await Promise.race([Promise.allSettled(pending), sleep(graceMs)]);
  }

  /**
   * Writes the run's heartbeat every interval while `work` goes on; `work`'s signal aborts on
   * shutdown or when the run is no longer running (another replica failed it as stale).
   */
  private async withHeartbeat<T>(
    runId: string,
    log: LoggerService,
    work: (signal: AbortSignal, lost: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const lost = new AbortController();
    const beat = setInterval(() => {
      this.options.store.heartbeat(runId).then(
        alive => {
          if (!alive) lost.abort();
        },
        e => log.warn(`Inspection run heartbeat not written: ${e}`),
      );
    }, this.heartbeatIntervalMs);
    try {
      return await work(
        AbortSignal.any([this.abort.signal, lost.signal]),
        lost.signal,
      );
    } finally {
      clearInterval(beat);
    }
  }

  private execute(
    run: InspectionRun,
    cluster: KubemateCluster,
    profileName: string,
  ): Promise<InspectionRun> {
    const log = this.options.logger.child({
      cluster: cluster.name,
      run: run.id,
    });
    return this.withHeartbeat(run.id, log, (signal, lost) =>
      this.inspect(run, cluster, profileName, log, signal, lost),
    );
  }

  private async inspect(
    run: InspectionRun,
    cluster: KubemateCluster,
    profileName: string,
    log: LoggerService,
    signal: AbortSignal,
    lost: AbortSignal,
  ): Promise<InspectionRun> {
    const { store, engine } = this.options;
    try {
      const clients = this.options.clusters.clients(cluster.name);
      const inspector = engine.inspector(profileName);
      const { kinds, unresolved } = kindsForRules(inspector.rules);
      if (unresolved.length) {
        log.warn(
          `No API known for kind(s) ${unresolved.join(
            ', ',
          )}; give their rules target.apiVersions`,
        );
      }
      const total = kinds.length + 2;
      let gathered:
        | {
            objects: KubeObject[];
            entities: MappedEntity[];
            skipped: string[];
          }
        | undefined;
      let lastError: unknown;
      for (let attempt = 1; attempt <= 2 && !gathered; attempt++) {
        try {
          const entities = await this.mappedEntities();
          // One progress write per kind was a database write every few milliseconds on a
          // large cluster (a commit each on SQLite): at most one per interval, and the last.
          let progressAt = -Infinity;
          const fetched = await fetchClusterObjects(clients.raw, kinds, {
            pageSize: this.options.pageSize,
            signal,
            onKind: (done, _total, kind) => {
              const now = performance.now();
              if (
                done < kinds.length &&
                now - progressAt < FETCH_PROGRESS_INTERVAL_MS
              ) {
                return undefined;
              }
              progressAt = now;
              return store.updateProgress(run.id, {
                total,
                done,
                message: `listed ${kind}`,
              });
            },
          });
          gathered = {
            objects: fetched.objects,
            entities,
            skipped: fetched.skipped,
          };
        } catch (e) {
          lastError = e;
          if (signal.aborted) break;
          if (attempt === 1) {
            log.warn(
              `Inspection fetch failed (${describeKubeError(e)}); retrying in ${
                this.retryDelayMs
              } ms`,
            );
            await store.updateProgress(run.id, {
              message: `retrying after: ${describeKubeError(e)}`,
            });
            await sleep(this.retryDelayMs, signal);
          }
        }
      }
      if (!gathered) {
        let reason = describeKubeError(lastError);
        if (lost.aborted) reason = 'another replica failed the run as stale';
        else if (signal.aborted)
          reason = 'the backend shut down during the run';
        log.warn(`Inspection run failed: ${reason}`);
        return await store.failRun(run.id, reason);
      }

      await store.updateProgress(run.id, {
        total,
        done: kinds.length + 1,
        message: `evaluating ${inspector.rules.length} rules on ${gathered.objects.length} objects`,
      });
      // Passed checks are counted, not kept as results: the store only counts them.
      const result = inspector.inspect(gathered.objects, {
        cluster: cluster.name,
        passed: 'counts',
      });
      const probeRunner = this.options.probes;
      if (probeRunner) {
        await store.updateProgress(run.id, { message: 'running probes' });
      }
      const probes = probeRunner
        ? await probeRunner.run({
            cluster: { ...cluster, clients },
            profile: inspector.profile,
            signal,
          })
        : { results: [], ruleIds: [] };
      // The entity of each object, by the entities' mappings (lookups per object).
      const owners = new EntityAttribution(
        cluster.name,
        gathered.entities,
        this.admission(cluster.name, gathered.objects),
      ).attribute(gathered.objects);
      const results: StoreCheckResult[] = [
        ...result.results,
        ...probes.results,
      ];
      // In place: the results are this run's own objects, and copies of ~100k would double
      // the peak memory of a large run.
      // Results share resource refs (one per object, or per container): look each up once.
      const byRef = new Map<ResourceRef, string | undefined>();
      const entityOf = (ref: ResourceRef) => {
        if (byRef.has(ref)) return byRef.get(ref);
        const { kind, namespace, name } = ref;
        const entityRef = namespace
          ? owners.get(resourceKey(kind, namespace, name))
          : undefined;
        byRef.set(ref, entityRef);
        return entityRef;
      };
      for (const r of results) {
        const entityRef = entityOf(r.resource);
        if (entityRef) r.entityRef = entityRef;
      }
      const passed = countPassed(result.passedChecks ?? [], entityOf);
      // The listed objects are not needed any more: free them before the store phase.
      gathered.objects.length = 0;
      owners.clear();
      byRef.clear();
      result.results.length = 0;
      result.passedChecks = undefined;
      await store.updateProgress(run.id, {
        total,
        done: kinds.length + 2,
        message: `saving ${results.length} results`,
      });
      const coverage = coverageFromInspection(result, inspector.profile);
      const finished = await store.completeRun(
        run.id,
        results,
        {
          ...coverage,
          ruleIds: [...coverage.ruleIds, ...probes.ruleIds],
        },
        passed,
      );
      const notInstalled = gathered.skipped.length
        ? ` (APIs not installed: ${gathered.skipped.join(', ')})`
        : '';
      log.info(
        `Inspection run finished: ${result.stats.failed} failed, ${result.stats.passed} passed, ${result.stats.errors} execution failures${notInstalled}`,
      );
      return finished;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      log.error(`Inspection run failed: ${reason}`);
      try {
        return await store.failRun(run.id, reason);
      } catch (stored) {
        // The database is away too (restarting): the run stays `running` there until its
        // heartbeat is stale, when the next start or the stale-run task fails it. `done` must
        // not reject, so it settles with what this replica knows.
        log.error(`Inspection run could not be marked failed: ${stored}`);
        return {
          ...run,
          status: 'failed',
          error: reason,
          finishedAt: new Date(),
        };
      }
    }
  }

  /**
   * Whether a namespace of the cluster admits an owner, from the Namespace objects listed by
   * the run (see `NamespaceTenancy`).
   */
  private admission(cluster: string, objects: KubeObject[]) {
    const namespaces = new Map(
      objects
        .filter(o => o.kind === 'Namespace' && o.metadata?.name)
        .map(o => [o.metadata!.name!, o]),
    );
    const tenants = new Map<
      string,
      ReturnType<NamespaceTenancy['tenantsOf']>
    >();
    return (namespace: string, owner: string | undefined) => {
      if (!owner) return false;
      let t = tenants.get(namespace);
      if (!t) {
        t = this.options.tenancy.tenantsOf(
          cluster,
          namespace,
          namespaces.get(namespace),
        );
        tenants.set(namespace, t);
      }
      return NamespaceTenancy.admits(t, owner);
    };
  }

  /**
   * The Components and Resources with a Kubernetes mapping (kubernetes-id, label selector,
   * named workloads, namespaces; as the Workloads tab resolves it), with their owners, read
   * once per run.
   */
  private async mappedEntities(): Promise<MappedEntity[]> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: [{ kind: 'component' }, { kind: 'resource' }],
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.owner',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items.flatMap(entity => {
      const mapping = resolveEntityMapping(entity.metadata.annotations);
      if (!mapping) return [];
      const owner = ownerRefOf(entity);
      return [
        {
          ref: stringifyEntityRef(entity),
          ...(owner ? { owner } : {}),
          mapping,
        },
      ];
    });
  }
}

/** Passed checks per namespace, entity and severity, from the engine's per-resource counts. */
function countPassed(
  checks: readonly PassedChecks[],
  entityOf: (resource: ResourceRef) => string | undefined,
): PassedCheckCount[] {
  // Namespace → entity ('' for none) → counts: no key strings built per check.
  const byNamespace = new Map<string, Map<string, Record<Severity, number>>>();
  for (const c of checks) {
    const namespace = c.resource.namespace ?? '';
    let byEntity = byNamespace.get(namespace);
    if (!byEntity) {
      byEntity = new Map();
      byNamespace.set(namespace, byEntity);
    }
    const entity = entityOf(c.resource) ?? '';
    const counts = byEntity.get(entity);
    if (counts) {
      counts.high += c.high;
      counts.medium += c.medium;
      counts.low += c.low;
    } else {
      byEntity.set(entity, { high: c.high, medium: c.medium, low: c.low });
    }
  }
  const out: PassedCheckCount[] = [];
  for (const [namespace, byEntity] of byNamespace) {
    for (const [entityRef, counts] of byEntity) {
      for (const severity of SEVERITIES) {
        if (!counts[severity]) continue;
        out.push({
          ...(namespace ? { namespace } : {}),
          ...(entityRef ? { entityRef } : {}),
          severity,
          count: counts[severity],
        });
      }
    }
  }
  return out;
}
