import type { PermissionsService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  kubemateRouteCreatePermission,
  kubemateRouteDeletePermission,
  kubemateRouteUpdatePermission,
  resourceId,
  type HttpRouteDraft,
  type HttpRouteObject,
  type KubeObject,
  type RouteDeleteResponse,
  type RouteEditRequest,
  type RoutePreviewRequest,
  type RoutePreviewResponse,
  type ResourceType,
  type RouteSaveResponse,
} from '@kubemate/plugin-kubemate-common';
import type { z } from 'zod';
import type { routeDeleteQuerySchema } from '@kubemate/plugin-kubemate-common';
import { stringify } from 'yaml';
import type { AuditTrail } from '../audit/AuditTrail';
import { requirePermission } from '../auth/requirePermission';
import type { ClusterService } from '../clusters/ClusterService';
import { comparableYaml } from '../kube/comparableYaml';
import { readOrUndefined } from '../kube/readOrUndefined';
import { toBackstageError } from '../workloads/operations/kubeErrors';
import type { Caller } from '../workloads/operations/WorkloadOperations';
import { auditYaml } from '../workloads/yaml/editedYaml';
import { unifiedDiff } from '../workloads/yaml/lineDiff';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';
import {
  conflictsOf,
  listenerConflicts,
  serviceProfileWarnings,
} from './routeParents';
import { routeFromDraft } from './routeDraft';
import {
  HTTP_ROUTE,
  INGRESS_ROUTES,
  httpRoutesInScope,
  isEntityRoute,
  routeScope,
  type RouteScope,
} from './RouteScope';

/**
 * The draft to write over `stored`: conditional on the version just read (the fresh check
 * passed), so a write between that read and this replace is still a 409.
 */
function atStoredVersion(
  draft: HttpRouteDraft,
  stored?: KubeObject,
): HttpRouteDraft {
  const { generation: _generation, ...metadata } = draft.metadata;
  return stored?.metadata.resourceVersion
    ? {
        ...draft,
        metadata: {
          ...metadata,
          resourceVersion: stored.metadata.resourceVersion,
        },
      }
    : { ...draft, metadata };
}

/** Field manager of what the Routes tab writes. */
export const ROUTE_FIELD_MANAGER = 'kubemate-routes';

type Target = { cluster: string; namespace: string; name: string };
type DeleteQuery = z.output<typeof routeDeleteQuerySchema>;

/**
 * Writes an entity's HTTPRoutes from the form: validated as the CRD and its CEL rules would (400
 * with field issues), confined to the entity's namespaces and Services, previewed by a
 * server-side dry run, conditional on the version the editor loaded (409), audited.
 */
export class RouteEditor {
  constructor(
    private readonly deps: {
      clusters: ClusterService;
      workloads: EntityWorkloadsService;
      permissions: PermissionsService;
      audit: AuditTrail;
      syncTimeoutMs: number;
    },
  ) {}

  async preview(
    caller: Caller,
    body: RoutePreviewRequest,
  ): Promise<RoutePreviewResponse> {
    const { metadata } = body.route;
    const target = {
      cluster: body.cluster,
      namespace: metadata.namespace,
      name: metadata.name,
    };
    await this.authorize(
      caller,
      body.mode === 'create' ? 'route-create' : 'route-update',
      target,
    );
    const scope = await this.scope(caller, body.cluster);
    const stored =
      body.mode === 'update'
        ? await this.storedRoute(scope, caller, target, HTTP_ROUTE)
        : undefined;
    if (stored) await this.requireFresh(stored, metadata, target);
    const route = routeFromDraft(
      scope,
      caller.entityRef,
      atStoredVersion(body.route, stored),
      stored,
    );
    const after = await this.write(scope, route, !!stored, true);
    return {
      yaml: stringify(route),
      diff: unifiedDiff(comparableYaml(stored), comparableYaml(after)),
      ...this.consequences(scope, route),
    };
  }

  async create(
    caller: Caller,
    body: RouteEditRequest,
  ): Promise<RouteSaveResponse> {
    const target = {
      cluster: body.cluster,
      namespace: body.route.metadata.namespace,
      name: body.route.metadata.name,
    };
    const event = await this.authorize(caller, 'route-create', target);
    const scope = await this.scope(caller, body.cluster);
    const route = routeFromDraft(scope, caller.entityRef, {
      ...body.route,
      metadata: { ...body.route.metadata, resourceVersion: undefined },
    });
    const created = await this.deps.audit.run(
      { ...event, parameters: { yaml: stringify(route) } },
      caller.request,
      () => this.write(scope, route, false, false),
      auditYaml,
    );
    return this.saved(scope, route, created);
  }

