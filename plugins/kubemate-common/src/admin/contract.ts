import { z } from 'zod';
import { dnsNameSchema, nameSchema, queryInt } from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import { auditQuerySchema } from '../audit/contract';
import { adminManifestFindingSchema } from '../inspection/manifestFinding';
import {
  kubemateAdminApplyPermission,
  kubemateAdminReadPermission,
  kubemateAuditReadPermission,
} from '../permissions';

/** The largest multi-document YAML the admin console applies at once. */
export const MAX_ADMIN_YAML_BYTES = 2 * 1024 * 1024;
/** The most documents (objects) one admin YAML may hold. */
export const MAX_ADMIN_YAML_DOCUMENTS = 500;
/** The most rows of the audit CSV export. */
export const MAX_AUDIT_CSV_ROWS = 50_000;
/** The largest archive (`.zip`, `.tar.gz`) of manifests uploaded at once, as sent. */
export const MAX_ADMIN_ARCHIVE_BYTES = 10 * 1024 * 1024;
/** The most entries (files, directories, anything) one archive may hold. */
export const MAX_ADMIN_ARCHIVE_ENTRIES = 1000;
/** The most bytes all entries of an archive may expand to (checked while expanding). */
export const MAX_ADMIN_ARCHIVE_EXPANDED_BYTES = 50 * 1024 * 1024;
/** The most bytes one entry may expand to. */
export const MAX_ADMIN_ARCHIVE_ENTRY_BYTES = MAX_ADMIN_YAML_BYTES;
/** The most documents (objects) of all the manifests of one archive. */
export const MAX_ADMIN_ARCHIVE_DOCUMENTS = 1000;
/** The most objects one namespace export holds. */
export const MAX_ADMIN_EXPORT_OBJECTS = 2000;
/** Content types of an archive body of `POST /admin/yaml/preview` and `…/apply`. */
export const ADMIN_ARCHIVE_CONTENT_TYPES = {
  zip: 'application/zip',
  'tar.gz': 'application/gzip',
} as const;
/** The field manager of the admin console's server-side applies. */
export const ADMIN_FIELD_MANAGER = 'kubemate-admin';

export const clusterParamsSchema = z.object({ cluster: nameSchema });

/** CPU in cores and memory in bytes. */
export const cpuMemorySchema = z.object({
  cpu: z.number(),
  memory: z.number(),
});
export type CpuMemory = z.infer<typeof cpuMemorySchema>;

export const nodeResourcesSchema = cpuMemorySchema.extend({
  pods: z.number().int(),
});
export type NodeResources = z.infer<typeof nodeResourcesSchema>;

export const NODE_CONDITION_TYPES = [
  'Ready',
  'MemoryPressure',
  'DiskPressure',
  'PIDPressure',
] as const;

export const nodeConditionSchema = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: z.string().optional(),
});
export type NodeCondition = z.infer<typeof nodeConditionSchema>;

export const nodeTaintSchema = z.object({
  key: z.string(),
  value: z.string().optional(),
  effect: z.string(),
});

/** A node of a cluster: what it offers, what its pods ask for, and how it is doing. */
export const nodeSummarySchema = z
  .object({
    name: z.string(),
    /** From the `node-role.kubernetes.io/<role>` labels. */
    roles: z.array(z.string()),
    kubeletVersion: z.string().optional(),
    unschedulable: z.boolean(),
    /** Ready, MemoryPressure, DiskPressure and PIDPressure, as the node reports them. */
    conditions: z.array(nodeConditionSchema),
    taints: z.array(nodeTaintSchema),
    labels: z.record(z.string(), z.string()),
    capacity: nodeResourcesSchema,
    allocatable: nodeResourcesSchema,
    /** Sums over the node's pods that are not terminated (Succeeded or Failed). */
    requested: cpuMemorySchema,
    limited: cpuMemorySchema,
    podCount: z.number().int(),
    /** From metrics.k8s.io NodeMetrics; absent when the cluster does not serve it. */
    usage: cpuMemorySchema.optional(),
  })
  .describe('NodeSummary');
export type NodeSummary = z.infer<typeof nodeSummarySchema>;

export const nodeListResponseSchema = z
  .object({
    cluster: z.string(),
    items: z.array(nodeSummarySchema),
    /** Whether usage comes from metrics.k8s.io. */
    metricsAvailable: z.boolean(),
  })
  .describe('NodeListResponse');
