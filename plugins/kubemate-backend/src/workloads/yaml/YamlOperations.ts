import type { PermissionsService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  kubemateRouteReadPermission,
  kubemateRouteUpdatePermission,
  kubemateWorkloadReadPermission,
  kubemateWorkloadSecretReadPermission,
  kubemateWorkloadYamlApplyPermission,
  WORKLOAD_RESOURCES,
  type KubeObject,
  type ResourceType,
  type YamlPreviewResponse,
} from '@kubemate/plugin-kubemate-common';
import type { AuditTrail } from '../../audit/AuditTrail';
import { requirePermission } from '../../auth/requirePermission';
import type { EntityWorkloadsService } from '../EntityWorkloadsService';
import type { ClusterService } from '../../clusters/ClusterService';
import type { RawObjectApi } from '../../kube/RawObjectApi';
import { FIELD_MANAGER } from '../operations/kubeClients';
import { toBackstageError } from '../operations/kubeErrors';
import type { Caller, ObjectRef } from '../operations/WorkloadOperations';
import {
  auditYaml,
  editableObject,
  editableYaml,
  parseEditedYaml,
} from './editedYaml';
import { redactSecretPair } from '../../security/redactSecret';
import { editFindings } from './editFindings';
import { unifiedDiff } from './lineDiff';
import {
  HTTP_ROUTE,
  INGRESS_ROUTES,
  isEntityRoute,
  routeScope,
} from '../../routes/RouteScope';
import {
  SecretReadAudit,
  secretVersionOf,
  type SecretReadVia,
} from '../../security/SecretReadAudit';

export const YAML_APPLY_OPERATION = 'yaml-apply';

const resourceOf = new Map<string, ResourceType>(
  WORKLOAD_RESOURCES.map(r => [r.kind, r]),
);

/** Route kinds are edited as YAML too, by whoever may update the entity's routes. */
const ROUTE_RESOURCES = new Map<string, readonly ResourceType[]>([
  ['HTTPRoute', [HTTP_ROUTE]],
  ['IngressRoute', INGRESS_ROUTES],
]);

/** Who may read and who may edit an object's YAML, by its kind. */
function permissionsFor(kind: string): {
  read: ResourcePermission;
  write: ResourcePermission;
} {
  return ROUTE_RESOURCES.has(kind)
    ? {
        read: kubemateRouteReadPermission,
        write: kubemateRouteUpdatePermission,
      }
    : {
        read: kubemateWorkloadReadPermission,
        write: kubemateWorkloadYamlApplyPermission,
      };
}

/** View, preview (server-side dry run) and apply edited YAML of an entity's objects. */
export class YamlOperations {
  private readonly secretReads: SecretReadAudit;

  constructor(
    private readonly deps: {
      clusters: ClusterService;
      workloads: EntityWorkloadsService;
      permissions: PermissionsService;
      audit: AuditTrail;
      /** How long a first request waits for a cluster's route caches to fill. */
      syncTimeoutMs: number;
    },
  ) {
    this.secretReads = new SecretReadAudit(deps.audit);
  }

  /** The object as the API server has it now, ready to edit (with its resourceVersion). */
  async view(caller: Caller, ref: ObjectRef): Promise<{ yaml: string }> {
    await this.require(caller, permissionsFor(ref.kind).read, ref, 'yaml');
    const { object: current } = await this.current(caller, ref);
    await this.secretServed(caller, ref, current, 'yaml');
    return { yaml: editableYaml(current) };
  }

  /** What applying `yamlText` would do, by a server-side dry run; changes nothing. */
  async preview(
    caller: Caller,
    ref: ObjectRef,
    yamlText: string,
  ): Promise<YamlPreviewResponse> {
    await this.require(
      caller,
      permissionsFor(ref.kind).write,
      ref,
      'yaml-preview',
    );
    const { object: current, resource } = await this.current(caller, ref);
    const edited = parseEditedYaml(yamlText, {
      ...ref,
      apiVersion: resource.apiVersion,
    });
    const wouldBe = await this.replace(ref, edited, true);
    // A Secret's values never leave in a diff: which keys change is shown, not their values.
    const [shownBefore, shownAfter] = redactSecretPair(
      editableObject(current),
      editableObject(wouldBe),
    );
    const before = editableYaml(shownBefore);
    const after = editableYaml(shownAfter);
    return {
      before,
      after,
      diff: unifiedDiff(before, after),
      findings: editFindings(editableObject(current), wouldBe, ref),
    };
  }

  /**
   * Replaces the object with `yamlText`, conditionally on the resourceVersion it carries:
   * if the object changed since it was loaded, the API server's 409 comes back as a
   * ConflictError and nothing is overwritten.
   */
  async apply(
    caller: Caller,
    ref: ObjectRef,
    yamlText: string,
  ): Promise<{ object: KubernetesObject }> {
    const event = {
      actor: caller.actor,
      entityRef: caller.entityRef,
      ...ref,
      operation: YAML_APPLY_OPERATION,
    };
    await requirePermission(
      this.deps.permissions,
      caller.credentials,
      {
        permission: permissionsFor(ref.kind).write,
        resourceRef: caller.entityRef,
      },
      error => this.deps.audit.denied(event, error, caller.request),
    );
    await this.requireSecretRead(caller, ref, 'yaml');
    const { object: current, resource } = await this.current(caller, ref);
    const edited = parseEditedYaml(yamlText, {
      ...ref,
      apiVersion: resource.apiVersion,
    });
    const resourceVersion = edited.metadata.resourceVersion;
    if (typeof resourceVersion !== 'string' || resourceVersion === '') {
      throw new InputError(
        'The YAML must keep metadata.resourceVersion as it was loaded, so that a concurrent change is not overwritten',
      );
    }
    const object = await this.deps.audit.run(
      {
        ...event,
        parameters: { resourceVersion },
        beforeYaml: auditYaml(current),
      },
      caller.request,
      () => this.replace(ref, edited, false),
      auditYaml,
    );
    return { object };
  }