  async update(
    caller: Caller,
    target: Target,
    body: RouteEditRequest,
  ): Promise<RouteSaveResponse> {
    const { metadata } = body.route;
    if (
      body.cluster !== target.cluster ||
      metadata.namespace !== target.namespace ||
      metadata.name !== target.name
    ) {
      throw new InputError(
        `The body names ${body.cluster}/${metadata.namespace}/${metadata.name}, the path ${target.cluster}/${target.namespace}/${target.name}: renaming a route is creating another one`,
      );
    }
    if (!metadata.resourceVersion) {
      throw new InputError(
        'route.metadata.resourceVersion is required: the version the edit started from, so that a concurrent change is not overwritten',
      );
    }
    const event = await this.authorize(caller, 'route-update', target);
    const scope = await this.scope(caller, target.cluster);
    const stored = await this.storedRoute(scope, caller, target, HTTP_ROUTE);
    const refuse = (e: Error) =>
      this.deps.audit.denied(
        { ...event, beforeYaml: auditYaml(stored) },
        e,
        caller.request,
      );
    await this.requireFresh(stored, metadata, target, refuse);
    const route = routeFromDraft(
      scope,
      caller.entityRef,
      atStoredVersion(body.route, stored),
      stored,
    );
    const written = await this.deps.audit.run(
      {
        ...event,
        parameters: { resourceVersion: metadata.resourceVersion },
        beforeYaml: auditYaml(stored),
      },
      caller.request,
      () => this.write(scope, route, true, false),
      auditYaml,
    );
    return this.saved(scope, route, written);
  }

  async remove(
    caller: Caller,
    target: Target,
    query: DeleteQuery,
  ): Promise<RouteDeleteResponse> {
    const event = await this.authorize(
      caller,
      'route-delete',
      target,
      query.kind,
    );
    const scope = await this.scope(caller, target.cluster);
    let stored: KubeObject | undefined;
    // An IngressRoute may be under either Traefik group: the first that holds it.
    for (const resource of query.kind === 'HTTPRoute'
      ? [HTTP_ROUTE]
      : INGRESS_ROUTES) {
      stored ??= await this.readEntityRoute(scope, caller, target, resource);
    }
    if (!stored) throw this.notFound(caller, target, query.kind);
    await this.requireFresh(stored, query, target, e =>
      this.deps.audit.denied(event, e, caller.request),
    );
    await this.deps.audit.run(
      { ...event, beforeYaml: auditYaml(stored) },
      caller.request,
      () =>
        scope.raw.delete(stored as KubernetesObject).catch(e => {
          throw toBackstageError(e, `${query.kind} ${target.name}`);
        }),
      () => undefined,
    );
    return {
      deleted: `${stored.apiVersion} ${query.kind} ${target.namespace}/${target.name}`,
    };
  }

  /** Conflicts with the other routes at the same parents, and what Linkerd or Traefik would ignore. */
  consequences(scope: RouteScope, route: HttpRouteObject) {
    const others = httpRoutesInScope(scope) as unknown as HttpRouteObject[];
    const namespace = route.metadata.namespace ?? '';
    const gateways = (route.spec.parentRefs ?? [])
      .filter(p => (p.kind ?? 'Gateway') === 'Gateway')
      .map(p => ({ namespace: p.namespace ?? namespace, name: p.name }));
    return {
      conflicts: conflictsOf(scope, route, others),
      warnings: [
        ...serviceProfileWarnings(scope, route),
        ...listenerConflicts(scope, gateways),
      ],
    };
  }

  private saved(
    scope: RouteScope,
    route: HttpRouteObject,
    written: KubeObject,
  ): RouteSaveResponse {
    return {
      cluster: scope.cluster,
      namespace: written.metadata.namespace ?? '',
      name: written.metadata.name,
      ...(written.metadata.resourceVersion
        ? { resourceVersion: written.metadata.resourceVersion }
        : {}),
      ...this.consequences(scope, route),
    };
  }