export type NodeListResponse = z.infer<typeof nodeListResponseSchema>;

export const EVENT_TYPES = ['Warning', 'Normal'] as const;

/** Cluster-wide events; `type` is `Warning` unless asked otherwise. */
export const clusterEventsQuerySchema = z.object({
  type: z.enum([...EVENT_TYPES, 'all']).default('Warning'),
  namespace: z.string().max(253).optional(),
  /** Kind of the involved object, e.g. `Pod`. */
  kind: z.string().max(63).optional(),
  reason: z.string().max(128).optional(),
  limit: queryInt(1, 500).default(100),
});
export type ClusterEventsQuery = z.input<typeof clusterEventsQuerySchema>;

export const clusterEventSchema = z
  .object({
    namespace: z.string(),
    name: z.string(),
    type: z.string(),
    reason: z.string(),
    message: z.string(),
    count: z.number().int(),
    involvedObject: z.object({
      kind: z.string(),
      name: z.string(),
      namespace: z.string().optional(),
    }),
    source: z.string().optional(),
    /** When it last happened (lastTimestamp, eventTime or creation), ISO. */
    lastSeen: z.string().optional(),
    firstSeen: z.string().optional(),
  })
  .describe('ClusterEvent');
export type ClusterEvent = z.infer<typeof clusterEventSchema>;

export const clusterEventsResponseSchema = z
  .object({
    cluster: z.string(),
    /** Newest first, at most `limit`. */
    items: z.array(clusterEventSchema),
    /** How many events matched before the limit. */
    total: z.number().int(),
  })
  .describe('ClusterEventsResponse');
export type ClusterEventsResponse = z.infer<typeof clusterEventsResponseSchema>;

/** A multi-document YAML to apply to one namespace of one cluster. */
export const adminYamlBodySchema = z.object({
  cluster: nameSchema,
  /** Objects without a namespace get this one; those naming another are refused. */
  namespace: dnsNameSchema,
  yaml: z.string().min(1).max(MAX_ADMIN_YAML_BYTES),
});
export type AdminYamlRequest = z.infer<typeof adminYamlBodySchema>;

export const ADMIN_YAML_ACTIONS = [
  'created',
  'changed',
  'unchanged',
  'failed',
] as const;
export type AdminYamlAction = (typeof ADMIN_YAML_ACTIONS)[number];

export {
  adminManifestFindingSchema,
  type AdminManifestFinding,
} from '../inspection/manifestFinding';

/** What happened (or would happen) to one document of the YAML. */
export const adminYamlObjectSchema = z.object({
  /** Position of the document in the YAML (in its archive entry), from 0. */
  index: z.number().int(),
  /** The archive entry the document comes from (archive uploads only). */
  path: z.string().optional(),
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().optional(),
  action: z.enum(ADMIN_YAML_ACTIONS),
  /** Why it failed: the API server's reason, or why Kubemate refused it. */
  error: z.string().optional(),
  /** Unified diff of the object's YAML, before → after (empty when unchanged or failed). */
  diff: z.string(),
});
export type AdminYamlObject = z.infer<typeof adminYamlObjectSchema>;

export const adminYamlReportSchema = z
  .object({
    cluster: z.string(),
    namespace: z.string(),
    dryRun: z.boolean(),
    objects: z.array(adminYamlObjectSchema),
    /** Archive uploads: entries that are not manifests (`.yaml`, `.yml`, `.json`), not read. */
    ignored: z.array(z.string()).optional(),
    /**
     * Dry runs: what the inspection rules (baseline profile) find in the manifests, high
     * severity first; absent for real applies.
     */
    findings: z.array(adminManifestFindingSchema).optional(),
    /** Dry runs: why the manifests could not be inspected, when they could not. */
    inspectionError: z.string().optional(),
  })
  .describe('AdminYamlReport');
export type AdminYamlReport = z.infer<typeof adminYamlReportSchema>;

/** The whole audit log's filters, for the CSV export (paging replaced by the row cap). */
export const auditExportQuerySchema = auditQuerySchema.omit({
  limit: true,
  offset: true,
});

