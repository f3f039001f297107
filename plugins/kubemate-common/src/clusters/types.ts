import type { ResourceStatus } from '../resources/status';

/** Where a cluster definition came from. */
export type ClusterSource = 'config' | 'kubeconfig';

/** Kubernetes version as reported by the API server's `/version` endpoint. */
export interface ClusterVersion {
  major: string;
  minor: string;
  gitVersion: string;
  platform?: string;
}

/** One cluster as listed by `GET /api/kubemate/clusters`. Never carries credentials. */
export interface ClusterSummary {
  name: string;
  title?: string;
  source: ClusterSource;
  url: string;
  /** Result of the probe made for this request. */
  reachable: boolean;
  version?: ClusterVersion;
  /** Why the probe failed, when it did. */
  error?: string;
  /** Round trip of the probe, in milliseconds. */
  latencyMs?: number;
  /** ISO time of this probe. */
  checkedAt: string;
  /** ISO time the cluster last answered, from the database (survives restarts). */
  lastSeenAt?: string;
  /**
   * Resource types watched in the cluster and the optional kinds (Gateway API, Traefik,
   * Linkerd, SMI) with whether it has them; only for a reachable cluster.
   */
  resources?: ResourceStatus[];
}

export interface ClusterListResponse {
  items: ClusterSummary[];
}
