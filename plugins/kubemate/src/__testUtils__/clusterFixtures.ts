import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  AdminYamlObject,
  AdminYamlReport,
  AdminYamlRequest,
  ClusterEvent,
  ClusterEventsQuery,
  NodeSummary,
  ClusterSummary,
  EntityRoutesResponse,
  EntityWorkloadsResponse,
  NamespaceListResponse,
  ObservabilityLinksResponse,
  PodMetricsResponse,
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

/** Test data: a ready worker node with 4 CPUs and 16 GiB, half of it requested. */
export function newTestNode(overrides: Partial<NodeSummary> = {}): NodeSummary {
  const GiB = 1024 ** 3;
  return {
    name: 'sim-worker-1',
    roles: ['worker'],
    kubeletVersion: 'v1.32.4',
    unschedulable: false,
    conditions: [
      { type: 'Ready', status: 'True', reason: 'KubeletReady' },
      { type: 'MemoryPressure', status: 'False' },
      { type: 'DiskPressure', status: 'False' },
      { type: 'PIDPressure', status: 'False' },
    ],
    taints: [],
    labels: { 'kubernetes.io/hostname': 'sim-worker-1' },
    capacity: { cpu: 4, memory: 16 * GiB, pods: 110 },
    allocatable: { cpu: 3.8, memory: 15 * GiB, pods: 110 },
    requested: { cpu: 1.9, memory: 7.5 * GiB },
    limited: { cpu: 3, memory: 12 * GiB },
    podCount: 12,
    ...overrides,
  };
}

/** Test data: a warning event of a pod. */
export function newTestEvent(
  overrides: Partial<ClusterEvent> = {},
): ClusterEvent {
  return {
    namespace: 'bank-payments',
    name: 'payments-api-0.1',
    type: 'Warning',
    reason: 'BackOff',
    message: 'Back-off restarting failed container',
    count: 3,
    involvedObject: {
      kind: 'Pod',
      name: 'payments-api-0',
      namespace: 'bank-payments',
    },
    lastSeen: new Date().toISOString(),
    ...overrides,
  };
}

/**
 * The admin YAML endpoints over an in-memory set of objects: each document's `kind:` and
 * `name:` are read, an object is `created` the first time and `unchanged` after; a document
 * whose kind is `Broken` fails as the API server would refuse it.
 */
function inMemoryAdminYaml(existing: Set<string>) {
  return (request: AdminYamlRequest, dryRun: boolean) => {
    const objects: AdminYamlObject[] = request.yaml
      .split(/^---\s*$/m)
      .map((doc, index) => ({ doc, index }))
      .filter(({ doc }) => doc.trim() !== '')
      .map(({ doc, index }) => {
        const kind = /^kind:\s*(\S+)/m.exec(doc)?.[1];
        const name = /^\s+name:\s*(\S+)/m.exec(doc)?.[1];
        const key = `${request.namespace}/${kind}/${name}`;
        const head = { index, kind, name, namespace: request.namespace };
        if (kind === 'Broken') {
          return {
            ...head,
            action: 'failed' as const,
            error: `the server could not find the requested resource (kind ${kind})`,
            diff: '',
          };
        }
        const known = existing.has(key);
        if (!dryRun) existing.add(key);
        return {
          ...head,
          action: known ? ('unchanged' as const) : ('created' as const),
          diff: known
            ? ''
            : `@@ -0,0 +1,2 @@\n+kind: ${kind}\n+name: ${name}\n`,
        };
      });
    return {
      cluster: request.cluster,
      namespace: request.namespace,
      dryRun,
      objects,
    };
  };
}

type RouteWriteMethod =
  | 'previewRoute'
  | 'createRoute'
  | 'updateRoute'
  | 'deleteRoute'
  | 'testRoute'
  | 'previewRouteMigration'
  | 'applyRouteMigration';

const ROUTE_WRITE_METHODS: RouteWriteMethod[] = [
  'previewRoute',
  'createRoute',
  'updateRoute',
  'deleteRoute',
  'testRoute',
  'previewRouteMigration',
  'applyRouteMigration',
];

