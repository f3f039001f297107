import type { VersionApi } from '@kubernetes/client-node';
import type { KubemateCluster } from '@kubemate/plugin-kubemate-node';
import type { ClusterProbeResult } from '../database/ClusterStatusStore';

/** Asks each cluster's `/version`, bounded by a timeout, and never throws. */
export class ClusterProber {
  constructor(
    private readonly options: {
      timeoutMs: number;
      /** The cluster's shared client (see ClusterService.clients). */
      versionApi: (cluster: KubemateCluster) => VersionApi;
    },
  ) {}

  probeAll(clusters: KubemateCluster[]): Promise<ClusterProbeResult[]> {
    return Promise.all(clusters.map(c => this.probe(c)));
  }

  async probe(cluster: KubemateCluster): Promise<ClusterProbeResult> {
    const checkedAt = new Date();
    if (cluster.configError) {
      return {
        clusterName: cluster.name,
        reachable: false,
        error: cluster.configError,
        checkedAt,
      };
    }
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const api = this.options.versionApi(cluster);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `no answer from ${cluster.url} within ${this.options.timeoutMs} ms`,
              ),
            ),
          this.options.timeoutMs,
        );
      });
      const info = await Promise.race([api.getCode(), timeout]);
      return {
        clusterName: cluster.name,
        reachable: true,
        version: {
          major: info.major,
          minor: info.minor,
          gitVersion: info.gitVersion,
          platform: info.platform,
        },
        latencyMs: Math.round(performance.now() - started),
        checkedAt,
      };
    } catch (error) {
      return {
        clusterName: cluster.name,
        reachable: false,
        error: describeProbeError(error),
        latencyMs: Math.round(performance.now() - started),
        checkedAt,
      };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Turns fetch / client-node failures into one readable line (the root cause, not a stack). */
function describeProbeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? `: ${cause.message}` : '';
    const code = (error as Error & { code?: number }).code;
    if (typeof code === 'number') {
      return `HTTP ${code} from /version${causeText}`;
    }
    return `${error.message}${causeText}`;
  }
  return String(error);
}