  private async require(
    caller: Caller,
    permission: ResourcePermission,
    ref: ObjectRef,
    via: SecretReadVia,
  ) {
    await requirePermission(this.deps.permissions, caller.credentials, {
      permission,
      resourceRef: caller.entityRef,
    });
    await this.requireSecretRead(caller, ref, via);
  }

  /** A Secret's YAML holds its values: only for those who may read them; refusals on record. */
  private async requireSecretRead(
    caller: Caller,
    ref: ObjectRef,
    via: SecretReadVia,
  ) {
    if (ref.kind !== 'Secret') return;
    await requirePermission(
      this.deps.permissions,
      caller.credentials,
      {
        permission: kubemateWorkloadSecretReadPermission,
        resourceRef: caller.entityRef,
      },
      error => this.secretReads.refused(caller, via, ref, error),
    );
  }

  /** Puts a served Secret's values on record; nothing is served when that fails (503). */
  private async secretServed(
    caller: Caller,
    ref: ObjectRef,
    object: KubernetesObject,
    via: SecretReadVia,
  ) {
    if (ref.kind !== 'Secret') return;
    await this.secretReads.served(
      caller,
      via,
      [secretVersionOf(ref.cluster, object)],
      ref,
    );
  }

  /**
   * The object read from the API server (not the watch cache, so its resourceVersion is
   * current), only if it belongs to the entity: nobody edits other teams' objects.
   */
  private async current(
    caller: Caller,
    ref: ObjectRef,
  ): Promise<{ object: KubernetesObject; resource: ResourceType }> {
    const resource = await this.ownedResource(caller, ref);
    try {
      const object = await this.objectApi(ref.cluster).read({
        apiVersion: resource.apiVersion,
        kind: ref.kind,
        metadata: { name: ref.name, namespace: ref.namespace },
      });
      return { object, resource };
    } catch (error) {
      throw toBackstageError(error, this.describe(ref));
    }
  }

  /** The resource of the target if it is one of the entity's objects (or routes); 404 if not. */
  private async ownedResource(
    caller: Caller,
    ref: ObjectRef,
  ): Promise<ResourceType> {
    const routeResources = ROUTE_RESOURCES.get(ref.kind);
    if (routeResources) {
      const scope = await routeScope(
        this.deps,
        caller.entityRef,
        caller.credentials,
        ref.cluster,
      );
      // An IngressRoute may be served under either Traefik group: the one holding it.
      const found = routeResources.find(r => {
        const o = scope.cache.get(r, ref.namespace, ref.name);
        return o && isEntityRoute(scope, o);
      });
      if (!found) {
        throw new NotFoundError(
          `${ref.kind} ${ref.namespace}/${ref.name} is not a route of ${caller.entityRef} in cluster ${ref.cluster}`,
        );
      }
      return found;
    }
    const resource = resourceOf.get(ref.kind);
    if (!resource) throw new InputError(`Unsupported kind '${ref.kind}'`);
    const objects = await this.deps.workloads.objectsInCluster(
      caller.entityRef,
      caller.credentials,
      ref.cluster,
    );
    const owned = (
      objects[resource.plural as keyof typeof objects] as KubeObject[]
    ).some(
      o =>
        o.metadata.name === ref.name && o.metadata.namespace === ref.namespace,
    );
    if (!owned) {
      throw new NotFoundError(
        `${ref.kind} ${ref.namespace}/${ref.name} is not a workload of ${caller.entityRef} in cluster ${ref.cluster}`,
      );
    }
    return resource;
  }

  private async replace(
    ref: ObjectRef,
    edited: KubernetesObject,
    dryRun: boolean,
  ): Promise<KubernetesObject> {
    try {
      return await this.objectApi(ref.cluster).replaceStrict(edited, {
        dryRun,
        fieldManager: FIELD_MANAGER,
      });
    } catch (error) {
      const mapped = toBackstageError(error, this.describe(ref));
      if (mapped instanceof ConflictError) {
        throw new ConflictError(
          `${this.describe(
            ref,
          )} has changed since its YAML was loaded (resourceVersion ${
            edited.metadata?.resourceVersion ?? 'missing'
          } is no longer current); reload it and re-apply your changes. (${
            mapped.message
          })`,
        );
      }
      throw mapped;
    }
  }

  private describe(ref: ObjectRef) {
    return `${ref.kind} ${ref.namespace}/${ref.name} in cluster ${ref.cluster}`;
  }

  private objectApi(clusterName: string): RawObjectApi {
    return this.deps.clusters.clients(clusterName).raw;
  }
}
