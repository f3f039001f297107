import type { SignalsService } from '@backstage/plugin-signals-node';
import type {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  ADMIN_FIELD_MANAGER,
  kubemateAdminApplyPermission,
  kubemateAdminReadPermission,
  kubemateWorkloadSecretReadPermission,
  MAX_ADMIN_ARCHIVE_DOCUMENTS,
  MAX_ADMIN_ARCHIVE_ENTRIES,
  MAX_ADMIN_ARCHIVE_ENTRY_BYTES,
  MAX_ADMIN_ARCHIVE_EXPANDED_BYTES,
  MAX_ADMIN_EXPORT_OBJECTS,
  MAX_ADMIN_YAML_DOCUMENTS,
  RESOURCE_TYPES,
  type AdminArchiveQuery,
  type AdminYamlObject,
  type AdminYamlReport,
  type AdminYamlRequest,
  type ClusterEventsResponse,
  type ClusterQuotasResponse,
  type NodeDetailResponse,
  type NodeListResponse,
  type ResourceType,
} from '@kubemate/plugin-kubemate-common';
import type { Request } from 'express';
import { parseAllDocuments } from 'yaml';
import type { AuditTrail } from '../audit/AuditTrail';
import { actorOf } from '../auth/actorOf';
import { requirePermission } from '../auth/requirePermission';
import type { ClusterService } from '../clusters/ClusterService';
import { waitAtMost } from '../clusters/waitAtMost';
import { comparableYaml } from '../kube/comparableYaml';
import { redactSecretYaml } from '../security/redactSecret';
import { toBackstageError } from '../workloads/operations/kubeErrors';
import { unifiedDiff } from '../workloads/yaml/lineDiff';
import type { RawObjectApi } from '../kube/RawObjectApi';
import { kindOf, readIfExists } from './rawObjects';
import { manifestFindings } from './manifestFindings';
import { byPath, readArchive, writeTarGz, type ArchiveFormat } from './archive';
import {
  exportableResources,
  exportedObject,
  exportPath,
  exportText,
  madeByCluster,
} from './namespaceExport';
import { selectEvents, type EventFilter } from './events';
import { LiveClusterEvents } from './LiveClusterEvents';
import { isTerminated, podAmounts, summarizeNodes, usageByNode } from './nodes';
import { nodeUsageHistory, type NodePrometheus } from './nodeHistory';
import { CustomResourcesAdmin } from './customResources';
import { clusterQuotas } from './quotas';

export const ADMIN_YAML_OPERATION = 'admin-yaml-apply';
export const ADMIN_EXPORT_OPERATION = 'admin-namespace-export';

const resource = (kind: string): ResourceType =>
  RESOURCE_TYPES.find(r => r.kind === kind && r.apiVersion === 'v1')!;
const NODES = resource('Node');
const PODS = resource('Pod');
const EVENTS = resource('Event');

export interface AdminCaller {
  credentials: BackstageCredentials;
  request?: Request;
}

/**
 * Why one document is not applied: reported for it, the others go on. `refusal`: Kubemate
 * refused it before any call (on record as denied when applying).
 */
class ObjectRefused extends Error {
  constructor(message: string, readonly refusal = false) {
    super(message);
  }
}

/**
 * The platform admin console: nodes and cluster-wide events from the shared watch caches, and
 * multi-document YAML applied (server-side apply) to one namespace, object by object.
 */
export class AdminConsole {
  constructor(
    private readonly deps: {
      clusters: ClusterService;
      permissions: PermissionsService;
      audit: AuditTrail;
      logger: LoggerService;
      /** How long a first request waits for a cluster's watch caches to fill. */
      syncTimeoutMs: number;
      /** Deadline of each Kubernetes request of the YAML apply. */
      requestTimeoutMs: number;
      /** The Prometheus of each cluster that has one, for node usage history. */
      prometheus?: Map<string, NodePrometheus>;
      /** Where the event stream's "changed" signals go; without it the page polls. */
      signals?: SignalsService;
    },
  ) {
    this.customResources = new CustomResourcesAdmin(deps);
    this.liveEvents = deps.signals
      ? new LiveClusterEvents({ signals: deps.signals, events: EVENTS })
      : undefined;
  }

  private readonly liveEvents?: LiveClusterEvents;

  /** CRDs and their custom resources. */
  readonly customResources: CustomResourcesAdmin;

