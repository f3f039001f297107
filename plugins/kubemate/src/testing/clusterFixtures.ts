import type { ClusterSummary } from '@kubemate/plugin-kubemate-common';
import type { KubemateApi } from '../api';

/** Test data builders; only test files import this folder. */
export function newTestCluster(
  overrides: Partial<ClusterSummary> = {},
): ClusterSummary {
  return {
    name: 'sim',
    source: 'config',
    url: 'http://127.0.0.1:6443',
    reachable: true,
    version: { major: '1', minor: '32', gitVersion: 'v1.32.4' },
    latencyMs: 3,
    checkedAt: new Date().toISOString(),
    lastSeenAt: new Date().toISOString(),
    ...overrides,
  };
}

/** A KubemateApi answering from memory, standing in for the backend in component tests. */
export function inMemoryKubemateApi(
  clusters: ClusterSummary[],
): KubemateApi & { calls: number } {
  const api = {
    calls: 0,
    async listClusters() {
      api.calls += 1;
      return { items: clusters };
    },
  };
  return api;
}
