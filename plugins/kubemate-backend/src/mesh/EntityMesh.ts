import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  ClusterWorkloads,
  EntityMeshResponse,
} from '@kubemate/plugin-kubemate-common';
import type { ClusterService } from '../clusters/ClusterService';
import type { MetricsProviders } from '../metrics/MetricsProviders';
import type { TrafficRouters } from '../traffic/TrafficRouters';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';

type ClusterMesh = EntityMeshResponse['items'][number];

const DEFAULT_WINDOW_SECONDS = 300;

/**
 * An entity's mesh view: for each cluster it maps to, the route of each of its Services as the
 * cluster's traffic router reads it, and each of its Deployments' golden metrics from the
 * metrics provider. The objects come from the entity's workloads (the shared watch caches);
 * routes and metrics are read live, each failure kept to its own row.
 */
export class EntityMesh {
  constructor(
    private readonly deps: {
      clusters: ClusterService;
      workloads: EntityWorkloadsService;
      traffic: TrafficRouters;
      metrics: MetricsProviders;
    },
  ) {}

  async read(
    entityRef: string,
    credentials: BackstageCredentials,
    windowSeconds = DEFAULT_WINDOW_SECONDS,
  ): Promise<EntityMeshResponse> {
    const workloads = await this.deps.workloads.getWorkloads(
      entityRef,
      credentials,
      { showSecretValues: false },
    );
    return {
      items: await Promise.all(
        workloads.clusters
          .filter(c => c.status === 'ok')
          .map(c => this.readCluster(c, windowSeconds)),
      ),
    };
  }

  private async readCluster(
    read: ClusterWorkloads,
    windowSeconds: number,
  ): Promise<ClusterMesh> {
    const cluster = this.deps.clusters.get(read.cluster);
    const router = this.deps.traffic.forCluster(cluster.name);
    const provider = this.deps.metrics.forCluster(cluster.name);
    const routes = await Promise.all(
      read.resources.services.map(async service => {
        const namespace = String(service.metadata.namespace);
        const name = service.metadata.name;
        try {
          const route = await router.getRoute(cluster, {
            namespace,
            service: name,
          });
          return { namespace, service: name, route };
        } catch (e) {
          return {
            namespace,
            service: name,
            problem:
              e instanceof NotFoundError
                ? `No ${router.kind} routes this Service`
                : (e as Error).message,
          };
        }
      }),
    );
    const workloads = await Promise.all(
      read.resources.deployments.map(async deployment => {
        const namespace = String(deployment.metadata.namespace);
        const name = deployment.metadata.name;
        return {
          namespace,
          name,
          metrics: await provider.goldenMetrics({
            cluster: cluster.name,
            namespace,
            workload: name,
            windowSeconds,
          }),
        };
      }),
    );
    return { cluster: cluster.name, routeKind: router.kind, routes, workloads };
  }
}