  /**
   * One node: its summary, its pods, the events about it, and usage over the last hour from
   * the cluster's Prometheus when configured.
   */
  async nodeDetail(
    caller: AdminCaller,
    clusterName: string,
    nodeName: string,
  ): Promise<NodeDetailResponse> {
    await this.requireRead(caller);
    const cache = await this.synced(clusterName, [NODES, PODS, EVENTS]);
    const node = cache.list(NODES).find(n => n.metadata?.name === nodeName);
    if (!node) {
      throw new NotFoundError(
        `Node ${nodeName} does not exist in cluster ${clusterName}`,
      );
    }
    const pods = cache
      .list(PODS)
      .filter(p => (p.spec as { nodeName?: string })?.nodeName === nodeName);
    const usage = await this.nodeUsage(clusterName);
    const [summary] = summarizeNodes([node], pods, usage);
    const events = selectEvents(
      cache
        .list(EVENTS)
        .filter(
          e =>
            (e as { involvedObject?: { kind?: string; name?: string } })
              .involvedObject?.kind === 'Node' &&
            (e as { involvedObject?: { name?: string } }).involvedObject
              ?.name === nodeName,
        ),
      { type: 'all', limit: 100 },
    ).items;
    const name = this.deps.clusters.usable(clusterName).name;
    return {
      cluster: clusterName,
      node: summary,
      pods: pods
        .map(p => {
          const status = p.status as
            | {
                phase?: string;
                containerStatuses?: Array<{ restartCount?: number }>;
              }
            | undefined;
          return {
            namespace: p.metadata?.namespace ?? '',
            name: p.metadata?.name ?? '',
            ...(status?.phase ? { phase: status.phase } : {}),
            requested: isTerminated(p)
              ? { cpu: 0, memory: 0 }
              : podAmounts(p, 'requests'),
            limited: isTerminated(p)
              ? { cpu: 0, memory: 0 }
              : podAmounts(p, 'limits'),
            restarts: (status?.containerStatuses ?? []).reduce(
              (n, c) => n + (c.restartCount ?? 0),
              0,
            ),
          };
        })
        .sort(
          (a, b) =>
            a.namespace.localeCompare(b.namespace) ||
            a.name.localeCompare(b.name),
        ),
      events,
      history: await nodeUsageHistory(
        this.deps.prometheus?.get(name),
        nodeName,
      ),
    };
  }

  async nodes(
    caller: AdminCaller,
    clusterName: string,
  ): Promise<NodeListResponse> {
    await this.requireRead(caller);
    const cache = await this.synced(clusterName, [NODES, PODS]);
    const usage = await this.nodeUsage(clusterName);
    return {
      cluster: clusterName,
      items: summarizeNodes(cache.list(NODES), cache.list(PODS), usage),
      metricsAvailable: usage !== undefined,
    };
  }

  /** ResourceQuotas and LimitRanges of every namespace of the cluster. */
  async quotas(
    caller: AdminCaller,
    clusterName: string,
  ): Promise<ClusterQuotasResponse> {
    await this.requireRead(caller);
    const cluster = this.deps.clusters.usable(clusterName).name;
    return clusterQuotas(this.applyApi(cluster), cluster);
  }

