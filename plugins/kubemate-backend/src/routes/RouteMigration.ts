import { InputError } from '@backstage/errors';
import {
  convertIngressRoute,
  parityCheck,
  resourcesOfKind,
  validateHttpRouteForParents,
  type IngressRouteObject,
  type KubeObject,
  type RouteMigrateApplyResponse,
  type RouteMigratePreviewResponse,
  type RouteMigrateRequest,
} from '@kubemate/plugin-kubemate-common';
import { stringify } from 'yaml';
import type { AuditTrail } from '../audit/AuditTrail';
import { comparableYaml } from '../kube/comparableYaml';
import { readOrUndefined } from '../kube/readOrUndefined';
import { GATEWAY_SUFFIX } from '../namespaces/onboardingPlan';
import type { Caller } from '../workloads/operations/WorkloadOperations';
import { auditYaml } from '../workloads/yaml/editedYaml';
import { unifiedDiff } from '../workloads/yaml/lineDiff';
import { gatewayParents } from './routeParents';
import { RouteInvalidError } from './routeDraft';
import type { RouteEditor } from './RouteEditor';
import { GATEWAY, type RouteScope } from './RouteScope';

type Port = { name?: string; port?: number };

/**
 * IngressRoute → HTTPRoute migration of one of the entity's IngressRoutes: the conversion, its
 * dry run and a parity check of sample requests; applying creates the HTTPRoutes and keeps the
 * IngressRoute, which the Routes tab offers to delete once they are Accepted.
 */
export class RouteMigration {
  constructor(
    private readonly editor: RouteEditor,
    private readonly audit: AuditTrail,
  ) {}

  async preview(
    caller: Caller,
    body: RouteMigrateRequest,
  ): Promise<RouteMigratePreviewResponse> {
    await this.editor.authorize(caller, 'route-create', this.target(body));
    const { scope, ingressRoute, conversion, gateway } = await this.convert(
      caller,
      body,
    );
    const routes = await Promise.all(
      conversion.httpRoutes.map(async route => {
        const issues = validateHttpRouteForParents(route.spec);
        const stored = await readOrUndefined(
          scope.raw,
          route as unknown as KubeObject,
        );
        let diff = '';
        if (!issues.length && !stored) {
          const after = await this.editor.write(scope, route, false, true);
          diff = unifiedDiff('', comparableYaml(after));
        }
        return {
          namespace: route.metadata.namespace ?? '',
          name: route.metadata.name,
          diff,
          issues,
          exists: !!stored,
        };
      }),
    );
    const parent = gateway ? gatewayParents(gateway)[0] : undefined;
    const parity = parityCheck(
      ingressRoute,
      conversion.httpRoutes,
      body.requests ?? [],
      parent ? { parent } : {},
    );
    return {
      yaml: conversion.httpRoutes.map(r => stringify(r)).join('---\n'),
      routes,
      notConvertible: conversion.notConvertible,
      notes: conversion.notes,
      parity,
    };
  }

  async apply(
    caller: Caller,
    body: RouteMigrateRequest,
  ): Promise<RouteMigrateApplyResponse> {
    const event = await this.editor.authorize(
      caller,
      'route-create',
      this.target(body),
    );
    const { scope, conversion } = await this.convert(caller, body);
    if (!conversion.httpRoutes.length) {
      throw new InputError(
        `Nothing of IngressRoute ${body.ingressRoute.namespace}/${
          body.ingressRoute.name
        } can be converted: ${conversion.notConvertible
          .map(p => `${p.what}: ${p.reason}`)
          .join('; ')}`,
      );
    }
    const issues = conversion.httpRoutes.flatMap((r, i) =>
      validateHttpRouteForParents(r.spec).map(issue => ({
        ...issue,
        path: `[${i}].${issue.path}`,
      })),
    );
    if (issues.length) throw new RouteInvalidError(issues);
    // All or nothing: no route may exist yet (the dry runs fail before anything is created).
    for (const route of conversion.httpRoutes) {
      await this.editor.write(scope, route, false, true);
    }
    const created = await this.audit.run(
      {
        ...event,
        operation: 'route-migrate',
        parameters: {
          ingressRoute: `${body.ingressRoute.apiVersion} ${body.ingressRoute.namespace}/${body.ingressRoute.name}`,
          notConvertible: conversion.notConvertible.map(p => p.what),
        },
      },
      caller.request,
      async () => {
        const out: KubeObject[] = [];
        for (const route of conversion.httpRoutes) {
          out.push(await this.editor.write(scope, route, false, false));
        }
        return out;
      },
      out => out.map(o => auditYaml(o)).join('---\n'),
    );
    return {
      created: created.map(o => ({
        namespace: o.metadata.namespace ?? '',
        name: o.metadata.name,
      })),
      ingressRouteKept: true,
    };
  }

  private target(body: RouteMigrateRequest) {
    return {
      cluster: body.cluster,
      namespace: body.ingressRoute.namespace,
      name: body.ingressRoute.name,
    };
  }

  /** Reads the IngressRoute (fresh, and only the entity's) and converts it. */
  private async convert(caller: Caller, body: RouteMigrateRequest) {
    const scope = await this.editor.scope(caller, body.cluster);
    const { apiVersion, namespace, name } = body.ingressRoute;
    const resource = resourcesOfKind('IngressRoute').find(
      r => r.apiVersion === apiVersion,
    )!;
    const target = { cluster: scope.cluster, namespace, name };
    const stored = await this.editor.storedRoute(
      scope,
      caller,
      target,
      resource,
    );
    const gateway = namespaceGateway(scope, namespace);
    const conversion = convertIngressRoute(
      stored as unknown as IngressRouteObject,
      {
        parentRefs: [
          {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            name: gateway?.metadata.name ?? `${namespace}${GATEWAY_SUFFIX}`,
          },
        ],
        resolvePort: (service, portName) =>
          (
            (
              scope.services.get(`${namespace}/${service}`)?.spec as
                | { ports?: Port[] }
                | undefined
            )?.ports ?? []
          ).find(p => p.name === portName)?.port,
      },
    );
    if (!gateway) {
      conversion.notes.push({
        note: `namespace ${namespace} has no Gateway yet: onboard it (Kubemate › Namespaces) so that the HTTPRoutes are served`,
      });
    }
    return {
      scope,
      ingressRoute: stored as unknown as IngressRouteObject,
      conversion,
      gateway,
    };
  }
}

/** The namespace's own Gateway (made by onboarding), else its first one. */
function namespaceGateway(
  scope: RouteScope,
  namespace: string,
): KubeObject | undefined {
  return (
    scope.cache.get(GATEWAY, namespace, `${namespace}${GATEWAY_SUFFIX}`) ??
    scope.cache.list(GATEWAY).find(g => g.metadata.namespace === namespace)
  );
}
