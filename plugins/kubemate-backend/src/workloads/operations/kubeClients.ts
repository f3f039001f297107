import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { KubemateCluster } from '@kubemate/plugin-kubemate-node';

/** The typed API clients an operation needs, built once per cluster. */
export interface KubeClients {
  apps: AppsV1Api;
  batch: BatchV1Api;
  core: CoreV1Api;
  objects: KubernetesObjectApi;
}

export function createKubeClients(cluster: KubemateCluster): KubeClients {
  const kc = cluster.kubeConfig;
  return {
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
    core: kc.makeApiClient(CoreV1Api),
    objects: KubernetesObjectApi.makeApiClient(kc),
  };
}

/** Request options that send a patch body with the given patch type. */
export const patchAs = (strategy: PatchStrategy) =>
  setHeaderOptions('Content-Type', strategy);
export { PatchStrategy };

/** Field manager recorded in managedFields for every Kubemate write. */
export const FIELD_MANAGER = 'kubemate';
