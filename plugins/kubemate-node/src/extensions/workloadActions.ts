import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type {
  KubeObject,
  WorkloadPlural,
} from '@kubemate/plugin-kubemate-common';
import type {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import type { z } from 'zod';

/** The typed API clients of the target's cluster, built once per cluster. @public */
export interface WorkloadActionClients {
  apps: AppsV1Api;
  batch: BatchV1Api;
  core: CoreV1Api;
  objects: KubernetesObjectApi;
}

/** @public */
export interface WorkloadActionContext {
  clients: WorkloadActionClients;
  /** The object acted on, as the watch cache last saw it. */
  target: KubeObject;
  /** Everything of the entity in that cluster (e.g. ReplicaSets for revisions). */
  resources: Record<WorkloadPlural, KubeObject[]>;
}

/**
 * A mutation on one workload object, served at
 * `POST /api/kubemate/entities/:kind/:namespace/:name/actions/<name>`: the parameters are
 * validated, the permission is checked on the entity, the object must belong to the entity,
 * and the change is audited with the object before and after.
 *
 * @public
 */
export interface WorkloadAction<P = unknown> {
  /** Name in the API: lower case letters, digits and `-`. */
  name: string;
  permission: ResourcePermission<'catalog-entity'>;
  /** Kinds it applies to (Deployment, StatefulSet, Pod, …). */
  kinds: string[];
  params: z.ZodType<P>;
  /** Returns the object after the change (undefined when it is gone). */
  run(context: WorkloadActionContext, params: P): Promise<unknown>;
}

/** @public */
export interface KubemateWorkloadActionsExtensionPoint {
  addWorkloadAction(...actions: WorkloadAction<any>[]): void;
}

/**
 * Adds workload actions beside the built-in ones (scale, restart, rollback, pause, resume,
 * delete-pod, trigger). A name that is already taken is refused.
 *
 * @public
 */
export const kubemateWorkloadActionsExtensionPoint =
  createExtensionPoint<KubemateWorkloadActionsExtensionPoint>({
    id: 'kubemate.workload-actions',
  });
