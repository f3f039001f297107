import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  AuditFilters,
  AuditPage,
  ClusterListResponse,
  EntityRoutesResponse,
  NamespaceListResponse,
  OffboardRequest,
  OnboardRequest,
  OnboardResponse,
  EntityWorkloadsResponse,
  LogRequest,
  RolloutHistoryResponse,
  RolloutRevision,
  WorkloadActionName,
  WorkloadActionResponse,
  WorkloadTarget,
  YamlApplyResponse,
  YamlPreviewResponse,
  YamlViewResponse,
} from '@kubemate/plugin-kubemate-common';
import type { KubemateApi } from './KubemateApi';

const entityPath = (e: CompoundEntityRef) =>
  `/entities/${[e.kind, e.namespace, e.name]
    .map(encodeURIComponent)
    .join('/')}`;

function query(
  values: Record<string, string | number | boolean | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

/** Calls `/api/kubemate` through Backstage's fetch API, so the user's token goes along. */
export class KubemateClient implements KubemateApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  listClusters(): Promise<ClusterListResponse> {
    return this.get<ClusterListResponse>('/clusters');
  }

  getEntityWorkloads(
    entity: CompoundEntityRef,
  ): Promise<EntityWorkloadsResponse> {
    return this.get<EntityWorkloadsResponse>(`${entityPath(entity)}/workloads`);
  }

  listNamespaces(): Promise<NamespaceListResponse> {
    return this.get<NamespaceListResponse>('/namespaces');
  }

  onboardNamespace(
    cluster: string,
    namespace: string,
    request: OnboardRequest,
  ): Promise<OnboardResponse> {
    return this.post(
      `/namespaces/${encodeURIComponent(cluster)}/${encodeURIComponent(
        namespace,
      )}/onboard`,
      request,
    );
  }

  offboardNamespace(
    cluster: string,
    namespace: string,
    request: OffboardRequest,
  ): Promise<OnboardResponse> {
    return this.post(
      `/namespaces/${encodeURIComponent(cluster)}/${encodeURIComponent(
        namespace,
      )}/offboard`,
      request,
    );
  }

  getEntityRoutes(entity: CompoundEntityRef): Promise<EntityRoutesResponse> {
    return this.get<EntityRoutesResponse>(`${entityPath(entity)}/routes`);
  }

  performAction(
    entity: CompoundEntityRef,
    action: WorkloadActionName,
    target: WorkloadTarget,
    params: Record<string, unknown> = {},
    view: { resourceVersion?: string } = {},
  ): Promise<WorkloadActionResponse> {
    return this.post(`${entityPath(entity)}/actions/${action}`, {
      ...target,
      ...params,
      ...(view.resourceVersion
        ? { resourceVersion: view.resourceVersion }
        : {}),
    });
  }

  async getRolloutHistory(
    entity: CompoundEntityRef,
    target: WorkloadTarget,
  ): Promise<RolloutRevision[]> {
    const body = await this.get<RolloutHistoryResponse>(
      `${entityPath(entity)}/history?${query({ ...target })}`,
    );
    return body.items;
  }

  getYaml(
    entity: CompoundEntityRef,
    target: WorkloadTarget,
  ): Promise<YamlViewResponse> {
    return this.get(`${entityPath(entity)}/yaml?${query({ ...target })}`);
  }

  previewYaml(
    entity: CompoundEntityRef,
    target: WorkloadTarget,
    yaml: string,
  ): Promise<YamlPreviewResponse> {
    return this.post(`${entityPath(entity)}/yaml/preview`, { ...target, yaml });
  }

  applyYaml(
    entity: CompoundEntityRef,
    target: WorkloadTarget,
    yaml: string,
  ): Promise<YamlApplyResponse> {
    return this.post(`${entityPath(entity)}/yaml/apply`, { ...target, yaml });
  }

  listEntityAudit(
    entity: CompoundEntityRef,
    q: AuditFilters & { limit: number; offset: number },
  ): Promise<AuditPage> {
    return this.get(`${entityPath(entity)}/audit?${query({ ...q })}`);
  }

  async streamLogs(
    entity: CompoundEntityRef,
    target: Omit<WorkloadTarget, 'kind'>,
    options: LogRequest,
    onChunk: (text: string) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('kubemate');
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}${entityPath(entity)}/logs?${query({
        ...target,
        ...options,
      })}`,
      { signal },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (!response.body) {
      onChunk(await response.text());
      return;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        onChunk(decoder.decode(value, { stream: true }));
      }
    } catch (error) {
      // Aborting (closing the viewer, turning follow off) ends the read; that is not an error.
      if (!signal.aborted) throw error;
    }
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('kubemate');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('kubemate');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
