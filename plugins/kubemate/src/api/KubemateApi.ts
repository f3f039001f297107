import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AdminArchiveQuery,
  AdminYamlReport,
  AdminYamlRequest,
  ClusterEventsQuery,
  ClusterEventsResponse,
  NodeListResponse,
  AuditEntry,
  AuditFilters,
  AuditPage,
  ClusterListResponse,
  CreateReleaseRequest,
  EntityRoutesResponse,
  Release,
  ReleaseListResponse,
  ReleaseMetricsResponse,
  ReleaseAction,
  ReleaseState,
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
  RolloutRevision,
  WorkloadActionName,
  WorkloadActionResponse,
  WorkloadActionView,
  WorkloadTarget,
  YamlApplyResponse,
  YamlPreviewResponse,
  YamlViewResponse,
} from '@kubemate/plugin-kubemate-common';

// The wire types are the contract's (kubemate-common); re-exported for the components.
export type {
  AuditEntry,
  AuditFilters,
  LogRequest,
  RolloutRevision,
  WorkloadActionName,
  WorkloadActionView,
  WorkloadTarget,
};

/** Client of the Kubemate backend. The frontend never talks to Kubernetes directly. */
/** The archive formats the admin console reads. */
export type AdminArchiveFormat = 'zip' | 'tar.gz';

