import type { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  ADMIN_FIELD_MANAGER,
  kubemateAdminApplyPermission,
  kubemateAdminReadPermission,
  type CrdListResponse,
  type CrdSummary,
  type CustomResourceEdit,
  type CustomResourceEditResult,
  type CustomResourceListResponse,
  type CustomResourceQuery,
  type CustomResourceYaml,
} from '@kubemate/plugin-kubemate-common';
import { parseDocument, stringify } from 'yaml';
import type { AuditTrail } from '../audit/AuditTrail';
import { actorOf } from '../auth/actorOf';
import { requirePermission } from '../auth/requirePermission';
import type { ClusterService } from '../clusters/ClusterService';
import { comparableYaml } from '../kube/comparableYaml';
import type { RawObjectApi } from '../kube/RawObjectApi';
import { toBackstageError } from '../workloads/operations/kubeErrors';
import { unifiedDiff } from '../workloads/yaml/lineDiff';
import type { AdminCaller } from './AdminConsole';

export const ADMIN_CUSTOM_RESOURCE_OPERATION = 'admin-custom-resource-edit';
const CRDS_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

interface CrdObject {
  metadata?: { name?: string };
  spec?: {
    group?: string;
    scope?: string;
    names?: { kind?: string; plural?: string };
    versions?: Array<{ name: string; served?: boolean; storage?: boolean }>;
  };
}

/** What the console shows of a CRD (without its object count). */
export function crdSummary(crd: CrdObject): Omit<CrdSummary, 'count'> {
  const spec = crd.spec ?? {};
  const versions = (spec.versions ?? []).map(v => ({
    name: v.name,
    served: v.served !== false,
    storage: v.storage === true,
  }));
  const served = versions.filter(v => v.served);
  const version =
    served.find(v => v.storage)?.name ?? served[0]?.name ?? versions[0]?.name;
  return {
    name: crd.metadata?.name ?? '',
    group: spec.group ?? '',
    kind: spec.names?.kind ?? '',
    plural: spec.names?.plural ?? '',
    scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
    versions,
    version: version ?? '',
  };
}

/** The object as an admin edits it: server bookkeeping out, resourceVersion kept. */
export function editableYaml(o: KubernetesObject): string {
  const copy = structuredClone(o) as KubernetesObject & { status?: unknown };
  const m = copy.metadata ?? {};
  for (const key of [
    'managedFields',
    'uid',
    'creationTimestamp',
    'generation',
  ] as const) {
    delete m[key];
  }
  delete copy.status;
  return stringify(copy);
}

/**
 * The admin console's custom resources: the CRDs of a cluster, their objects, and a YAML edit
 * of one object as a strict, conditional replace (dry run first for the diff).
 */
export class CustomResourcesAdmin {
  constructor(
    private readonly deps: {
      clusters: ClusterService;
      permissions: PermissionsService;
      audit: AuditTrail;
    },
  ) {}

  async crds(caller: AdminCaller, cluster: string): Promise<CrdListResponse> {
    await this.requireRead(caller);
    const api = this.api(cluster);
    const list = await api
      .getJson<{ items?: CrdObject[] }>(CRDS_PATH)
      .catch(e => {
        throw toBackstageError(e, `CustomResourceDefinitions of ${cluster}`);
      });
    const items = await Promise.all(
      (list.items ?? []).map(async crd => {
        const summary = crdSummary(crd);
        try {
          const objects = await api.getJson<{ items?: unknown[] }>(
            `/apis/${summary.group}/${summary.version}/${summary.plural}`,
          );
          return { ...summary, count: objects.items?.length ?? 0 };
        } catch (e) {
          return {
            ...summary,
            countError: toBackstageError(e, summary.kind).message,
          };
        }
      }),
    );
    items.sort((a, b) => a.name.localeCompare(b.name));
    return { cluster, items };
  }

