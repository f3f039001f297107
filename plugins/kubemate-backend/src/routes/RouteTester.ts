import type { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  describeMatch,
  kubemateRouteReadPermission,
  whichRouteWins,
  type HttpRouteObject,
  type RouteTestBody,
  type RouteTestParent,
  type RouteTestResponse,
} from '@kubemate/plugin-kubemate-common';
import { requirePermission } from '../auth/requirePermission';
import type { ClusterService } from '../clusters/ClusterService';
import type { Caller } from '../workloads/operations/WorkloadOperations';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';
import { gatewayParents } from './routeParents';
import { routeFromDraft } from './routeDraft';
import {
  GATEWAY,
  httpRoutesInScope,
  routeScope,
  type RouteScope,
} from './RouteScope';

const keyOf = (r: { metadata: { namespace?: string; name: string } }) =>
  `${r.metadata.namespace ?? ''}/${r.metadata.name}`;

/**
 * Which rule wins: routes a request through every HTTPRoute attached to a Gateway listener or a
 * Service in the entity's namespaces, by the Gateway API precedence rules, optionally with a
 * route being edited in place of its stored version.
 */
export class RouteTester {
  constructor(
    private readonly deps: {
      clusters: ClusterService;
      workloads: EntityWorkloadsService;
      permissions: PermissionsService;
      syncTimeoutMs: number;
    },
  ) {}

  async test(caller: Caller, body: RouteTestBody): Promise<RouteTestResponse> {
    await requirePermission(this.deps.permissions, caller.credentials, {
      permission: kubemateRouteReadPermission,
      resourceRef: caller.entityRef,
    });
    const scope = await routeScope(
      this.deps,
      caller.entityRef,
      caller.credentials,
      body.cluster,
    );
    const parent = this.parent(scope, body.parent);
    let routes = httpRoutesInScope(scope) as unknown as HttpRouteObject[];
    if (body.draft) {
      const draft = routeFromDraft(scope, caller.entityRef, body.draft);
      routes = [...routes.filter(r => keyOf(r) !== keyOf(draft)), draft];
    }
    const result = whichRouteWins(body.request, routes, parent);
    const considered = routes.map(keyOf).sort();
    if (result.outcome === 'none') {
      return {
        outcome: 'none',
        backends: [],
        filters: [],
        alsoMatched: [],
        why: result.why,
        considered,
      };
    }
    const { namespace, name, ruleIndex, matchIndex } = result;
    return {
      outcome: 'matched',
      winner: { namespace, name, ruleIndex, matchIndex },
      match: describeMatch(result.match),
      backends: result.backends,
      filters: result.filters,
      alsoMatched: result.alsoMatched,
      why: result.why,
      considered,
    };
  }

  /** The tester's parent, completed from the cluster (a listener's port and hostname). */
  private parent(
    scope: RouteScope,
    asked: RouteTestBody['parent'],
  ): RouteTestParent {
    if (!scope.namespaces.has(asked.namespace)) {
      throw new NotAllowedError(
        `${asked.kind} ${asked.namespace}/${asked.name} is not in one of the entity's namespaces`,
      );
    }
    if (asked.kind === 'Service') {
      return {
        kind: 'Service',
        namespace: asked.namespace,
        name: asked.name,
        ...(asked.port ? { port: asked.port } : {}),
      };
    }
    const gateway = scope.cache.get(GATEWAY, asked.namespace, asked.name);
    if (!gateway) {
      throw new NotFoundError(
        `Gateway ${asked.namespace}/${asked.name} not found in cluster ${scope.cluster}`,
      );
    }
    if (!asked.sectionName) {
      return { kind: 'Gateway', namespace: asked.namespace, name: asked.name };
    }
    const listener = gatewayParents(gateway).find(
      p => p.sectionName === asked.sectionName,
    );
    if (!listener) {
      throw new InputError(
        `Gateway ${asked.namespace}/${asked.name} has no listener '${asked.sectionName}'`,
      );
    }
    return listener;
  }
}
