import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ClusterQuotasResponse,
  CrdListResponse,
  CustomResourceEdit,
  CustomResourceEditResult,
  CustomResourceListResponse,
  CustomResourceQuery,
  CustomResourceYaml,
  NodeDetailResponse,
} from '@kubemate/plugin-kubemate-common';
import { useMemo } from 'react';

/** The admin console's node detail and custom resource calls (`/api/kubemate`). */
export interface AdminClient {
  nodeDetail(cluster: string, node: string): Promise<NodeDetailResponse>;
  quotas(cluster: string): Promise<ClusterQuotasResponse>;
  crds(cluster: string): Promise<CrdListResponse>;
  customResources(
    cluster: string,
    crd: string,
    namespace?: string,
  ): Promise<CustomResourceListResponse>;
  customResourceYaml(
    cluster: string,
    crd: string,
    query: CustomResourceQuery,
  ): Promise<CustomResourceYaml>;
  editCustomResource(
    cluster: string,
    crd: string,
    edit: CustomResourceEdit,
    dryRun: boolean,
  ): Promise<CustomResourceEditResult>;
}

const e = encodeURIComponent;
const query = (q: Record<string, string | undefined>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
};

/** The admin client over Backstage's discovery and fetch APIs (the user's token goes along). */
export function useAdminClient(): AdminClient {
  const discovery = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(() => {
    const call = async <T>(path: string, body?: unknown): Promise<T> => {
      const base = await discovery.getBaseUrl('kubemate');
      const response = await fetchApi.fetch(
        `${base}${path}`,
        body === undefined
          ? {}
          : {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(body),
            },
      );
      if (!response.ok) throw await ResponseError.fromResponse(response);
      return (await response.json()) as T;
    };
    return {
      nodeDetail: (cluster, node) =>
        call(`/clusters/${e(cluster)}/nodes/${e(node)}`),
      quotas: cluster => call(`/clusters/${e(cluster)}/quotas`),
      crds: cluster => call(`/clusters/${e(cluster)}/crds`),
      customResources: (cluster, crd, namespace) =>
        call(
          `/clusters/${e(cluster)}/crds/${e(crd)}/resources${query({
            namespace,
          })}`,
        ),
      customResourceYaml: (cluster, crd, q) =>
        call(
          `/clusters/${e(cluster)}/crds/${e(crd)}/resource${query({
            name: q.name,
            namespace: q.namespace,
          })}`,
        ),
      editCustomResource: (cluster, crd, edit, dryRun) =>
        call(
          `/clusters/${e(cluster)}/crds/${e(crd)}/resource/${
            dryRun ? 'preview' : 'apply'
          }`,
          edit,
        ),
    };
  }, [discovery, fetchApi]);
}
