import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterSummary } from '@kubemate/plugin-kubemate-common';
import type { KubemateCluster } from '@kubemate/plugin-kubemate-node';
import type { ClusterStatusStore } from '../database/ClusterStatusStore';
import type { ClusterProber } from './ClusterProber';

/** The configured clusters, their live reachability, and the remembered last-seen times. */
export class ClusterService {
  constructor(
    private readonly deps: {
      clusters: KubemateCluster[];
      prober: ClusterProber;
      store: ClusterStatusStore;
      logger: LoggerService;
    },
  ) {}

  get clusters(): KubemateCluster[] {
    return this.deps.clusters;
  }

  /** Probes every cluster now, records the results and returns the summaries. */
  async listWithStatus(): Promise<ClusterSummary[]> {
    const { clusters, prober, store } = this.deps;
    const probes = await prober.probeAll(clusters);
    await store.record(probes);
    const stored = new Map((await store.list()).map(s => [s.clusterName, s]));
    return clusters.map((cluster, i) => {
      const probe = probes[i];
      return {
        name: cluster.name,
        ...(cluster.title ? { title: cluster.title } : {}),
        source: cluster.source,
        url: cluster.url,
        reachable: probe.reachable,
        ...(probe.version ? { version: probe.version } : {}),
        ...(probe.error ? { error: probe.error } : {}),
        ...(probe.latencyMs !== undefined
          ? { latencyMs: probe.latencyMs }
          : {}),
        checkedAt: probe.checkedAt.toISOString(),
        ...(stored.get(cluster.name)?.lastSeenAt
          ? { lastSeenAt: stored.get(cluster.name)!.lastSeenAt!.toISOString() }
          : {}),
      };
    });
  }

  /** Background refresh used by the scheduler; logs what changed, never throws per cluster. */
  async refresh(): Promise<void> {
    const probes = await this.deps.prober.probeAll(this.deps.clusters);
    await this.deps.store.record(probes);
    for (const p of probes) {
      if (!p.reachable) {
        this.deps.logger.warn(
          `Cluster '${p.clusterName}' is unreachable: ${p.error}`,
        );
      }
    }
  }
}
