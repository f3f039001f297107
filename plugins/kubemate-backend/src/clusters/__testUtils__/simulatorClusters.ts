import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Simulator } from '@kubemate/kube-simulator';
import {
  readClusters,
  type KubemateCluster,
} from '@kubemate/plugin-kubemate-node';
import { simulatorKubernetesConfig } from '../../__testUtils__/simulatorBackend';
import { ClusterService } from '../ClusterService';
import type { ClusterWatchCacheOptions } from '../ClusterWatchCache';

/** Test-only: the simulator as a configured cluster named `sim`. */
export const simulatorCluster = (sim: Simulator): KubemateCluster =>
  readClusters(
    new ConfigReader({ kubernetes: simulatorKubernetesConfig(sim) }),
  )[0];

/** Test-only: the cluster layer over the simulator, with fast informer restarts. */
export const simulatorClusterService = (
  sim: Simulator,
  watch: Partial<ClusterWatchCacheOptions> = {},
) =>
  new ClusterService({
    clusters: [simulatorCluster(sim)],
    logger: mockServices.logger.mock(),
    watch: { resyncIntervalMs: 0, maxBackoffMs: 200, ...watch },
  });

/** Test-only: polls `check` every 50 ms until it holds; fails naming `what` after `ms`. */
export async function waitFor(
  check: () => boolean,
  what: string,
  ms = 20_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}
