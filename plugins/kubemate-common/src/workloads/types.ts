import type { EntityMapping } from '../mapping';
import type { WorkloadPlural } from './resources';

/** The parts of a Kubernetes object every view relies on; the rest is passed through. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{
      kind: string;
      name: string;
      uid: string;
      controller?: boolean;
    }>;
    creationTimestamp?: string;
    resourceVersion?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** An entity's objects in one cluster, or why they could not be read. */
export interface ClusterWorkloads {
  cluster: string;
  title?: string;
  /** `ok`: served from a synced watch cache; `error`: the cluster could not be read. */
  status: 'ok' | 'error';
  error?: string;
  /**
   * Why parts of the mapping were not resolved in this cluster: a namespace the entity's owner
   * does not own, a namespace without an owner. Nothing of those namespaces is served.
   */
  problems?: string[];
  resources: Record<WorkloadPlural, KubeObject[]>;
}

/** `GET /api/kubemate/entities/:kind/:namespace/:name/workloads` */
export interface EntityWorkloadsResponse {
  entityRef: string;
  /** Mappings of the entity (one per component for a System). */
  mappings: EntityMapping[];
  /**
   * Secret values are replaced by empty strings (always: a value is revealed one key at a time
   * with `kubemate.workload.secret.read`); each Secret carries `dataSizes`, the bytes of each
   * key's value.
   */
  secretValuesHidden: boolean;
  clusters: ClusterWorkloads[];
}
