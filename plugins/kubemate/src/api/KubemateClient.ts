import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  AdminArchiveQuery,
  AdminYamlReport,
  AdminYamlRequest,
  ClusterEventsQuery,
  ClusterEventsResponse,
  NodeListResponse,
  AuditFilters,
  AuditPage,
  ClusterListResponse,
  CreateReleaseRequest,
  EntityRoutesResponse,
  Release,
  ReleaseAction,
  ReleaseListResponse,
  ReleaseMetricsResponse,
  ReleaseState,
  HttpRouteIssue,
  RouteDeleteResponse,
  RouteEditRequest,
  RouteMigrateApplyResponse,
  RouteMigratePreviewResponse,
  RouteMigrateRequest,
  RoutePreviewRequest,
  RoutePreviewResponse,
  RouteSaveResponse,
  RouteTestBody,
  RouteTestResponse,
  NamespaceListResponse,
  OffboardRequest,
  OnboardRequest,
  OnboardResponse,
  EntityWorkloadsResponse,
  LogRequest,
  ObservabilityLinksQuery,
  ObservabilityLinksResponse,
  PodMetricsResponse,
  RolloutHistoryResponse,
  RolloutRevision,
  WorkloadActionName,
  WorkloadActionResponse,
  WorkloadActionView,
  WorkloadTarget,
  YamlApplyResponse,
  YamlPreviewResponse,
  YamlViewResponse,
} from '@kubemate/plugin-kubemate-common';
import { ADMIN_ARCHIVE_CONTENT_TYPES } from '@kubemate/plugin-kubemate-common';
import type { AdminArchiveFormat, KubemateApi } from './KubemateApi';

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

/** Audit filters as query values (times are ISO strings already). */
const auditQuery = (
  q: AuditFilters & { entityRef?: string },
): Record<string, string | number | undefined> => ({ ...q });