  async resources(
    caller: AdminCaller,
    cluster: string,
    crdName: string,
    namespace: string | undefined,
  ): Promise<CustomResourceListResponse> {
    await this.requireRead(caller);
    const api = this.api(cluster);
    const crd = await this.crd(api, cluster, crdName);
    const where =
      namespace && crd.scope === 'Namespaced'
        ? `/namespaces/${encodeURIComponent(namespace)}`
        : '';
    const list = await api
      .getJson<{ items?: KubernetesObject[] }>(
        `/apis/${crd.group}/${crd.version}${where}/${crd.plural}`,
      )
      .catch(e => {
        throw toBackstageError(e, `${crd.kind} objects`);
      });
    const items = (list.items ?? []).map(o => ({
      name: o.metadata?.name ?? '',
      ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}),
      ...(o.metadata?.creationTimestamp
        ? { creationTimestamp: String(o.metadata.creationTimestamp) }
        : {}),
      ...(o.metadata?.resourceVersion
        ? { resourceVersion: o.metadata.resourceVersion }
        : {}),
    }));
    items.sort(
      (a, b) =>
        (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
        a.name.localeCompare(b.name),
    );
    return { cluster, crd, items };
  }

  async yaml(
    caller: AdminCaller,
    cluster: string,
    crdName: string,
    query: CustomResourceQuery,
  ): Promise<CustomResourceYaml> {
    await this.requireRead(caller);
    const api = this.api(cluster);
    const crd = await this.crd(api, cluster, crdName);
    const current = await this.read(api, crd, query);
    return {
      yaml: editableYaml(current),
      resourceVersion: current.metadata?.resourceVersion ?? '',
    };
  }

  /**
   * Replaces the object with the edited YAML (`dryRun`: the server-side dry run only): a
   * conditional PUT with `fieldValidation=Strict`, so a stale resourceVersion is a 409 and an
   * unknown field a 400 naming it. Real replaces are audited with the object before and after.
   */
  async edit(
    caller: AdminCaller,
    cluster: string,
    crdName: string,
    body: CustomResourceEdit,
    dryRun: boolean,
  ): Promise<CustomResourceEditResult> {
    const base = {
      actor: actorOf(caller.credentials),
      cluster,
      namespace: body.namespace,
      operation: ADMIN_CUSTOM_RESOURCE_OPERATION,
      name: body.name,
      parameters: { crd: crdName, dryRun },
    };
    await requirePermission(
      this.deps.permissions,
      caller.credentials,
      { permission: kubemateAdminApplyPermission },
      error => this.deps.audit.denied(base, error, caller.request),
    );
    const api = this.api(cluster);
    const crd = await this.crd(api, cluster, crdName);
    const edited = parseEdited(body, crd);
    const before = await this.read(api, crd, body);
    const what = `${crd.kind} ${body.namespace ? `${body.namespace}/` : ''}${
      body.name
    }`;
    const replace = () =>
      api
        .replaceStrict<KubernetesObject>(edited, {
          dryRun,
          fieldManager: ADMIN_FIELD_MANAGER,
        })
        .catch(e => {
          throw toBackstageError(e, what);
        });
    const after = dryRun
      ? await replace()
      : await this.deps.audit.run(
          { ...base, kind: crd.kind, beforeYaml: comparableYaml(before) },
          caller.request,
          replace,
          a => comparableYaml(a),
        );
    return {
      dryRun,
      diff: unifiedDiff(comparableYaml(before), comparableYaml(after)),
      resourceVersion:
        (dryRun ? before : after).metadata?.resourceVersion ?? '',
    };
  }

  private async read(
    api: RawObjectApi,
    crd: Omit<CrdSummary, 'count'>,
    query: CustomResourceQuery,
  ): Promise<KubernetesObject> {
    if (crd.scope === 'Namespaced' && !query.namespace) {
      throw new InputError(`${crd.kind} is namespaced: name its namespace`);
    }
    const ns =
      crd.scope === 'Namespaced'
        ? `/namespaces/${encodeURIComponent(query.namespace!)}`
        : '';
    return api
      .getJson<KubernetesObject>(
        `/apis/${crd.group}/${crd.version}${ns}/${
          crd.plural
        }/${encodeURIComponent(query.name)}`,
      )
      .catch(e => {
        throw toBackstageError(e, `${crd.kind} ${query.name}`);
      });
  }

  private async crd(api: RawObjectApi, cluster: string, name: string) {
    try {
      return crdSummary(
        await api.getJson<CrdObject>(
          `${CRDS_PATH}/${encodeURIComponent(name)}`,
        ),
      );
    } catch (e) {
      if ((e as { code?: unknown }).code === 404) {
        throw new NotFoundError(
          `CustomResourceDefinition ${name} does not exist in cluster ${cluster}`,
        );
      }
      throw toBackstageError(e, `CustomResourceDefinition ${name}`);
    }
  }

  private api(cluster: string): RawObjectApi {
    return this.deps.clusters.clients(this.deps.clusters.usable(cluster).name)
      .raw;
  }

  private async requireRead(caller: AdminCaller) {
    await requirePermission(this.deps.permissions, caller.credentials, {
      permission: kubemateAdminReadPermission,
    });
  }
}

/** The edited YAML as the object to write; 400 when it is not that object of that CRD. */
function parseEdited(
  body: CustomResourceEdit,
  crd: Omit<CrdSummary, 'count'>,
): KubernetesObject {
  const doc = parseDocument(body.yaml, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new InputError(`YAML error: ${doc.errors[0].message}`);
  }
  const o = doc.toJS({ maxAliasCount: 100 }) as KubernetesObject | null;
  if (!o || typeof o !== 'object' || Array.isArray(o)) {
    throw new InputError('The YAML is not an object');
  }
  const served = crd.versions.filter(v => v.served).map(v => v.name);
  const [group, version] = String(o.apiVersion ?? '').split('/');
  if (group !== crd.group || !served.includes(version) || o.kind !== crd.kind) {
    throw new InputError(
      `The YAML must be a ${crd.kind} of ${crd.group} (apiVersion ${served
        .map(v => `${crd.group}/${v}`)
        .join(' or ')})`,
    );
  }
  if (o.metadata?.name !== body.name) {
    throw new InputError(
      `metadata.name must stay ${body.name}; create other objects from the YAML tab`,
    );
  }
  const namespace = crd.scope === 'Namespaced' ? body.namespace : undefined;
  if ((o.metadata?.namespace ?? namespace) !== namespace) {
    throw new InputError(
      `metadata.namespace must stay ${namespace ?? 'unset'}`,
    );
  }
  if (!o.metadata?.resourceVersion) {
    throw new InputError(
      'metadata.resourceVersion is required (keep the one of the YAML as read), so a change made meanwhile is not overwritten',
    );
  }
  return {
    ...o,
    metadata: { ...o.metadata, ...(namespace ? { namespace } : {}) },
  };
}