/** Where an uploaded archive goes: the query of an archive body (required with one). */
export const adminArchiveQuerySchema = z.object({
  cluster: nameSchema,
  namespace: dnsNameSchema,
});
export type AdminArchiveQuery = z.infer<typeof adminArchiveQuerySchema>;

/** The path of a namespace export. */
export const namespaceExportParamsSchema = z.object({
  cluster: nameSchema,
  namespace: dnsNameSchema,
});

/** A CustomResourceDefinition of a cluster, and how many objects it holds. */
export const crdSummarySchema = z
  .object({
    /** The CRD's name, `<plural>.<group>`. */
    name: z.string(),
    group: z.string(),
    kind: z.string(),
    plural: z.string(),
    scope: z.enum(['Namespaced', 'Cluster']),
    versions: z.array(
      z.object({ name: z.string(), served: z.boolean(), storage: z.boolean() }),
    ),
    /** The version objects are read and written in (the storage version when served). */
    version: z.string(),
    /** Objects of the kind in the whole cluster; absent when listing them failed. */
    count: z.number().int().optional(),
    /** Why the objects could not be counted. */
    countError: z.string().optional(),
  })
  .describe('CrdSummary');
export type CrdSummary = z.infer<typeof crdSummarySchema>;

export const crdListResponseSchema = z
  .object({ cluster: z.string(), items: z.array(crdSummarySchema) })
  .describe('CrdListResponse');
export type CrdListResponse = z.infer<typeof crdListResponseSchema>;

export const crdParamsSchema = z.object({
  cluster: nameSchema,
  /** `<plural>.<group>` */
  crd: z.string().min(3).max(253),
});

/** Custom resources of a CRD, of one namespace or (absent) all of them. */
export const customResourceListQuerySchema = z.object({
  namespace: dnsNameSchema.optional(),
});

export const customResourceSummarySchema = z.object({
  name: z.string(),
  namespace: z.string().optional(),
  creationTimestamp: z.string().optional(),
  resourceVersion: z.string().optional(),
});
export type CustomResourceSummary = z.infer<typeof customResourceSummarySchema>;

export const customResourceListResponseSchema = z
  .object({
    cluster: z.string(),
    crd: crdSummarySchema.omit({ count: true, countError: true }),
    items: z.array(customResourceSummarySchema),
  })
  .describe('CustomResourceListResponse');
export type CustomResourceListResponse = z.infer<
  typeof customResourceListResponseSchema
>;

/** One custom resource: its name, and its namespace unless the CRD is cluster-scoped. */
export const customResourceQuerySchema = z.object({
  name: dnsNameSchema,
  namespace: dnsNameSchema.optional(),
});
export type CustomResourceQuery = z.infer<typeof customResourceQuerySchema>;

export const customResourceYamlResponseSchema = z
  .object({
    /** The object without status and server-set fields except `metadata.resourceVersion`. */
    yaml: z.string(),
    resourceVersion: z.string(),
  })
  .describe('CustomResourceYaml');
export type CustomResourceYaml = z.infer<
  typeof customResourceYamlResponseSchema
>;

/** An edited custom resource; its `metadata.resourceVersion` makes the write conditional. */
export const customResourceEditBodySchema = customResourceQuerySchema.extend({
  yaml: z.string().min(1).max(MAX_ADMIN_YAML_BYTES),
});
export type CustomResourceEdit = z.infer<typeof customResourceEditBodySchema>;

export const customResourceEditResponseSchema = z
  .object({
    dryRun: z.boolean(),
    /** Unified diff of the object before → after the (dry-run) replace. */
    diff: z.string(),
    /** The resourceVersion after a real replace (the current one after a dry run). */
    resourceVersion: z.string(),
  })
  .describe('CustomResourceEditResult');
export type CustomResourceEditResult = z.infer<
  typeof customResourceEditResponseSchema
>;

export const nodeParamsSchema = z.object({
  cluster: nameSchema,
  node: dnsNameSchema,
});

/** A pod of a node, for the node detail. */
export const nodePodSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  phase: z.string().optional(),
  requested: cpuMemorySchema,
  limited: cpuMemorySchema,
  restarts: z.number().int(),
});

export const NODE_HISTORY_STATES = [
  'ok',
  'not-configured',
  'unavailable',
] as const;