/** The field issues of a rejected route (a 400 of the route endpoints); empty for other errors. */
export function routeIssuesOf(error: unknown): HttpRouteIssue[] {
  const body = (error as ResponseError | undefined)?.body as
    | { issues?: unknown }
    | undefined;
  return Array.isArray(body?.issues) ? (body.issues as HttpRouteIssue[]) : [];
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

  previewRoute(
    entity: CompoundEntityRef,
    request: RoutePreviewRequest,
  ): Promise<RoutePreviewResponse> {
    return this.post(`${entityPath(entity)}/routes/preview`, request);
  }

  createRoute(
    entity: CompoundEntityRef,
    request: RouteEditRequest,
  ): Promise<RouteSaveResponse> {
    return this.post(`${entityPath(entity)}/routes`, request);
  }

  updateRoute(
    entity: CompoundEntityRef,
    request: RouteEditRequest,
  ): Promise<RouteSaveResponse> {
    const { metadata } = request.route;
    return this.send(
      'PUT',
      `${entityPath(entity)}/routes/${[
        request.cluster,
        metadata.namespace,
        metadata.name,
      ]
        .map(encodeURIComponent)
        .join('/')}`,
      request,
    );
  }

  deleteRoute(
    entity: CompoundEntityRef,
    target: {
      cluster: string;
      namespace: string;
      name: string;
      kind: 'HTTPRoute' | 'IngressRoute';
      resourceVersion?: string;
    },
  ): Promise<RouteDeleteResponse> {
    const path = [target.cluster, target.namespace, target.name]
      .map(encodeURIComponent)
      .join('/');
    return this.send(
      'DELETE',
      `${entityPath(entity)}/routes/${path}?${query({
        kind: target.kind,
        resourceVersion: target.resourceVersion,
      })}`,
    );
  }

  testRoute(
    entity: CompoundEntityRef,
    request: RouteTestBody,
  ): Promise<RouteTestResponse> {
    return this.post(`${entityPath(entity)}/routes/test`, request);
  }

  previewRouteMigration(
    entity: CompoundEntityRef,
    request: RouteMigrateRequest,
  ): Promise<RouteMigratePreviewResponse> {
    return this.post(`${entityPath(entity)}/routes/migrate/preview`, request);
  }

  applyRouteMigration(
    entity: CompoundEntityRef,
    request: RouteMigrateRequest,
  ): Promise<RouteMigrateApplyResponse> {
    return this.post(`${entityPath(entity)}/routes/migrate/apply`, request);
  }

  performAction(
    entity: CompoundEntityRef,
    action: WorkloadActionName,
    target: WorkloadTarget,
    params: Record<string, unknown> = {},
    view: WorkloadActionView = {},
  ): Promise<WorkloadActionResponse> {
    return this.post(`${entityPath(entity)}/actions/${action}`, {
      ...target,
      ...params,
      ...(view.resourceVersion
        ? { resourceVersion: view.resourceVersion }
        : {}),
      ...(view.generation !== undefined ? { generation: view.generation } : {}),
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

  getPodMetrics(
    entity: CompoundEntityRef,
    target: Omit<WorkloadTarget, 'kind'>,
  ): Promise<PodMetricsResponse> {
    return this.get(
      `${entityPath(entity)}/pods/metrics?${query({ ...target })}`,
    );
  }

  getObservabilityLinks(
    entity: CompoundEntityRef,
    q: ObservabilityLinksQuery = {},
  ): Promise<ObservabilityLinksResponse> {
    const { from, to, ...rest } = q;
    const qs = query({
      ...rest,
      from: from === undefined ? undefined : new Date(from).toISOString(),
      to: to === undefined ? undefined : new Date(to).toISOString(),
    });
    return this.get(
      `${entityPath(entity)}/observability/links${qs ? `?${qs}` : ''}`,
    );
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

  listClusterNodes(cluster: string): Promise<NodeListResponse> {
    return this.get(`/clusters/${encodeURIComponent(cluster)}/nodes`);
  }

  listClusterEvents(
    cluster: string,
    q: ClusterEventsQuery,
  ): Promise<ClusterEventsResponse> {
    return this.get(
      `/clusters/${encodeURIComponent(cluster)}/events?${query({ ...q })}`,
    );
  }

  previewAdminYaml(request: AdminYamlRequest): Promise<AdminYamlReport> {
    return this.post('/admin/yaml/preview', request);
  }

  applyAdminYaml(request: AdminYamlRequest): Promise<AdminYamlReport> {
    return this.post('/admin/yaml/apply', request);
  }

  previewAdminArchive(
    target: AdminArchiveQuery,
    archive: Blob,
    format: AdminArchiveFormat,
  ): Promise<AdminYamlReport> {
    return this.postArchive('/admin/yaml/preview', target, archive, format);
  }

  applyAdminArchive(
    target: AdminArchiveQuery,
    archive: Blob,
    format: AdminArchiveFormat,
  ): Promise<AdminYamlReport> {
    return this.postArchive('/admin/yaml/apply', target, archive, format);
  }

  async exportAdminNamespace(
    cluster: string,
    namespace: string,
  ): Promise<{ archive: Blob; fileName: string }> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('kubemate');
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}/admin/namespaces/${encodeURIComponent(
        cluster,
      )}/${encodeURIComponent(namespace)}/export`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const named = /filename="([^"]+)"/.exec(
      response.headers.get('content-disposition') ?? '',
    )?.[1];
    return {
      archive: await response.blob(),
      fileName: named ?? `${cluster}-${namespace}.tar.gz`,
    };
  }

  private async postArchive(
    path: string,
    target: AdminArchiveQuery,
    archive: Blob,
    format: AdminArchiveFormat,
  ): Promise<AdminYamlReport> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('kubemate');
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}${path}?${query({ ...target })}`,
      {
        method: 'POST',
        headers: { 'Content-Type': ADMIN_ARCHIVE_CONTENT_TYPES[format] },
        body: archive,
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as AdminYamlReport;
  }

  listAudit(
    q: AuditFilters & { entityRef?: string; limit: number; offset: number },
  ): Promise<AuditPage> {
    return this.get(`/audit?${query(auditQuery(q))}`);
  }

  async exportAuditCsv(
    filters: AuditFilters & { entityRef?: string },
  ): Promise<Blob> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('kubemate');
    const { limit: _limit, offset: _offset, ...rest } = auditQuery(filters);
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}/audit/export.csv?${query(rest)}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.blob();
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

  listReleases(
    q: { states?: ReleaseState[]; limit?: number } = {},
  ): Promise<ReleaseListResponse> {
    const qs = query({ state: q.states?.join(','), limit: q.limit });
    return this.get(`/releases${qs ? `?${qs}` : ''}`);
  }

  listEntityReleases(entity: CompoundEntityRef): Promise<ReleaseListResponse> {
    return this.get(`${entityPath(entity)}/releases`);
  }

  createRelease(
    entity: CompoundEntityRef,
    request: CreateReleaseRequest,
  ): Promise<Release> {
    return this.post(`${entityPath(entity)}/releases`, request);
  }

  getRelease(id: string): Promise<Release> {
    return this.get(`/releases/${encodeURIComponent(id)}`);
  }

  getReleaseMetrics(
    id: string,
    windowSeconds?: number,
  ): Promise<ReleaseMetricsResponse> {
    const qs = query({ window: windowSeconds });
    return this.get(
      `/releases/${encodeURIComponent(id)}/metrics${qs ? `?${qs}` : ''}`,
    );
  }

  actOnRelease(
    id: string,
    action: ReleaseAction,
    weight?: number,
  ): Promise<Release> {
    return this.post(
      `/releases/${encodeURIComponent(id)}/${action}`,
      weight === undefined ? {} : { weight },
    );
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  private async send<T>(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('kubemate');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
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