  async events(
    caller: AdminCaller,
    clusterName: string,
    filter: EventFilter,
  ): Promise<ClusterEventsResponse> {
    await this.requireRead(caller);
    const cache = await this.synced(clusterName, [EVENTS]);
    const user = (caller.credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    // The reader gets a signal when the cluster's warnings change, so the page updates live.
    if (user) this.liveEvents?.follow(clusterName, cache, user);
    return {
      cluster: clusterName,
      ...selectEvents(cache.list(EVENTS), filter),
    };
  }

  /**
   * Applies (or, with `dryRun`, dry-runs) each document of the YAML in the namespace, in order;
   * a document that fails is reported and the rest go on. Real applies are audited per object.
   */
  async applyYaml(
    caller: AdminCaller,
    body: AdminYamlRequest,
    dryRun: boolean,
  ): Promise<AdminYamlReport> {
    await this.requireApply(caller, body, { dryRun });
    const documents = parseDocuments(body.yaml, MAX_ADMIN_YAML_DOCUMENTS);
    return this.applyDocuments(caller, body, documents, dryRun);
  }

  /**
   * As `applyYaml`, for the manifests of an archive (`.zip`, `.tar.gz`): every `.yaml`, `.yml`
   * and `.json` entry in path order, the others listed as ignored. The archive is refused as a
   * whole (400 naming the entry) when it passes a limit, or holds a link, a device or a path
   * escaping it.
   */
  async applyArchive(
    caller: AdminCaller,
    query: AdminArchiveQuery,
    archive: Buffer,
    format: ArchiveFormat,
    dryRun: boolean,
  ): Promise<AdminYamlReport> {
    const parameters = { dryRun, archive: format, bytes: archive.length };
    await this.requireApply(caller, query, parameters);
    let files: Awaited<ReturnType<typeof readArchive>>;
    const documents: Doc[] = [];
    try {
      files = await readArchive(archive, format, {
        maxEntries: MAX_ADMIN_ARCHIVE_ENTRIES,
        maxEntryBytes: MAX_ADMIN_ARCHIVE_ENTRY_BYTES,
        maxExpandedBytes: MAX_ADMIN_ARCHIVE_EXPANDED_BYTES,
      });
      for (const file of files) {
        if (!file.data) continue;
        documents.push(
          ...parseDocuments(
            file.data.toString('utf8'),
            MAX_ADMIN_ARCHIVE_DOCUMENTS - documents.length,
            file.path,
          ),
        );
      }
    } catch (e) {
      // A refused upload of a real apply is on record.
      if (!dryRun && e instanceof InputError) {
        await this.deps.audit.denied(
          {
            actor: actorOf(caller.credentials),
            cluster: query.cluster,
            namespace: query.namespace,
            operation: ADMIN_YAML_OPERATION,
            parameters,
          },
          e,
          caller.request,
        );
      }
      throw e;
    }
    const applied = await this.applyDocuments(caller, query, documents, dryRun);
    return { ...applied, ignored: files.filter(f => !f.data).map(f => f.path) };
  }

  /**
   * The namespace's objects as a `.tar.gz` of manifests (`<kind>/<name>.yaml`) to apply
   * elsewhere: every namespaced kind the cluster lists, without what the cluster or a
   * controller made and without server-set fields. Secret values are included only when the
   * policy grants `kubemate.workload.secret.read` unconditionally; otherwise emptied.
   * Audited as a read; nothing is served when the audit log cannot be written.
   */
  async exportNamespace(
    caller: AdminCaller,
    clusterName: string,
    namespace: string,
  ): Promise<{ fileName: string; archive: Buffer }> {
    const base = {
      actor: actorOf(caller.credentials),
      cluster: clusterName,
      namespace,
      operation: ADMIN_EXPORT_OPERATION,
    };
    await requirePermission(
      this.deps.permissions,
      caller.credentials,
      { permission: kubemateAdminReadPermission },
      error => this.deps.audit.denied(base, error, caller.request),
    );
    const cluster = this.deps.clusters.usable(clusterName).name;
    const api = this.applyApi(cluster);
    const exists = await readIfExists(api, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    }).catch(e => {
      throw toBackstageError(e, `Namespace ${namespace}`);
    });
    if (!exists) {
      throw new NotFoundError(
        `Namespace ${namespace} does not exist in cluster ${cluster}`,
      );
    }
    const secretValues = await this.maySeeSecretValues(caller);
    const resources = await exportableResources(api, namespace).catch(e => {
      throw toBackstageError(e, `the API discovery of cluster ${cluster}`);
    });
    const kindsByName = new Map<string, number>();
    for (const r of resources) {
      kindsByName.set(r.kind, (kindsByName.get(r.kind) ?? 0) + 1);
    }
    const files: Array<{ path: string; text: string }> = [];
    const notes: string[] = [];
    let secrets = 0;
    for (const r of resources) {
      let cont: string | undefined;
      do {
        let list: {
          items?: KubernetesObject[];
          metadata?: { continue?: string };
        };
        try {
          list = await api.getJson(r.path, {
            limit: '500',
            ...(cont ? { continue: cont } : {}),
          });
        } catch (e) {
          const code = (e as { code?: unknown }).code;
          if (code === 403 || code === 404 || code === 405) {
            notes.push(
              `${r.kind} (${r.apiVersion}) not exported: the API server answered ${code} to listing it`,
            );
            break;
          }
          throw toBackstageError(e, `${r.kind} in ${namespace}`);
        }
        for (const item of list.items ?? []) {
          const object: KubernetesObject = {
            apiVersion: r.apiVersion,
            kind: r.kind,
            ...item,
          };
          object.apiVersion = r.apiVersion;
          object.kind = r.kind;
          if (madeByCluster(object)) continue;
          if (files.length >= MAX_ADMIN_EXPORT_OBJECTS) {
            throw new InputError(
              `Namespace ${namespace} holds more than ${MAX_ADMIN_EXPORT_OBJECTS} objects to export; export it with kubectl instead`,
            );
          }
          const out = exportedObject(object, { secretValues });
          if (r.kind === 'Secret' && r.apiVersion === 'v1') secrets += 1;
          if (out.redacted) {
            notes.push(
              `Secret ${object.metadata?.name}: values redacted (empty strings)`,
            );
          }
          files.push({
            path: exportPath(out.object, (kindsByName.get(r.kind) ?? 0) > 1),
            text: exportText(out.object, out.redacted),
          });
        }
        cont = list.metadata?.continue || undefined;
      } while (cont);
    }
    files.sort(byPath);
    const exportedAt = new Date();
    files.push({
      path: 'EXPORT-NOTES.txt',
      text: [
        `Kubemate export of namespace ${namespace} of cluster ${cluster} at ${exportedAt.toISOString()}.`,
        'Objects without status and server-set fields, to apply to any namespace (the manifests name none).',
        'Left out: objects made by the cluster or by a controller (owned pods, replica sets, jobs of cron jobs), events, endpoints, leases, service account tokens, kube-root-ca.crt, the default service account.',
        ...notes,
        '',
      ].join('\n'),
    });
    await this.deps.audit.read(
      {
        ...base,
        parameters: { objects: files.length - 1, secrets, secretValues },
      },
      caller.request,
    );
    return {
      fileName: `${cluster}-${namespace}.tar.gz`,
      archive: await writeTarGz(files, exportedAt),
    };
  }

