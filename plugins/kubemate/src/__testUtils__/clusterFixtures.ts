import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  ClusterSummary,
  EntityRoutesResponse,
  EntityWorkloadsResponse,
  NamespaceListResponse,
  OffboardRequest,
  OnboardRequest,
  OnboardResponse,
} from '@kubemate/plugin-kubemate-common';
import type {
  AuditEntry,
  KubemateApi,
  RolloutRevision,
  WorkloadActionName,
  WorkloadTarget,
} from '../api';

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
  extra: {
    history?: RolloutRevision[];
    logText?: string;
    yaml?: string;
    conflict?: boolean;
    audit?: AuditEntry[];
    routes?: EntityRoutesResponse;
    namespaces?: NamespaceListResponse;
  } = {},
): KubemateApi & {
  calls: number;
  actions: Array<{
    action: string;
    target: WorkloadTarget;
    params?: Record<string, unknown>;
  }>;
} {
  const api = {
    calls: 0,
    actions: [] as Array<{
      action: string;
      target: WorkloadTarget;
      params?: Record<string, unknown>;
    }>,
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
    async listNamespaces() {
      return (
        extra.namespaces ?? {
          items: [],
          onboardingConfigured: false,
          sizes: [],
        }
      );
    },
    async onboardNamespace(
      cluster: string,
      namespace: string,
      request: OnboardRequest,
    ): Promise<OnboardResponse> {
      api.actions.push({
        action: request.dryRun ? 'onboard-preview' : 'onboard',
        target: { cluster, namespace, kind: 'Namespace', name: namespace },
        params: { ...request },
      });
      return {
        cluster,
        namespace,
        dryRun: request.dryRun,
        port: 9000,
        objects: [
          {
            apiVersion: 'v1',
            kind: 'Namespace',
            name: namespace,
            action: request.dryRun ? 'create' : 'unchanged',
            diff: request.dryRun ? `+metadata:\n+  name: ${namespace}` : '',
          },
        ],
      };
    },
    async offboardNamespace(
      cluster: string,
      namespace: string,
      request: OffboardRequest,
    ): Promise<OnboardResponse> {
      api.actions.push({
        action: request.dryRun ? 'offboard-preview' : 'offboard',
        target: { cluster, namespace, kind: 'Namespace', name: namespace },
        params: { ...request },
      });
      return {
        cluster,
        namespace,
        dryRun: request.dryRun,
        port: 9000,
        objects: [
          {
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'Gateway',
            namespace,
            name: `${namespace}-gateway`,
            action: 'delete',
            diff: '',
          },
        ],
      };
    },
    async getEntityRoutes() {
      return extra.routes ?? { items: [] };
    },
    async performAction(
      _ref: Parameters<KubemateApi['performAction']>[0],
      action: WorkloadActionName,
      target: WorkloadTarget,
      params?: Record<string, unknown>,
    ) {
      api.actions.push({ action, target, params });
      return { object: null };
    },
    async getYaml() {
      return { yaml: extra.yaml ?? '' };
    },
    async previewYaml(_ref: unknown, _target: WorkloadTarget, yaml: string) {
      const before = extra.yaml ?? '';
      const changed = yaml
        .split('\n')
        .filter(l => !before.split('\n').includes(l));
      return {
        before,
        after: yaml,
        diff: changed.map(l => `+${l}`).join('\n'),
      };
    },
    async applyYaml(_ref: unknown, target: WorkloadTarget, yaml: string) {
      if (extra.conflict) {
        throw new Error(
          `${target.kind} ${target.name} has changed since its YAML was loaded; reload it and re-apply your changes`,
        );
      }
      api.actions.push({ action: 'yaml-apply', target, params: { yaml } });
      return { object: null };
    },
    async listEntityAudit(
      _ref: Parameters<KubemateApi['listEntityAudit']>[0],
      q: Parameters<KubemateApi['listEntityAudit']>[1],
    ) {
      const matching = (extra.audit ?? []).filter(
        e =>
          (!q.operation || e.operation === q.operation) &&
          (!q.result || e.result === q.result) &&
          (!q.actor || e.actor === q.actor),
      );
      return {
        total: matching.length,
        items: matching.slice(q.offset, q.offset + q.limit),
      };
    },
    async getRolloutHistory() {
      return extra.history ?? [];
    },
    async streamLogs(
      _ref: Parameters<KubemateApi['streamLogs']>[0],
      _target: Parameters<KubemateApi['streamLogs']>[1],
      _options: Parameters<KubemateApi['streamLogs']>[2],
      onChunk: (text: string) => void,
    ) {
      onChunk(extra.logText ?? '');
    },
  };
  return api;
}
