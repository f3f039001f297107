import { z } from 'zod';
import { entityParamsSchema } from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import {
  kubemateRouteCreatePermission,
  kubemateRouteDeletePermission,
  kubemateRouteReadPermission,
  kubemateRouteUpdatePermission,
} from '../permissions';
import {
  routeConflictSchema,
  routeDeleteQuerySchema,
  routeDeleteResponseSchema,
  routeEditBodySchema,
  routeMigrateApplyResponseSchema,
  routeMigrateBodySchema,
  routeMigratePreviewResponseSchema,
  routeObjectParamsSchema,
  routePreviewBodySchema,
  routePreviewResponseSchema,
  routeSaveResponseSchema,
  routeTestBodySchema,
  routeTestResponseSchema,
} from './editContract';

/** A condition of a route's status, per parent, as the implementation set it. */
export const routeConditionSchema = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  observedGeneration: z.number().optional(),
});
export type RouteCondition = z.infer<typeof routeConditionSchema>;

/** A parent of an HTTPRoute: a Gateway (a listener of it) or a Service (Linkerd, GAMMA). */
export const routeParentSchema = z.object({
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  sectionName: z.string().optional(),
  port: z.number().int().optional(),
  /** Status conditions the implementation wrote for this parent; empty when none did. */
  conditions: z.array(routeConditionSchema),
});
export type RouteParent = z.infer<typeof routeParentSchema>;

/** A backend of a rule with its share of the rule's traffic. */
export const routeBackendSchema = z.object({
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  port: z.number().int().optional(),
  weight: z.number(),
  /** Share of the rule's traffic in percent (0 when every weight is 0). */
  percent: z.number(),
});
export type RouteBackend = z.infer<typeof routeBackendSchema>;

/** One rule of an HTTPRoute, summarized for reading. */
export const httpRouteRuleSchema = z.object({
  /** Each match as one line, e.g. `PathPrefix /api · GET · header x-canary=1`. */
  matches: z.array(z.string()),
  backends: z.array(routeBackendSchema),
  /** Filter types in order (RequestHeaderModifier, URLRewrite, ExtensionRef Middleware x…). */
  filters: z.array(z.string()),
  timeouts: z
    .object({
      request: z.string().optional(),
      backendRequest: z.string().optional(),
    })
    .optional(),
});
export type HttpRouteRule = z.infer<typeof httpRouteRuleSchema>;

/** An HTTPRoute of the entity. */
export const httpRouteSummarySchema = z
  .object({
    apiVersion: z.string(),
    namespace: z.string(),
    name: z.string(),
    uid: z.string().optional(),
    resourceVersion: z.string().optional(),
    /** The spec's generation, for the editor's stale-edit check. */
    generation: z.number().int().optional(),
    createdAt: z.string().optional(),
    hostnames: z.array(z.string()),
    parents: z.array(routeParentSchema),
    rules: z.array(httpRouteRuleSchema),
    /** The spec as stored, for the form editor to start from. */
    spec: z.record(z.string(), z.unknown()),
  })
  .describe('HttpRouteSummary');
export type HttpRouteSummary = z.infer<typeof httpRouteSummarySchema>;

/** A legacy Traefik IngressRoute of the entity (still editable as YAML). */
export const ingressRouteSummarySchema = z
  .object({
    apiVersion: z.string(),
    namespace: z.string(),
    name: z.string(),
    resourceVersion: z.string().optional(),
    createdAt: z.string().optional(),
    entryPoints: z.array(z.string()),
    routes: z.array(
      z.object({
        match: z.string(),
        priority: z.number().optional(),
        services: z.array(
          z.object({
            name: z.string(),
            port: z.union([z.number(), z.string()]).optional(),
            weight: z.number().optional(),
            kind: z.string().optional(),
          }),
        ),
        middlewares: z.array(z.string()),
      }),
    ),
    tlsSecretName: z.string().optional(),
  })
  .describe('IngressRouteSummary');
export type IngressRouteSummary = z.infer<typeof ingressRouteSummarySchema>;

/** A Gateway of the entity's namespaces: the parents the form offers, with their status. */
export const routeGatewaySchema = z.object({
  namespace: z.string(),
  name: z.string(),
  listeners: z.array(
    z.object({
      name: z.string(),
      port: z.number().int().optional(),
      protocol: z.string().optional(),
      hostname: z.string().optional(),
      conditions: z.array(routeConditionSchema),
    }),
  ),
  conditions: z.array(routeConditionSchema),
});
export type RouteGateway = z.infer<typeof routeGatewaySchema>;

/** A Service of the entity: what backendRefs and Service parents may name. */
export const routeServiceSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  ports: z.array(
    z.object({ name: z.string().optional(), port: z.number().int() }),
  ),
  /** The ServiceProfile Linkerd serves this Service by, if any (it shadows HTTPRoutes). */
  serviceProfile: z.string().optional(),
});
export type RouteService = z.infer<typeof routeServiceSchema>;