  /** Creates or replaces the route (a server-side dry run when `dry`). */
  async write(
    scope: RouteScope,
    route: HttpRouteObject,
    replace: boolean,
    dry: boolean,
  ): Promise<KubeObject> {
    const what = `HTTPRoute ${route.metadata.namespace}/${route.metadata.name}`;
    try {
      const written = replace
        ? await scope.raw.replaceStrict(route as KubernetesObject, {
            dryRun: dry,
            fieldManager: ROUTE_FIELD_MANAGER,
          })
        : await scope.raw.create(
            route as KubernetesObject,
            undefined,
            dry ? 'All' : undefined,
            ROUTE_FIELD_MANAGER,
          );
      return written as unknown as KubeObject;
    } catch (e) {
      const mapped = toBackstageError(e, what);
      if (mapped instanceof ConflictError) {
        throw new ConflictError(
          replace
            ? `${what} has changed since the form loaded it; reload it and apply your changes again (${mapped.message})`
            : `${what} already exists; edit it instead (${mapped.message})`,
        );
      }
      throw mapped;
    }
  }

  scope(caller: Caller, cluster: string): Promise<RouteScope> {
    return routeScope(this.deps, caller.entityRef, caller.credentials, cluster);
  }

  /** The permission check of an operation, refusals audited; the audit event to use after it. */
  async authorize(
    caller: Caller,
    operation: 'route-create' | 'route-update' | 'route-delete',
    target: Target,
    kind = 'HTTPRoute',
  ) {
    const event = {
      actor: caller.actor,
      entityRef: caller.entityRef,
      operation,
      cluster: target.cluster,
      namespace: target.namespace,
      kind,
      name: target.name,
    };
    const permission = {
      'route-create': kubemateRouteCreatePermission,
      'route-update': kubemateRouteUpdatePermission,
      'route-delete': kubemateRouteDeletePermission,
    }[operation];
    await requirePermission(
      this.deps.permissions,
      caller.credentials,
      { permission, resourceRef: caller.entityRef },
      error => this.deps.audit.denied(event, error, caller.request),
    );
    return event;
  }

  /**
   * The route as the API server has it now (not the watch cache: its resourceVersion must be
   * current), if it exists; 404 when it is not one of the entity's, so nobody edits another
   * team's route. Undefined when the cluster has no such object, or does not serve the kind.
   */
  async readEntityRoute(
    scope: RouteScope,
    caller: Caller,
    target: Target,
    resource: ResourceType,
  ): Promise<KubeObject | undefined> {
    // A group the cluster does not serve cannot even be named to the client.
    if (
      scope.cache.states().get(resourceId(resource))?.state === 'not-installed'
    ) {
      return undefined;
    }
    const stored = (await readOrUndefined(scope.raw, {
      apiVersion: resource.apiVersion,
      kind: resource.kind,
      metadata: { name: target.name, namespace: target.namespace },
    })) as KubeObject | undefined;
    if (stored && !isEntityRoute(scope, stored)) {
      throw this.notFound(caller, target, resource.kind);
    }
    return stored;
  }

  /** `readEntityRoute` of a route that must exist (404 otherwise). */
  async storedRoute(
    scope: RouteScope,
    caller: Caller,
    target: Target,
    resource: ResourceType,
  ): Promise<KubeObject> {
    const stored = await this.readEntityRoute(scope, caller, target, resource);
    if (!stored) throw this.notFound(caller, target, resource.kind);
    return stored;
  }

  notFound(caller: Caller, target: Target, kind: string) {
    return new NotFoundError(
      `${kind} ${target.namespace}/${target.name} is not a route of ${caller.entityRef} in cluster ${target.cluster}`,
    );
  }

  /**
   * 409 when the route changed since the user's view: its resourceVersion moved and, when the
   * view names its generation, so did the spec (status writes by the implementation do not
   * count). Nothing to check without a view.
   */
  async requireFresh(
    stored: KubeObject,
    seen: { resourceVersion?: string; generation?: number },
    target: Target,
    onRefusal?: (e: Error) => Promise<void>,
  ): Promise<void> {
    const current = stored.metadata.resourceVersion;
    if (!seen.resourceVersion || seen.resourceVersion === current) return;
    if (
      seen.generation !== undefined &&
      seen.generation === stored.metadata.generation
    ) {
      return;
    }
    const error = new ConflictError(
      `${stored.kind} ${target.namespace}/${target.name} has changed since you loaded it (resourceVersion ${seen.resourceVersion}, now ${current}); reload it and apply your changes again`,
    );
    await onRefusal?.(error);
    throw error;
  }
}
