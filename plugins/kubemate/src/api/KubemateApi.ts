import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ClusterListResponse,
  EntityWorkloadsResponse,
  RolloutRevision,
} from '@kubemate/plugin-kubemate-common';

export type { RolloutRevision };

export type WorkloadActionName =
  | 'scale'
  | 'restart'
  | 'rollback'
  | 'pause'
  | 'resume'
  | 'delete-pod'
  | 'trigger';

/** An object of the entity in one cluster. */
export interface WorkloadTarget {
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
}

export interface LogRequest {
  container?: string;
  tailLines?: number;
  previous?: boolean;
  timestamps?: boolean;
  follow?: boolean;
}

/** One audited operation (or refused attempt) on an entity's workloads. */
export interface AuditEntry {
  id: string;
  /** ISO time. */
  at: string;
  /** Entity ref of the user, e.g. `user:default/guest`. */
  actor: string;
  entityRef?: string;
  cluster?: string;
  namespace?: string;
  kind?: string;
  name?: string;
  operation: string;
  parameters?: Record<string, unknown>;
  result: 'succeeded' | 'failed' | 'denied';
  error?: string;
  /** The object before and after the change, for a diff. */
  beforeYaml?: string;
  afterYaml?: string;
}

/** Filters of an entity's audit log; all optional, exact matches. */
export interface AuditFilters {
  actor?: string;
  operation?: string;
  result?: AuditEntry['result'];
  cluster?: string;
  namespace?: string;
  kind?: string;
  name?: string;
  /** ISO times. */
  since?: string;
  until?: string;
}

/** Client of the Kubemate backend. The frontend never talks to Kubernetes directly. */
export interface KubemateApi {
  listClusters(): Promise<ClusterListResponse>;
  /** The entity's workloads in every cluster it maps to, from the backend's watch caches. */
  getEntityWorkloads(
    entity: CompoundEntityRef,
  ): Promise<EntityWorkloadsResponse>;
  /** Runs a workload action (scale, restart, rollback, pause, resume, delete-pod, trigger). */
  performAction(
    entity: CompoundEntityRef,
    action: WorkloadActionName,
    target: WorkloadTarget,
    params?: Record<string, unknown>,
  ): Promise<{ object: unknown }>;
  getRolloutHistory(
    entity: CompoundEntityRef,
    target: WorkloadTarget,
  ): Promise<RolloutRevision[]>;
  /** The object's YAML as the API server has it now (with resourceVersion, without status). */
  getYaml(
    entity: CompoundEntityRef,
    target: WorkloadTarget,
  ): Promise<{ yaml: string }>;
  /** Server-side dry run of an edited YAML: what would change, as a unified diff. */
  previewYaml(
    entity: CompoundEntityRef,
    target: WorkloadTarget,
    yaml: string,
  ): Promise<{ before: string; after: string; diff: string }>;
  /** Applies an edited YAML; a stale resourceVersion is refused with 409. */
  applyYaml(
    entity: CompoundEntityRef,
    target: WorkloadTarget,
    yaml: string,
  ): Promise<{ object: unknown }>;
  /** The audit log of the entity's workloads, newest first, one page of it. */
  listEntityAudit(
    entity: CompoundEntityRef,
    query: AuditFilters & { limit: number; offset: number },
  ): Promise<{ items: AuditEntry[]; total: number }>;
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