/** The route endpoints a test provides; the others reject, naming themselves. */
function routeWriteMethods(
  given: Partial<Pick<KubemateApi, RouteWriteMethod>>,
): Pick<KubemateApi, RouteWriteMethod> {
  const out: Record<string, unknown> = {};
  for (const method of ROUTE_WRITE_METHODS) {
    out[method] =
      given[method] ??
      (() => Promise.reject(new Error(`${method} is not set in this test`)));
  }
  return out as Pick<KubemateApi, RouteWriteMethod>;
}

type ReleaseMethod =
  | 'listReleases'
  | 'listEntityReleases'
  | 'createRelease'
  | 'getRelease'
  | 'getReleaseMetrics'
  | 'actOnRelease';

const RELEASE_METHODS: ReleaseMethod[] = [
  'listReleases',
  'listEntityReleases',
  'createRelease',
  'getRelease',
  'getReleaseMetrics',
  'actOnRelease',
];

/** The release endpoints a test provides; the others reject, naming themselves. */
function releaseMethods(
  given: Partial<Pick<KubemateApi, ReleaseMethod>>,
): Pick<KubemateApi, ReleaseMethod> {
  const out: Record<string, unknown> = {};
  for (const method of RELEASE_METHODS) {
    out[method] =
      given[method] ??
      (() => Promise.reject(new Error(`${method} is not set in this test`)));
  }
  return out as Pick<KubemateApi, ReleaseMethod>;
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
    /** Nodes by cluster name (admin console). */
    nodes?: Record<string, NodeSummary[]>;
    /** Cluster-wide events by cluster name (admin console); filtered as the backend does. */
    events?: Record<string, ClusterEvent[]>;
    /** A pod's usage (pod details); metrics not served when unset. */
    podMetrics?: PodMetricsResponse;
    /** Observability links, whatever the target; none when unset. */
    links?: ObservabilityLinksResponse;
    /** The route write endpoints, as a test needs them; unset ones reject. */
    routeApi?: Partial<Pick<KubemateApi, RouteWriteMethod>>;
    /** The release endpoints, as a test needs them; unset ones reject. */
    releaseApi?: Partial<Pick<KubemateApi, ReleaseMethod>>;
  } = {},
): KubemateApi & {
  calls: number;
  actions: Array<{
    action: string;
    target: WorkloadTarget;
    params?: Record<string, unknown>;
  }>;
} {
  const adminYaml = inMemoryAdminYaml(new Set());
  /** An archive holds a ConfigMap, a broken object and a README, whatever its bytes. */
  const adminArchive = (
    [target]: Parameters<KubemateApi['previewAdminArchive']>,
    dryRun: boolean,
  ): AdminYamlReport => {
    const report = adminYaml(
      {
        ...target,
        yaml: 'kind: ConfigMap\nmetadata:\n  name: from-archive\n---\nkind: Broken\nmetadata:\n  name: broken\n',
      },
      dryRun,
    );
    return {
      ...report,
      objects: report.objects.map(o => ({
        ...o,
        index: 0,
        path: o.kind === 'Broken' ? 'b/broken.yaml' : 'a/config.yaml',
      })),
      ignored: ['README.md'],
    };
  };
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
      // A fresh copy per call, as from the network: react-query sees a refetch as new data.
      return structuredClone(extra.routes ?? { items: [] });
    },
    ...routeWriteMethods(extra.routeApi ?? {}),
    ...releaseMethods(extra.releaseApi ?? {}),
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
    async listClusterNodes(cluster: string) {
      const items = extra.nodes?.[cluster];
      if (!items) throw new Error(`No cluster '${cluster}'`);
      return { cluster, items, metricsAvailable: items.some(n => !!n.usage) };
    },
    async listClusterEvents(cluster: string, q: ClusterEventsQuery) {
      api.actions.push({
        action: 'list-events',
        target: { cluster, namespace: q.namespace ?? '', kind: '', name: '' },
        params: { ...q },
      });
      const type = q.type ?? 'Warning';
      const matching = (extra.events?.[cluster] ?? []).filter(
        e =>
          (type === 'all' || e.type === type) &&
          (!q.namespace || e.namespace === q.namespace) &&
          (!q.kind || e.involvedObject.kind === q.kind) &&
          (!q.reason || e.reason === q.reason),
      );
      return {
        cluster,
        items: matching.slice(0, Number(q.limit ?? 100)),
        total: matching.length,
      };
    },
    async previewAdminYaml(request: AdminYamlRequest) {
      api.actions.push({
        action: 'admin-yaml-preview',
        target: {
          cluster: request.cluster,
          namespace: request.namespace,
          kind: '',
          name: '',
        },
      });
      return adminYaml(request, true);
    },
    async applyAdminYaml(request: AdminYamlRequest) {
      api.actions.push({
        action: 'admin-yaml-apply',
        target: {
          cluster: request.cluster,
          namespace: request.namespace,
          kind: '',
          name: '',
        },
      });
      return adminYaml(request, false);
    },
    async previewAdminArchive(
      ...args: Parameters<KubemateApi['previewAdminArchive']>
    ) {
      const [target, archive, format] = args;
      api.actions.push({
        action: 'admin-archive-preview',
        target: { ...target, kind: '', name: '' },
        params: { format, size: archive.size },
      });
      return adminArchive(args, true);
    },
    async applyAdminArchive(
      ...args: Parameters<KubemateApi['applyAdminArchive']>
    ) {
      const [target, archive, format] = args;
      api.actions.push({
        action: 'admin-archive-apply',
        target: { ...target, kind: '', name: '' },
        params: { format, size: archive.size },
      });
      return adminArchive(args, false);
    },
    async exportAdminNamespace(cluster: string, namespace: string) {
      api.actions.push({
        action: 'admin-namespace-export',
        target: { cluster, namespace, kind: '', name: '' },
      });
      return {
        archive: new Blob(['archive'], { type: 'application/gzip' }),
        fileName: `${cluster}-${namespace}.tar.gz`,
      };
    },
    async listAudit(q: Parameters<KubemateApi['listAudit']>[0]) {
      const matching = (extra.audit ?? []).filter(
        e =>
          (!q.operation || e.operation === q.operation) &&
          (!q.result || e.result === q.result) &&
          (!q.actor || e.actor === q.actor) &&
          (!q.cluster || e.cluster === q.cluster) &&
          (!q.namespace || e.namespace === q.namespace),
      );
      return {
        total: matching.length,
        items: matching.slice(q.offset, q.offset + q.limit),
      };
    },
    async exportAuditCsv(
      filters: Parameters<KubemateApi['exportAuditCsv']>[0],
    ) {
      api.actions.push({
        action: 'audit-export',
        target: { cluster: '', namespace: '', kind: '', name: '' },
        params: { ...filters },
      });
      return new Blob(['id,at\r\n'], { type: 'text/csv' });
    },
    async getRolloutHistory() {
      return extra.history ?? [];
    },
    async getPodMetrics() {
      return (
        extra.podMetrics ?? {
          status: 'not-served',
          message: 'Cluster demo does not serve metrics.k8s.io/v1beta1',
          containers: [],
        }
      );
    },
    async getObservabilityLinks(
      _ref: Parameters<KubemateApi['getObservabilityLinks']>[0],
      query: Parameters<KubemateApi['getObservabilityLinks']>[1],
    ) {
      api.actions.push({
        action: 'observability-links',
        target: {
          cluster: query?.cluster ?? '',
          namespace: query?.namespace ?? '',
          kind: query?.kind ?? '',
          name: query?.name ?? '',
        },
      });
      return (
        extra.links ?? {
          window: {
            from: '2026-12-05T00:00:00.000Z',
            to: '2026-12-05T01:00:00.000Z',
          },
          groups: [],
        }
      );
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
