import type { PermissionsService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  kubemateWorkloadReadPermission,
  parseQuantity,
  type PodMetricsQuery,
  type PodMetricsResponse,
} from '@kubemate/plugin-kubemate-common';
import { requirePermission } from '../../auth/requirePermission';
import type { ClusterService } from '../../clusters/ClusterService';
import type { EntityWorkloadsService } from '../EntityWorkloadsService';
import { toBackstageError } from './kubeErrors';
import type { Caller } from './WorkloadOperations';

const GROUP = 'metrics.k8s.io';
const VERSION = 'v1beta1';

interface PodMetricsObject {
  timestamp?: string;
  window?: string;
  containers?: Array<{ name?: string; usage?: Record<string, unknown> }>;
}

const codeOf = (e: unknown) => (e as { code?: unknown })?.code;

/**
 * A pod's usage as metrics.k8s.io (metrics-server) reports it: read for pods of the entity only,
 * live from the API server (metrics are not watched).
 */
export class PodMetrics {
  constructor(
    private readonly deps: {
      clusters: ClusterService;
      workloads: EntityWorkloadsService;
      permissions: PermissionsService;
    },
  ) {}

  async read(
    caller: Caller,
    ref: PodMetricsQuery,
  ): Promise<PodMetricsResponse> {
    await requirePermission(this.deps.permissions, caller.credentials, {
      permission: kubemateWorkloadReadPermission,
      resourceRef: caller.entityRef,
    });
    const { pods } = await this.deps.workloads.objectsInCluster(
      caller.entityRef,
      caller.credentials,
      ref.cluster,
    );
    if (
      !pods.some(
        p =>
          p.metadata.name === ref.name &&
          p.metadata.namespace === ref.namespace,
      )
    ) {
      throw new NotFoundError(
        `Pod ${ref.namespace}/${ref.name} is not a pod of ${caller.entityRef} in cluster ${ref.cluster}`,
      );
    }
    const { custom } = this.deps.clusters.clients(ref.cluster);
    const what = `metrics of pod ${ref.namespace}/${ref.name} in cluster ${ref.cluster}`;
    let sample: PodMetricsObject;
    try {
      sample = (await custom.getNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace: ref.namespace,
        plural: 'pods',
        name: ref.name,
      })) as PodMetricsObject;
    } catch (error) {
      if (codeOf(error) !== 404 && codeOf(error) !== 503) {
        throw toBackstageError(error, what);
      }
      return { ...(await this.whyMissing(ref.cluster)), containers: [] };
    }
    return {
      status: 'ok',
      timestamp: sample.timestamp,
      window: sample.window,
      containers: (sample.containers ?? []).map(c => ({
        name: c.name ?? '',
        cpuCores: parseQuantity(c.usage?.cpu),
        memoryBytes: parseQuantity(c.usage?.memory),
      })),
    };
  }

  /** A 404 means either no metrics API at all, or no sample of this pod yet. */
  private async whyMissing(
    cluster: string,
  ): Promise<Pick<PodMetricsResponse, 'status' | 'message'>> {
    try {
      await this.deps.clusters
        .clients(cluster)
        .custom.getAPIResources({ group: GROUP, version: VERSION });
      return {
        status: 'no-sample',
        message:
          'metrics.k8s.io has no sample of this pod yet (new pods appear after the first scrape).',
      };
    } catch {
      return {
        status: 'not-served',
        message: `Cluster ${cluster} does not serve ${GROUP}/${VERSION} (install metrics-server for usage).`,
      };
    }
  }
}
