import type { ClusterVersion } from '@kubemate/plugin-kubemate-common';

/** Outcome of one reachability probe of a cluster. */
export interface ClusterProbeResult {
  clusterName: string;
  reachable: boolean;
  version?: ClusterVersion;
  error?: string;
  latencyMs?: number;
  checkedAt: Date;
}

export interface StoredClusterStatus extends ClusterProbeResult {
  lastSeenAt?: Date;
}

/** Persists the latest probe of each cluster. */
export interface ClusterStatusStore {
  /** Records probes; a reachable probe also moves `lastSeenAt` forward. */
  record(results: ClusterProbeResult[]): Promise<void>;
  list(): Promise<StoredClusterStatus[]>;
}