/** A series of [epoch seconds, value] samples. */
const samplesSchema = z.array(z.tuple([z.number(), z.number()]));

/** Usage of a node over time from the cluster's Prometheus. */
export const nodeUsageHistorySchema = z.object({
  /** `not-configured`: no Prometheus for the cluster; `unavailable`: it failed or timed out. */
  state: z.enum(NODE_HISTORY_STATES),
  message: z.string().optional(),
  /** Cores used, per step. */
  cpu: samplesSchema,
  /** Bytes of working set, per step. */
  memory: samplesSchema,
  /** Seconds covered and between samples. */
  rangeSeconds: z.number().int(),
  stepSeconds: z.number().int(),
});
export type NodeUsageHistory = z.infer<typeof nodeUsageHistorySchema>;

export const nodeDetailResponseSchema = z
  .object({
    cluster: z.string(),
    node: nodeSummarySchema,
    pods: z.array(nodePodSchema),
    /** Events about the node, newest first. */
    events: z.array(clusterEventSchema),
    history: nodeUsageHistorySchema,
  })
  .describe('NodeDetailResponse');
export type NodeDetailResponse = z.infer<typeof nodeDetailResponseSchema>;

/** A ResourceQuota: per resource, the hard limit and what is used, as the API server says. */
export const namespaceQuotaSchema = z.object({
  name: z.string(),
  resources: z.array(
    z.object({
      resource: z.string(),
      /** Quantities as written (`10`, `4Gi`, `500m`). */
      hard: z.string(),
      used: z.string().optional(),
    }),
  ),
});

/** One limit of a LimitRange (`type` Container, Pod or PersistentVolumeClaim). */
export const limitRangeItemSchema = z.object({
  type: z.string(),
  default: z.record(z.string(), z.string()).optional(),
  defaultRequest: z.record(z.string(), z.string()).optional(),
  min: z.record(z.string(), z.string()).optional(),
  max: z.record(z.string(), z.string()).optional(),
});

export const namespaceQuotasSchema = z.object({
  namespace: z.string(),
  quotas: z.array(namespaceQuotaSchema),
  limitRanges: z.array(
    z.object({ name: z.string(), limits: z.array(limitRangeItemSchema) }),
  ),
});
export type NamespaceQuotas = z.infer<typeof namespaceQuotasSchema>;

export const clusterQuotasResponseSchema = z
  .object({
    cluster: z.string(),
    /** Namespaces with at least one ResourceQuota or LimitRange, by name. */
    items: z.array(namespaceQuotasSchema),
  })
  .describe('ClusterQuotasResponse');
export type ClusterQuotasResponse = z.infer<typeof clusterQuotasResponseSchema>;