  /** Whether the policy lets the caller read every Secret's values (an unconditional allow). */
  private async maySeeSecretValues(caller: AdminCaller): Promise<boolean> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: kubemateWorkloadSecretReadPermission }],
      { credentials: caller.credentials },
    );
    return decision?.result === AuthorizeResult.ALLOW;
  }

  private async requireApply(
    caller: AdminCaller,
    where: { cluster: string; namespace: string },
    parameters: Record<string, unknown>,
  ) {
    await requirePermission(
      this.deps.permissions,
      caller.credentials,
      { permission: kubemateAdminApplyPermission },
      error =>
        this.deps.audit.denied(
          {
            actor: actorOf(caller.credentials),
            cluster: where.cluster,
            namespace: where.namespace,
            operation: ADMIN_YAML_OPERATION,
            parameters,
          },
          error,
          caller.request,
        ),
    );
  }

  /** Applies (or dry-runs) the documents one by one; see `applyYaml`. */
  private async applyDocuments(
    caller: AdminCaller,
    where: { cluster: string; namespace: string },
    documents: Doc[],
    dryRun: boolean,
  ): Promise<AdminYamlReport> {
    const base = {
      actor: actorOf(caller.credentials),
      cluster: where.cluster,
      namespace: where.namespace,
      operation: ADMIN_YAML_OPERATION,
    };
    const cluster = this.deps.clusters.usable(where.cluster).name;
    const api = this.applyApi(cluster);
    const target = where.namespace;
    const namespaceDoc = documents.find(
      d => d.object?.kind === 'Namespace' && d.object.metadata?.name === target,
    );
    // A dry run cannot place objects in a namespace that the same YAML is about to create.
    const namespaceExists =
      !namespaceDoc ||
      (await readIfExists(api, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: target },
      }).catch(e => {
        throw toBackstageError(e, `Namespace ${target}`);
      })) !== undefined;

    const objects: AdminYamlObject[] = [];
    for (const doc of documents) {
      const head = describeDoc(doc);
      try {
        if (doc.error) throw new ObjectRefused(doc.error);
        const object = await this.placed(api, doc.object!, target);
        head.namespace = object.metadata?.namespace;
        const what = `${object.kind} ${
          object.metadata?.namespace ? `${object.metadata.namespace}/` : ''
        }${object.metadata?.name}`;
        const before = await readIfExists(api, object).catch(e => {
          throw new ObjectRefused(toBackstageError(e, what).message);
        });
        const apply = async () => {
          if (
            dryRun &&
            !namespaceExists &&
            object.kind !== 'Namespace' &&
            object.metadata?.namespace === target
          ) {
            return object;
          }
          try {
            return await api.applyServerSide(object, {
              fieldManager: ADMIN_FIELD_MANAGER,
              dryRun,
            });
          } catch (e) {
            throw new ObjectRefused(toBackstageError(e, what).message);
          }
        };
        const after = dryRun
          ? await apply()
          : await this.deps.audit.run(
              {
                ...base,
                kind: object.kind,
                name: object.metadata?.name,
                namespace: object.metadata?.namespace,
                parameters: {
                  index: doc.index,
                  apiVersion: object.apiVersion,
                  ...(doc.path ? { path: doc.path } : {}),
                },
                beforeYaml: comparableYaml(before),
              },
              caller.request,
              apply,
              a => comparableYaml(a),
            );
        objects.push(report(head, object, before, after));
      } catch (e) {
        if (!(e instanceof ObjectRefused)) throw e;
        if (!dryRun && e.refusal) {
          // Refused before reaching the API server: on record as such.
          await this.deps.audit.denied(
            {
              ...base,
              kind: head.kind,
              name: head.name,
              namespace: head.namespace,
              parameters: {
                index: doc.index,
                ...(doc.path ? { path: doc.path } : {}),
              },
            },
            e,
            caller.request,
          );
        }
        objects.push({ ...head, action: 'failed', error: e.message, diff: '' });
      }
    }
    const answer: AdminYamlReport = {
      cluster,
      namespace: target,
      dryRun,
      objects,
    };
    if (dryRun) {
      try {
        answer.findings = manifestFindings(documents, {
          namespace: target,
          cluster,
        });
      } catch (e) {
        // The dry run stands without findings; say why they are missing.
        this.deps.logger.warn(`Inspection of admin manifests failed: ${e}`);
        answer.inspectionError = `The manifests could not be inspected: ${
          (e as Error).message
        }`;
      }
    }
    return answer;
  }

  /** The object with its namespace set, or refused when it belongs elsewhere. */
  private async placed(
    api: RawObjectApi,
    object: KubernetesObject,
    target: string,
  ): Promise<KubernetesObject> {
    const { apiVersion, kind } = object;
    const kindInfo = await kindOf(api, apiVersion!, kind!).catch(e => {
      throw new ObjectRefused(
        toBackstageError(e, `discovery of ${apiVersion}`).message,
      );
    });
    if (!kindInfo) {
      throw new ObjectRefused(
        `The cluster does not serve kind ${kind} in ${apiVersion}`,
        true,
      );
    }
    if (!kindInfo.namespaced) {
      if (kind === 'Namespace' && apiVersion === 'v1') {
        if (object.metadata?.name !== target) {
          throw new ObjectRefused(
            `Namespace ${object.metadata?.name} is not the target namespace ${target}`,
            true,
          );
        }
        return object;
      }
      throw new ObjectRefused(
        `${kind} is cluster-scoped; only objects of namespace ${target} (and that Namespace itself) are applied here`,
        true,
      );
    }
    const namespace = object.metadata?.namespace;
    if (namespace !== undefined && namespace !== target) {
      throw new ObjectRefused(
        `${kind} ${object.metadata?.name} names namespace ${namespace}, not the target namespace ${target}`,
        true,
      );
    }
    return { ...object, metadata: { ...object.metadata, namespace: target } };
  }

  private async requireRead(caller: AdminCaller) {
    await requirePermission(this.deps.permissions, caller.credentials, {
      permission: kubemateAdminReadPermission,
    });
  }

  /** The cluster's watch cache once the resources are listed; 503 naming what is not. */
  private async synced(clusterName: string, resources: ResourceType[]) {
    const cache = this.deps.clusters.watchCache(
      this.deps.clusters.usable(clusterName).name,
    );
    await waitAtMost(cache.ensure(resources), this.deps.syncTimeoutMs);
    if (!cache.isSynced(resources)) {
      throw new ServiceUnavailableError(
        `The watch caches of cluster ${clusterName} are not synced yet${
          cache.problem(resources) ? ` (${cache.problem(resources)})` : ''
        }; try again shortly`,
      );
    }
    return cache;
  }

  /** Node usage from metrics.k8s.io; undefined when the cluster does not serve it (or fails). */
  private async nodeUsage(clusterName: string) {
    try {
      const list = (await this.deps.clusters
        .clients(clusterName)
        .custom.listClusterCustomObject({
          group: 'metrics.k8s.io',
          version: 'v1beta1',
          plural: 'nodes',
        })) as {
        items?: Array<{
          metadata?: { name?: string };
          usage?: Record<string, unknown>;
        }>;
      };
      return usageByNode(list.items ?? []);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code !== 404 && code !== 503) {
        this.deps.logger.warn(
          `metrics.k8s.io node metrics of cluster ${clusterName} failed: ${
            (e as Error).message
          }`,
        );
      }
      return undefined;
    }
  }

  /** The cluster's raw object client (the cluster layer's, with its request deadline). */
  private applyApi(clusterName: string): RawObjectApi {
    return this.deps.clusters.clients(clusterName).raw;
  }
}