/** The entity's routes in one cluster, or why they could not be read. */
export const clusterRoutesSchema = z
  .object({
    cluster: z.string(),
    title: z.string().optional(),
    status: z.enum(['ok', 'error']),
    error: z.string().optional(),
    /** Route kinds the cluster does not serve (their CRDs are not installed). */
    notInstalled: z.array(z.string()),
    httpRoutes: z.array(httpRouteSummarySchema),
    ingressRoutes: z.array(ingressRouteSummarySchema),
    /** The entity's namespaces here: where its routes may live. */
    namespaces: z.array(z.string()),
    gateways: z.array(routeGatewaySchema),
    services: z.array(routeServiceSchema),
    /** Identical matches between routes at one parent, with who wins. */
    conflicts: z.array(routeConflictSchema),
    /** ServiceProfiles shadowing HTTPRoutes, listeners in conflict. */
    warnings: z.array(z.string()),
  })
  .describe('ClusterRoutes');
export type ClusterRoutes = z.infer<typeof clusterRoutesSchema>;

export const entityRoutesResponseSchema = z
  .object({ items: z.array(clusterRoutesSchema) })
  .describe('EntityRoutesResponse');
export type EntityRoutesResponse = z.infer<typeof entityRoutesResponseSchema>;

const entity = '/entities/:kind/:namespace/:name';

/** Routes of the Routes tab. */
export const routeRoutes = defineRoutes({
  getEntityRoutes: {
    method: 'GET',
    path: `${entity}/routes`,
    summary:
      "The HTTPRoutes and Traefik IngressRoutes that send traffic to the entity's Services, with their status per parent",
    permission: kubemateRouteReadPermission.name,
    params: entityParamsSchema,
    response: entityRoutesResponseSchema,
  },
  previewRoute: {
    method: 'POST',
    path: `${entity}/routes/preview`,
    summary:
      'Validates an HTTPRoute as the CRD and its CEL rules do (400 with field issues) and answers the YAML, the server-side dry-run diff, conflicts and warnings',
    permission: `${kubemateRouteCreatePermission.name} (mode create) or ${kubemateRouteUpdatePermission.name} (mode update)`,
    params: entityParamsSchema,
    body: routePreviewBodySchema,
    response: routePreviewResponseSchema,
  },
  createRoute: {
    method: 'POST',
    path: `${entity}/routes`,
    summary:
      'Creates an HTTPRoute in one of the entity’s namespaces, defaulted fields written explicitly (409 when it exists; audited)',
    permission: kubemateRouteCreatePermission.name,
    params: entityParamsSchema,
    body: routeEditBodySchema,
    response: routeSaveResponseSchema,
  },
  updateRoute: {
    method: 'PUT',
    path: `${entity}/routes/:cluster/:routeNamespace/:routeName`,
    summary:
      'Replaces one of the entity’s HTTPRoutes; a resourceVersion other than the stored one is a 409 (audited)',
    permission: kubemateRouteUpdatePermission.name,
    params: routeObjectParamsSchema,
    body: routeEditBodySchema,
    response: routeSaveResponseSchema,
  },
  deleteRoute: {
    method: 'DELETE',
    path: `${entity}/routes/:cluster/:routeNamespace/:routeName`,
    summary:
      'Deletes one of the entity’s HTTPRoutes or IngressRoutes (audited)',
    permission: kubemateRouteDeletePermission.name,
    params: routeObjectParamsSchema,
    query: routeDeleteQuerySchema,
    response: routeDeleteResponseSchema,
  },
  testRoute: {
    method: 'POST',
    path: `${entity}/routes/test`,
    summary:
      'The route tester: which HTTPRoute, rule and backends serve a request at a Gateway listener or Service, by Gateway API precedence',
    permission: kubemateRouteReadPermission.name,
    params: entityParamsSchema,
    body: routeTestBodySchema,
    response: routeTestResponseSchema,
  },
  previewRouteMigration: {
    method: 'POST',
    path: `${entity}/routes/migrate/preview`,
    summary:
      'Converts an IngressRoute to HTTPRoutes: YAML, what cannot be converted, dry-run diffs and a parity check of sample requests',
    permission: kubemateRouteCreatePermission.name,
    params: entityParamsSchema,
    body: routeMigrateBodySchema,
    response: routeMigratePreviewResponseSchema,
  },
  applyRouteMigration: {
    method: 'POST',
    path: `${entity}/routes/migrate/apply`,
    summary:
      'Creates the HTTPRoutes of an IngressRoute’s conversion, keeping the IngressRoute (audited)',
    permission: kubemateRouteCreatePermission.name,
    params: entityParamsSchema,
    body: routeMigrateBodySchema,
    response: routeMigrateApplyResponseSchema,
  },
});
