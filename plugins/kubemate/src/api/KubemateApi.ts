import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AuditEntry,
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
  RolloutRevision,
  WorkloadActionName,
  WorkloadActionResponse,
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
  WorkloadTarget,
};

/** Client of the Kubemate backend. The frontend never talks to Kubernetes directly. */
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
   * Runs a workload action (scale, restart, rollback, pause, resume, delete-pod, trigger). With
   * `view.resourceVersion` (the object as the user saw it), a 409 when it has changed since.
   */
  performAction(
    entity: CompoundEntityRef,
    action: WorkloadActionName,
    target: WorkloadTarget,
    params?: Record<string, unknown>,
    view?: { resourceVersion?: string },
  ): Promise<WorkloadActionResponse>;
  getRolloutHistory(
    entity: CompoundEntityRef,
    target: WorkloadTarget,
  ): Promise<RolloutRevision[]>;
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
}

/** Works in both the legacy and the new frontend system. */
export const kubemateApiRef = createApiRef<KubemateApi>({
  id: 'plugin.kubemate.api',
});
