import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { KubeConfig } from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import type { KubemateCluster } from './types';

/**
 * Reads clusters from the kubeconfig files named in `kubemate.kubeconfig`: one cluster per
 * context (or only the contexts listed), named after the context.
 */
export function readKubeconfigClusters(
  config: Config,
  baseDir = process.cwd(),
): KubemateCluster[] {
  const entries = config.getOptionalConfigArray('kubemate.kubeconfig') ?? [];
  const clusters: KubemateCluster[] = [];
  for (const entry of entries) {
    const file = path.resolve(baseDir, entry.getString('path'));
    if (!fs.existsSync(file)) {
      throw new InputError(
        `kubemate.kubeconfig: file '${file}' does not exist`,
      );
    }
    const source = new KubeConfig();
    source.loadFromFile(file);
    const wanted = entry.getOptionalStringArray('contexts');
    for (const context of source.getContexts()) {
      if (wanted && !wanted.includes(context.name)) continue;
      const cluster = source.getCluster(context.cluster);
      if (!cluster) {
        throw new InputError(
          `kubemate.kubeconfig: context '${context.name}' in '${file}' names unknown cluster '${context.cluster}'`,
        );
      }
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromString(source.exportConfig());
      kubeConfig.setCurrentContext(context.name);
      clusters.push({
        name: context.name,
        source: 'kubeconfig',
        url: cluster.server,
        skipTLSVerify: cluster.skipTLSVerify ?? false,
        kubeConfig,
      });
    }
  }
  return clusters;
}