export interface KubemateApi {
  listClusters(): Promise<ClusterListResponse>;
  /** The entity's workloads in every cluster it maps to, from the backend's watch caches. */
  getEntityWorkloads(
    entity: CompoundEntityRef,
  ): Promise<EntityWorkloadsResponse>;
  /** Every namespace with its owner, onboarding and Gateway status; the form's sizes. */
  listNamespaces(): Promise<NamespaceListResponse>;
  /** Onboards a namespace (a dry run with `dryRun: true`). */
  onboardNamespace(
    cluster: string,
    namespace: string,
    request: OnboardRequest,
  ): Promise<OnboardResponse>;
  /** Removes what onboarding made (a dry run with `dryRun: true`). */
  offboardNamespace(
    cluster: string,
    namespace: string,
    request: OffboardRequest,
  ): Promise<OnboardResponse>;
  /** The HTTPRoutes and Traefik IngressRoutes that send traffic to the entity's Services. */
  getEntityRoutes(entity: CompoundEntityRef): Promise<EntityRoutesResponse>;
  /**
   * Validates an HTTPRoute and dry-runs it: YAML, diff, conflicts, warnings. An invalid route
   * rejects with a ResponseError whose field issues `routeIssuesOf` reads.
   */
  previewRoute(
    entity: CompoundEntityRef,
    request: RoutePreviewRequest,
  ): Promise<RoutePreviewResponse>;
  /** Creates an HTTPRoute (409 when it exists). */
  createRoute(
    entity: CompoundEntityRef,
    request: RouteEditRequest,
  ): Promise<RouteSaveResponse>;
  /** Replaces an HTTPRoute; `route.metadata.resourceVersion` is the version edited (409 when stale). */
  updateRoute(
    entity: CompoundEntityRef,
    request: RouteEditRequest,
  ): Promise<RouteSaveResponse>;
  /** Deletes one of the entity's HTTPRoutes or IngressRoutes. */
  deleteRoute(
    entity: CompoundEntityRef,
    target: {
      cluster: string;
      namespace: string;
      name: string;
      kind: 'HTTPRoute' | 'IngressRoute';
      resourceVersion?: string;
    },
  ): Promise<RouteDeleteResponse>;
  /** The route tester: which route, rule and backends serve a request. */
  testRoute(
    entity: CompoundEntityRef,
    request: RouteTestBody,
  ): Promise<RouteTestResponse>;
  /** Converts an IngressRoute to HTTPRoutes and checks parity, changing nothing. */
  previewRouteMigration(
    entity: CompoundEntityRef,
    request: RouteMigrateRequest,
  ): Promise<RouteMigratePreviewResponse>;
  /** Creates the converted HTTPRoutes; the IngressRoute stays. */
  applyRouteMigration(
    entity: CompoundEntityRef,
    request: RouteMigrateRequest,
  ): Promise<RouteMigrateApplyResponse>;
  /**
   * Runs a workload action (scale, restart, rollback, pause, resume, delete-pod, trigger). With
   * `view` (the object's generation or resourceVersion as the user saw it), a 409 when it has
   * changed since.
   */
  performAction(
    entity: CompoundEntityRef,
    action: WorkloadActionName,
    target: WorkloadTarget,
    params?: Record<string, unknown>,
    view?: WorkloadActionView,
  ): Promise<WorkloadActionResponse>;
  getRolloutHistory(
    entity: CompoundEntityRef,
    target: WorkloadTarget,
  ): Promise<RolloutRevision[]>;
  /** A pod's CPU and memory usage from metrics.k8s.io, or why there is none. */
  getPodMetrics(
    entity: CompoundEntityRef,
    target: Omit<WorkloadTarget, 'kind'>,
  ): Promise<PodMetricsResponse>;
  /** Observability links of the entity, or of one of its objects (a pod with its container). */
  getObservabilityLinks(
    entity: CompoundEntityRef,
    query?: ObservabilityLinksQuery,
  ): Promise<ObservabilityLinksResponse>;
  /** The object's YAML as the API server has it now (with resourceVersion, without status). */
  getYaml(
    entity: CompoundEntityRef,
    target: WorkloadTarget,
  ): Promise<YamlViewResponse>;
  /** Server-side dry run of an edited YAML: what would change, as a unified diff. */
  previewYaml(
    entity: CompoundEntityRef,
    target: WorkloadTarget,
    yaml: string,
  ): Promise<YamlPreviewResponse>;
  /** Applies an edited YAML; a stale resourceVersion is refused with 409. */
  applyYaml(
    entity: CompoundEntityRef,
    target: WorkloadTarget,
    yaml: string,
  ): Promise<YamlApplyResponse>;
  /** Admin console: the nodes of a cluster with capacity, requests, limits and usage. */
  listClusterNodes(cluster: string): Promise<NodeListResponse>;
  /** Admin console: cluster-wide events (warnings unless `type` says otherwise), newest first. */
  listClusterEvents(
    cluster: string,
    query: ClusterEventsQuery,
  ): Promise<ClusterEventsResponse>;
  /** Admin console: server-side dry run of a multi-document YAML in one namespace. */
  previewAdminYaml(request: AdminYamlRequest): Promise<AdminYamlReport>;
  /** Admin console: applies a multi-document YAML in one namespace, object by object. */
  applyAdminYaml(request: AdminYamlRequest): Promise<AdminYamlReport>;
  /** Admin console: server-side dry run of an archive (`.zip`, `.tar.gz`) of manifests. */
  previewAdminArchive(
    target: AdminArchiveQuery,
    archive: Blob,
    format: AdminArchiveFormat,
  ): Promise<AdminYamlReport>;
  /** Admin console: applies an archive of manifests in one namespace, object by object. */
  applyAdminArchive(
    target: AdminArchiveQuery,
    archive: Blob,
    format: AdminArchiveFormat,
  ): Promise<AdminYamlReport>;
  /** Admin console: the namespace's manifests as a `.tar.gz`, with its file name. */
  exportAdminNamespace(
    cluster: string,
    namespace: string,
  ): Promise<{ archive: Blob; fileName: string }>;
  /** The whole audit log, newest first, one page of it (kubemate.audit.read). */
  listAudit(
    query: AuditFilters & { entityRef?: string; limit: number; offset: number },
  ): Promise<AuditPage>;
  /** The whole audit log with the same filters, as a CSV file. */
  exportAuditCsv(filters: AuditFilters & { entityRef?: string }): Promise<Blob>;
  /** The audit log of the entity's workloads, newest first, one page of it. */
  listEntityAudit(
    entity: CompoundEntityRef,
    query: AuditFilters & { limit: number; offset: number },
  ): Promise<AuditPage>;
  /**
   * Reads a pod's log, calling `onChunk` as text arrives. With `follow` it keeps streaming
   * until `signal` aborts; it resolves when the stream ends.
   */
  streamLogs(
    entity: CompoundEntityRef,
    target: Omit<WorkloadTarget, 'kind'>,
    options: LogRequest,
    onChunk: (text: string) => void,
    signal: AbortSignal,
  ): Promise<void>;
  /** Releases across the entities the caller may read, failing and waiting ones first. */
  listReleases(query?: {
    states?: ReleaseState[];
    limit?: number;
  }): Promise<ReleaseListResponse>;
  /** The entity's releases, newest first. */
  listEntityReleases(entity: CompoundEntityRef): Promise<ReleaseListResponse>;
  /** Starts a gray or canary release (409 while the Service has one in progress). */
  createRelease(
    entity: CompoundEntityRef,
    request: CreateReleaseRequest,
  ): Promise<Release>;
  /** One release with its timeline. */
  getRelease(id: string): Promise<Release>;
  /** The canary's and the stable version's golden metrics now, over `windowSeconds`. */
  getReleaseMetrics(
    id: string,
    windowSeconds?: number,
  ): Promise<ReleaseMetricsResponse>;
  /** Pause, resume, set the canary's weight, promote or abort; answers the release after it. */
  actOnRelease(
    id: string,
    action: ReleaseAction,
    weight?: number,
  ): Promise<Release>;
}

/** Works in both the legacy and the new frontend system. */
export const kubemateApiRef = createApiRef<KubemateApi>({
  id: 'plugin.kubemate.api',
});