/** Routes of the platform admin console. */
export const adminRoutes = defineRoutes({
  listClusterNodes: {
    method: 'GET',
    path: '/clusters/:cluster/nodes',
    summary:
      'Nodes of a cluster: roles, conditions, taints, labels, capacity, allocatable, requests and limits of their pods, usage from metrics.k8s.io when served',
    permission: kubemateAdminReadPermission.name,
    params: clusterParamsSchema,
    response: nodeListResponseSchema,
  },
  getClusterNode: {
    method: 'GET',
    path: '/clusters/:cluster/nodes/:node',
    summary:
      "One node: its summary, pods (requests, limits, restarts), events, and CPU and memory usage over the last hour from the cluster's Prometheus when configured",
    permission: kubemateAdminReadPermission.name,
    params: nodeParamsSchema,
    response: nodeDetailResponseSchema,
  },
  listClusterQuotas: {
    method: 'GET',
    path: '/clusters/:cluster/quotas',
    summary:
      'ResourceQuotas (hard and used per resource) and LimitRanges of every namespace of a cluster',
    permission: kubemateAdminReadPermission.name,
    params: clusterParamsSchema,
    response: clusterQuotasResponseSchema,
  },
  listClusterCrds: {
    method: 'GET',
    path: '/clusters/:cluster/crds',
    summary:
      'CustomResourceDefinitions of a cluster: group, kind, versions, scope and how many objects each holds',
    permission: kubemateAdminReadPermission.name,
    params: clusterParamsSchema,
    response: crdListResponseSchema,
  },
  listCustomResources: {
    method: 'GET',
    path: '/clusters/:cluster/crds/:crd/resources',
    summary: 'Custom resources of a CRD, of one namespace or all',
    permission: kubemateAdminReadPermission.name,
    params: crdParamsSchema,
    query: customResourceListQuerySchema,
    response: customResourceListResponseSchema,
  },
  getCustomResourceYaml: {
    method: 'GET',
    path: '/clusters/:cluster/crds/:crd/resource',
    summary:
      'One custom resource as YAML to edit (status and server-set fields removed, resourceVersion kept)',
    permission: kubemateAdminReadPermission.name,
    params: crdParamsSchema,
    query: customResourceQuerySchema,
    response: customResourceYamlResponseSchema,
  },
  previewCustomResourceYaml: {
    method: 'POST',
    path: '/clusters/:cluster/crds/:crd/resource/preview',
    summary:
      'Server-side dry run of an edited custom resource (strict field validation; 409 when its resourceVersion is stale): the diff',
    permission: kubemateAdminApplyPermission.name,
    params: crdParamsSchema,
    body: customResourceEditBodySchema,
    response: customResourceEditResponseSchema,
  },
  applyCustomResourceYaml: {
    method: 'POST',
    path: '/clusters/:cluster/crds/:crd/resource/apply',
    summary:
      'Replaces a custom resource with the edited YAML (strict field validation; 409 when its resourceVersion is stale); audited',
    permission: kubemateAdminApplyPermission.name,
    params: crdParamsSchema,
    body: customResourceEditBodySchema,
    response: customResourceEditResponseSchema,
  },
  listClusterEvents: {
    method: 'GET',
    path: '/clusters/:cluster/events',
    summary:
      'Cluster-wide events, warnings by default, filtered by namespace, kind and reason, newest first',
    permission: kubemateAdminReadPermission.name,
    params: clusterParamsSchema,
    query: clusterEventsQuerySchema,
    response: clusterEventsResponseSchema,
  },
  previewAdminYaml: {
    method: 'POST',
    path: '/admin/yaml/preview',
    summary:
      'Server-side dry run of a multi-document YAML in one namespace: a report per object (created / changed / unchanged / failed) with diffs, and the inspection findings of the manifests (baseline profile); or an archive: a raw `.zip` (`Content-Type: application/zip`) or `.tar.gz` (`application/gzip`) body with `cluster` and `namespace` in the query, or a `multipart/form-data` upload (file part `archive`, fields or query `cluster` and `namespace`), each `.yaml`/`.yml`/`.json` entry read in path order',
    permission: kubemateAdminApplyPermission.name,
    query: adminArchiveQuerySchema.partial(),
    body: adminYamlBodySchema,
    response: adminYamlReportSchema,
  },
  applyAdminYaml: {
    method: 'POST',
    path: '/admin/yaml/apply',
    summary:
      'Server-side apply of a multi-document YAML in one namespace, object by object (a failure does not stop the rest); audited per object; or an archive: a raw `.zip` (`Content-Type: application/zip`) or `.tar.gz` (`application/gzip`) body with `cluster` and `namespace` in the query, or a `multipart/form-data` upload (file part `archive`, fields or query `cluster` and `namespace`), each `.yaml`/`.yml`/`.json` entry read in path order',
    permission: kubemateAdminApplyPermission.name,
    query: adminArchiveQuerySchema.partial(),
    body: adminYamlBodySchema,
    response: adminYamlReportSchema,
  },
  exportAdminNamespace: {
    method: 'GET',
    path: '/admin/namespaces/:cluster/:namespace/export',
    summary:
      "The namespace's objects as a `.tar.gz` of manifests ready to apply elsewhere (`<kind>/<name>.yaml`; status and server-set fields removed; cluster- and controller-made objects left out; Secret values redacted unless the caller may read them); audited as a read",
    permission: kubemateAdminReadPermission.name,
    params: namespaceExportParamsSchema,
    response: { contentType: 'application/gzip' },
  },
  exportAuditCsv: {
    method: 'GET',
    path: '/audit/export.csv',
    summary:
      'The audit log with the filters of GET /audit as a CSV attachment (newest first, up to 50,000 rows)',
    permission: kubemateAuditReadPermission.name,
    query: auditExportQuerySchema,
    response: { contentType: 'text/csv; charset=utf-8' },
  },
});
