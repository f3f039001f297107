import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  resourcesOfKind,
  type KubeObject,
  type ResourceType,
} from '@kubemate/plugin-kubemate-common';
import type { ClusterService } from '../clusters/ClusterService';
import { WorkloadChangeWatcher } from '../inspection/triggers/WorkloadChangeWatcher';
import type { LoadedProbe } from './definitions';
import type { ProbeStore } from './ProbeStore';

/** Gateway API kinds whose spec changes trigger probes (optional: a cluster may lack them). */
const ROUTING: ResourceType[] = ['Gateway', 'HTTPRoute']
  .map(kind => resourcesOfKind(kind)[0])
  .filter((r): r is ResourceType => !!r);

const CHANGE_WORDS = {
  add: 'created',
  update: 'changed',
  delete: 'deleted',
} as const;

/** Names of the objects probes create, whose changes must not trigger probes again. */
const isProbeObject = (name: string) => name.startsWith('kmp-');

/** The namespaces whose changes trigger a probe. */
export const watchedNamespaces = (p: LoadedProbe) =>
  p.definition.schedule.watchNamespaces ??
  (p.definition.namespace ? [p.definition.namespace] : []);

/**
 * Change-triggered runs: a Deployment rolling out (created or its spec changed), a Gateway or
 * HTTPRoute changed, or a release step moving traffic, in a namespace a probe watches, moves
 * that probe's next run to a few seconds from now. Reads the cluster's shared informers (no watch of its own); every replica
 * sees the change, the store's claim makes one run.
 */
export class ProbeChangeTriggers {
  private readonly stops: Array<() => void> = [];

  constructor(
    private readonly deps: {
      clusters: ClusterService;
      store: ProbeStore;
      logger: LoggerService;
      /** Changes within this period make one run (default 5 s). */
      quietMs?: number;
    },
  ) {}

  /** The change-triggered probes of each cluster. */
  private byCluster = new Map<string, LoadedProbe[]>();

  async start(probes: LoadedProbe[]): Promise<void> {
    const byCluster = new Map<string, LoadedProbe[]>();
    this.byCluster = byCluster;
    for (const p of probes) {
      if (!p.definition.schedule.onChange || !watchedNamespaces(p).length) {
        continue;
      }
      const list = byCluster.get(p.definition.cluster) ?? [];
      list.push(p);
      byCluster.set(p.definition.cluster, list);
    }
    await Promise.all(
      [...byCluster].map(([cluster, list]) =>
        this.watchCluster(cluster, list).catch(e =>
          this.deps.logger.warn(
            `Probe change triggers for cluster ${cluster} not started: ${
              (e as Error).message
            }`,
          ),
        ),
      ),
    );
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /**
   * A change Kubemate made itself (a release moving traffic): the change-triggered probes of
   * the cluster watching the namespace run soon, as for a change seen in the cluster.
   */
  changed(cluster: string, namespace: string, reason: string): void {
    const list = this.byCluster.get(cluster);
    // One deliberate change, already made: no quiet period to wait for (and the run is not
    // pushed later by the route change the step itself caused).
    if (list) this.trigger(list, namespace, reason, 0);
  }

  private trigger(
    list: LoadedProbe[],
    namespace: string,
    reason: string,
    quietMs = this.deps.quietMs ?? 5000,
  ) {
    const at = new Date(Date.now() + quietMs);
    for (const p of list) {
      if (!watchedNamespaces(p).includes(namespace)) continue;
      this.deps.store
        .requestRun(p.definition.id, at, reason)
        .catch(e =>
          this.deps.logger.warn(
            `Probe ${p.definition.id}: change trigger not recorded: ${
              (e as Error).message
            }`,
          ),
        );
    }
  }

  private async watchCluster(cluster: string, list: LoadedProbe[]) {
    const cache = this.deps.clusters.watchCache(cluster);
    const namespaces = [...new Set(list.flatMap(watchedNamespaces))];
    const workloads = new WorkloadChangeWatcher({
      cache,
      kinds: ['Deployment'],
      namespaces,
      logger: this.deps.logger,
      onChange: change => {
        if (change.type === 'deleted' || isProbeObject(change.name)) return;
        this.trigger(
          list,
          change.namespace!,
          `Deployment ${change.namespace}/${change.name} ${change.type}`,
        );
      },
    });
    this.stops.push(() => workloads.stop());
    await workloads.start();

    // Gateways and HTTPRoutes: a spec change (generation), a creation or a deletion.
    const generations = new Map<string, number | undefined>();
    const generation = (o: KubeObject) =>
      o.metadata.generation as number | undefined;
    const key = (o: KubeObject) =>
      o.metadata.uid ?? `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
    let seeded = false;
    this.stops.push(
      cache.subscribeTo(ROUTING, change => {
        const o = change.object;
        if (!seeded || !o || change.type === 'resync') return;
        const ns = o.metadata.namespace ?? '';
        if (!namespaces.includes(ns)) return;
        const before = generations.get(key(o));
        const known = generations.has(key(o));
        if (change.type === 'delete') generations.delete(key(o));
        else generations.set(key(o), generation(o));
        if (change.type === 'update' && known && before === generation(o)) {
          return;
        }
        const what = CHANGE_WORDS[change.type];
        this.trigger(
          list,
          ns,
          `${change.resource.kind} ${ns}/${o.metadata.name} ${what}`,
        );
      }),
    );
    await cache.ensure(ROUTING);
    for (const resource of ROUTING) {
      for (const o of cache.list(resource)) {
        generations.set(key(o), generation(o));
      }
    }
    seeded = true;
  }
}
