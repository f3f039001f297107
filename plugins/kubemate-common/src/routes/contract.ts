import { z } from 'zod';
import { entityParamsSchema } from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import { kubemateRouteReadPermission } from '../permissions';

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
    createdAt: z.string().optional(),
    hostnames: z.array(z.string()),
    parents: z.array(routeParentSchema),
    rules: z.array(httpRouteRuleSchema),
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
});