interface Doc {
  index: number;
  /** The archive entry it comes from. */
  path?: string;
  object?: KubernetesObject;
  error?: string;
}

/**
 * The YAML's documents (empty ones skipped); 400 for more than `max`. `path`: the archive
 * entry the YAML comes from.
 */
function parseDocuments(text: string, max: number, path?: string): Doc[] {
  const parsed = parseAllDocuments(text, { prettyErrors: true });
  const all = Array.isArray(parsed) ? parsed : [parsed];
  if (all.length > max) {
    throw new InputError(
      path === undefined
        ? `The YAML holds ${all.length} documents; at most ${max} are applied at once`
        : `The archive holds more than ${MAX_ADMIN_ARCHIVE_DOCUMENTS} documents (stopped at entry "${path}"); at most ${MAX_ADMIN_ARCHIVE_DOCUMENTS} are applied at once`,
    );
  }
  const docs: Doc[] = [];
  const at = path === undefined ? {} : { path };
  all.forEach((d, index) => {
    if (d.errors.length > 0) {
      docs.push({ ...at, index, error: `YAML error: ${d.errors[0].message}` });
      return;
    }
    let value: unknown;
    try {
      value = d.toJS({ maxAliasCount: 100 });
    } catch (e) {
      docs.push({ ...at, index, error: `YAML error: ${(e as Error).message}` });
      return;
    }
    if (value === null || value === undefined) return;
    const o = value as KubernetesObject;
    if (typeof o !== 'object' || Array.isArray(o)) {
      docs.push({ ...at, index, error: 'The document is not an object' });
    } else if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
      docs.push({
        ...at,
        index,
        object: o,
        error: 'apiVersion and kind are required',
      });
    } else if (typeof o.metadata?.name !== 'string' || !o.metadata.name) {
      docs.push({
        ...at,
        index,
        object: o,
        error: 'metadata.name is required',
      });
    } else if (o.kind === 'List' || o.kind.endsWith('List')) {
      docs.push({
        ...at,
        index,
        object: o,
        error: 'Lists are not applied; one object per document',
      });
    } else {
      docs.push({ ...at, index, object: o });
    }
  });
  return docs;
}

