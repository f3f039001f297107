import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  ClusterSummary,
  EntityWorkloadsResponse,
} from '@kubemate/plugin-kubemate-common';
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
  workloads: EntityWorkloadsResponse[] = [],
): KubemateApi & { calls: number } {
  const api = {
    calls: 0,
    async listClusters() {
      api.calls += 1;
      return { items: clusters };
    },
    async getEntityWorkloads(
      ref: Parameters<KubemateApi['getEntityWorkloads']>[0],
    ) {
      api.calls += 1;
      const entityRef = stringifyEntityRef(ref);
      const found = workloads.find(w => w.entityRef === entityRef);
      if (!found) throw new Error(`No entity '${entityRef}' in the catalog`);
      return found;
    },
  };
  return api;
}
