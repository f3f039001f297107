import type { Config } from '@backstage/config';
import { buildKubeConfig } from './buildKubeConfig';
import type { KubemateCluster } from './types';

/** Auth providers whose credentials live in app-config and need no user token. */
const SUPPORTED_AUTH_PROVIDERS = ['serviceAccount'];

/**
 * Reads the clusters of every `type: config` entry of `kubernetes.clusterLocatorMethods`, the
 * block Backstage's own Kubernetes plugin reads, so a portal configures its clusters once.
 * Other locator types (catalog, gke, localKubectlProxy) belong to that plugin and are skipped.
 */
export function readConfigClusters(config: Config): KubemateCluster[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: KubemateCluster[] = [];
  for (const method of methods) {
    if (method.getString('type') !== 'config') continue;
    for (const c of method.getOptionalConfigArray('clusters') ?? []) {
      const name = c.getString('name');
      const url = c.getString('url');
      // `authMetadata` keys contain dots, so it is read as a whole object, as Backstage does.
      const authMetadata =
        c.getOptional<Record<string, string>>('authMetadata');
      const authProvider =
        authMetadata?.['kubernetes.io/auth-provider'] ??
        c.getOptionalString('authProvider');
      const skipTLSVerify = c.getOptionalBoolean('skipTLSVerify') ?? false;
      const configError =
        authProvider && SUPPORTED_AUTH_PROVIDERS.includes(authProvider)
          ? undefined
          : `auth provider '${
              authProvider ?? '(none)'
            }' is not supported by Kubemate; use one of: ${SUPPORTED_AUTH_PROVIDERS.join(
              ', ',
            )}`;
      clusters.push({
        name,
        title: c.getOptionalString('title'),
        source: 'config',
        url,
        skipTLSVerify,
        configError,
        kubeConfig: buildKubeConfig({
          name,
          url,
          token: c.getOptionalString('serviceAccountToken'),
          caData: c.getOptionalString('caData'),
          caFile: c.getOptionalString('caFile'),
          skipTLSVerify,
        }),
      });
    }
  }
  return clusters;
}