function describeDoc(doc: Doc): Omit<AdminYamlObject, 'action' | 'diff'> {
  const o = doc.object;
  return {
    index: doc.index,
    ...(doc.path ? { path: doc.path } : {}),
    ...(typeof o?.apiVersion === 'string' ? { apiVersion: o.apiVersion } : {}),
    ...(typeof o?.kind === 'string' ? { kind: o.kind } : {}),
    ...(typeof o?.metadata?.namespace === 'string'
      ? { namespace: o.metadata.namespace }
      : {}),
    ...(typeof o?.metadata?.name === 'string' ? { name: o.metadata.name } : {}),
  };
}

function report(
  head: Omit<AdminYamlObject, 'action' | 'diff'>,
  object: KubernetesObject,
  before: KubernetesObject | undefined,
  after: KubernetesObject,
): AdminYamlObject {
  const beforeYaml = comparableYaml(before);
  const afterYaml = comparableYaml(after);
  let action: AdminYamlObject['action'] = 'created';
  if (before) action = beforeYaml === afterYaml ? 'unchanged' : 'changed';
  // A Secret's values never leave in a diff.
  const shown = (text: string) =>
    object.kind === 'Secret' ? redactSecretYaml(text) ?? '' : text;
  return {
    ...head,
    namespace: object.metadata?.namespace,
    action,
    diff:
      action === 'unchanged'
        ? ''
        : unifiedDiff(shown(beforeYaml), shown(afterYaml)),
  };
}
