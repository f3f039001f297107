import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterSource } from '@kubemate/plugin-kubemate-common';

/**
 * A cluster Kubemate can talk to, with a ready `@kubernetes/client-node` configuration.
 * Credentials stay here, in the backend; only {@link ClusterSummary}-style views leave it.
 */
export interface KubemateCluster {
  name: string;
  title?: string;
  source: ClusterSource;
  url: string;
  skipTLSVerify: boolean;
  /** Client configuration whose current context points at this cluster. */
  kubeConfig: KubeConfig;
  /** Set when the definition is unusable (e.g. an auth provider Kubemate cannot use). */
  configError?: string;
}
