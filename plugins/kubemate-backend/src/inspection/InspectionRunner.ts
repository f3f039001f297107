import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  KubeObject,
  KubemateCluster,
} from '@kubemate/plugin-kubemate-node';
import type { ClusterService } from '../clusters/ClusterService';
import { coverageFromInspection } from './coverage';
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
  RunTrigger,
  StoreCheckResult,
} from './InspectionStore';

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
  /** A running run older than this no longer blocks a new one (and is failed by housekeeping). */
  maxRunTimeMs?: number;
  /** Delay before the one retry of a failed fetch. */
  retryDelayMs?: number;
  pageSize?: number;
  /** Black-box probes: the built-in ones (per-cluster config) and those modules add. */
  probes?: ProbeRunner;
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
 * them in the store. At most one run per cluster at a time, across backend replicas (a running
 * run in the database younger than the max run time blocks another one).
 */
export class InspectionRunner {
  private readonly inflight = new Map<string, Promise<InspectionRun>>();
  private readonly abort = new AbortController();
  readonly maxRunTimeMs: number;
  private readonly retryDelayMs: number;

  constructor(private readonly options: InspectionRunnerOptions) {
    this.maxRunTimeMs = options.maxRunTimeMs ?? 30 * 60_000;
    this.retryDelayMs = options.retryDelayMs ?? 5_000;
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
    await this.assertIdle(request.cluster);
    const run = await store.startRun({
      cluster: request.cluster,
      profile: request.profile,
      trigger: request.trigger,
      source: 'engine',
      requestedBy: request.requestedBy,
    });
    // Two replicas may have passed the check at once: the earliest run wins.
    const earlier = (await this.runningRuns(request.cluster)).find(
      r =>
        r.id !== run.id &&
        (r.startedAt.getTime() < run.startedAt.getTime() ||
          (r.startedAt.getTime() === run.startedAt.getTime() && r.id < run.id)),
    );
    if (earlier) {
      await store.failRun(run.id, `superseded by run ${earlier.id}`);
      throw new ConflictError(
        `a run is already in progress for cluster '${request.cluster}' (${earlier.id})`,
      );
    }

    const done = this.execute(run, cluster, request.profile);
    this.inflight.set(run.id, done);
    done.finally(() => this.inflight.delete(run.id));
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

  private async runningRuns(cluster: string): Promise<InspectionRun[]> {
    const { items } = await this.options.store.listRuns({
      cluster,
      status: 'running',
      limit: 100,
    });
    const cutoff = Date.now() - this.maxRunTimeMs;
    return items.filter(
      r => r.source === 'engine' && r.startedAt.getTime() >= cutoff,
    );
  }

  private async assertIdle(cluster: string) {
    const [running] = await this.runningRuns(cluster);
    if (running) {
      throw new ConflictError(
        `a run is already in progress for cluster '${cluster}' (${running.id})`,
      );
    }
  }

  private async execute(
    run: InspectionRun,
    cluster: KubemateCluster,
    profileName: string,
  ): Promise<InspectionRun> {
    const { store, engine, logger } = this.options;
    const log = logger.child({ cluster: cluster.name, run: run.id });
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
            entities: Map<string, string>;
            skipped: string[];
          }
        | undefined;
      let lastError: unknown;
      for (let attempt = 1; attempt <= 2 && !gathered; attempt++) {
        try {
          const entities = await this.entityRefsById();
          const fetched = await fetchClusterObjects(clients.raw, kinds, {
            pageSize: this.options.pageSize,
            signal: this.abort.signal,
            onKind: (done, _total, kind) =>
              store.updateProgress(run.id, {
                total,
                done,
                message: `listed ${kind}`,
              }),
          });
          gathered = {
            objects: fetched.objects,
            entities,
            skipped: fetched.skipped,
          };
        } catch (e) {
          lastError = e;
          if (this.abort.signal.aborted) break;
          if (attempt === 1) {
            log.warn(
              `Inspection fetch failed (${describeKubeError(e)}); retrying in ${
                this.retryDelayMs
              } ms`,
            );
            await store.updateProgress(run.id, {
              message: `retrying after: ${describeKubeError(e)}`,
            });
            await sleep(this.retryDelayMs, this.abort.signal);
          }
        }
      }
      if (!gathered) {
        const reason = this.abort.signal.aborted
          ? 'the backend shut down during the run'
          : describeKubeError(lastError);
        log.warn(`Inspection run failed: ${reason}`);
        return await store.failRun(run.id, reason);
      }

      await store.updateProgress(run.id, {
        total,
        done: kinds.length + 1,
        message: `evaluating ${inspector.rules.length} rules on ${gathered.objects.length} objects`,
      });
      const result = inspector.inspect(gathered.objects, {
        cluster: cluster.name,
      });
      const probeRunner = this.options.probes;
      if (probeRunner) {
        await store.updateProgress(run.id, { message: 'running probes' });
      }
      const probes = probeRunner
        ? await probeRunner.run({
            cluster: { ...cluster, clients },
            profile: inspector.profile,
            signal: this.abort.signal,
          })
        : { results: [], ruleIds: [] };
      const owners = ownerIndex(gathered.objects);
      const results: StoreCheckResult[] = [
        ...result.results,
        ...probes.results,
      ];
      // In place: the results are this run's own objects, and copies of ~100k would double
      // the peak memory of a large run.
      for (const r of results) {
        const { kind, namespace, name } = r.resource;
        const id = owners.get(resourceKey(kind, namespace, name));
        const entityRef = id ? gathered.entities.get(id) : undefined;
        if (entityRef) r.entityRef = entityRef;
      }
      // The listed objects are not needed any more: free them before the store phase.
      gathered.objects.length = 0;
      owners.clear();
      result.results.length = 0;
      await store.updateProgress(run.id, {
        total,
        done: kinds.length + 2,
        message: `saving ${results.length} results`,
      });
      const coverage = coverageFromInspection(result, inspector.profile);
      const finished = await store.completeRun(run.id, results, {
        ...coverage,
        ruleIds: [...coverage.ruleIds, ...probes.ruleIds],
      });
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
      } catch {
        return store.getRun(run.id);
      }
    }
  }

  /** `backstage.io/kubernetes-id` annotation value → Component entity ref, read once per run. */
  private async entityRefsById(): Promise<Map<string, string>> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'Component' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const map = new Map<string, string>();
    for (const entity of items) {
      const id = entity.metadata.annotations?.[KUBERNETES_ID];
      if (id && !map.has(id)) map.set(id, stringifyEntityRef(entity));
    }
    return map;
  }
}

function resourceKey(
  kind: string,
  namespace: string | undefined,
  name: string,
) {
  return `${kind}/${namespace ?? ''}/${name}`;
}

type Dict = Record<string, any>;

/** Each labelled object (on itself or its pod template) → its kubernetes-id. */
function ownerIndex(objects: KubeObject[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const obj of objects) {
    const spec = obj.spec as Dict | undefined;
    const id =
      obj.metadata?.labels?.[KUBERNETES_ID] ??
      spec?.template?.metadata?.labels?.[KUBERNETES_ID] ??
      spec?.jobTemplate?.spec?.template?.metadata?.labels?.[KUBERNETES_ID];
    if (typeof id === 'string' && obj.kind && obj.metadata?.name) {
      map.set(
        resourceKey(obj.kind, obj.metadata.namespace, obj.metadata.name),
        id,
      );
    }
  }
  return map;
}
