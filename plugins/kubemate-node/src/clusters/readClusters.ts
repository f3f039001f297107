import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readConfigClusters } from './readConfigClusters';
import { readKubeconfigClusters } from './readKubeconfigClusters';
import type { KubemateCluster } from './types';

/** Every cluster from app-config and kubeconfig files; names must be unique across both. */
export function readClusters(
  config: Config,
  baseDir?: string,
): KubemateCluster[] {
  const clusters = [
    ...readConfigClusters(config),
    ...readKubeconfigClusters(config, baseDir),
  ];
  const seen = new Set<string>();
  for (const { name } of clusters) {
    if (seen.has(name)) {
      throw new InputError(
        `Duplicate Kubernetes cluster name '${name}' in configuration`,
      );
    }
    seen.add(name);
  }
  return clusters;
}
