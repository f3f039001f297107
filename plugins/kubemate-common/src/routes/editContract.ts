import { z } from 'zod';
import {
  dnsNameSchema,
  entityParamsSchema,
  nameSchema,
  queryInt,
} from '../contract/primitives';

/**
 * The write side of the Routes tab: editing HTTPRoutes in the form, the route tester and the
 * IngressRoute migration. Specs are checked twice with the same code: `validateHttpRoute` in the
 * form, next to each field, and on the server, which answers 400 with the same field issues.
 */

/** Shortest free text: header values, hosts, paths of a test request. */
const text = (max: number) => z.string().max(max);

/** A field problem: where (`spec.rules[0].matches[1].path.value`) and what. */
export const routeIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});

/** The HTTPRoute being written: its name, namespace and spec; `resourceVersion` when editing. */
export const httpRouteDraftSchema = z.object({
  metadata: z.object({
    namespace: dnsNameSchema.max(63),
    name: dnsNameSchema,
    /** The version the editor started from: a different one on the server is a 409… */
    resourceVersion: z.string().max(64).optional(),
    /**
     * …unless this, the spec's generation the editor started from, is still current: then only
     * status or metadata moved (an implementation writes route status all the time).
     */
    generation: z.number().int().min(0).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  /** Checked field by field by `validateHttpRoute`, not by this schema. */
  spec: z.unknown(),
});
export type HttpRouteDraft = z.infer<typeof httpRouteDraftSchema>;

/** Body of preview, create and update. */
export const routeEditBodySchema = z.object({
  cluster: nameSchema,
  route: httpRouteDraftSchema,
});
export type RouteEditRequest = z.infer<typeof routeEditBodySchema>;

export const routePreviewBodySchema = routeEditBodySchema.extend({
  /** `create` a new route (409 when it exists) or `update` an existing one. */
  mode: z.enum(['create', 'update']),
});
export type RoutePreviewRequest = z.infer<typeof routePreviewBodySchema>;

/** A conflict of the edited route with another route attached to the same parent. */
export const routeConflictSchema = z.object({
  /** The parent both routes attach to, e.g. `Gateway erp-finance/erp-finance-gateway`. */
  parent: z.string(),
  hostname: z.string(),
  match: z.string(),
  /** `namespace/name` of every route with this match, the winner first. */
  routes: z.array(z.string()),
  winner: z.string(),
  why: z.string(),
});
export type RouteConflictSummary = z.infer<typeof routeConflictSchema>;

/** What saving the route would do. */
export const routePreviewResponseSchema = z
  .object({
    /** The route as it would be written, defaulted fields explicit, as YAML. */
    yaml: z.string(),
    /** Unified diff of the stored route (empty for a new one) against the server's dry run. */
    diff: z.string(),
    conflicts: z.array(routeConflictSchema),
    /** Things to know that do not stop saving, e.g. a ServiceProfile shadowing the route. */
    warnings: z.array(z.string()),
  })
  .describe('RoutePreviewResponse');
export type RoutePreviewResponse = z.infer<typeof routePreviewResponseSchema>;

/** The 400 of an invalid route: Backstage's error body plus the field issues. */
export const routeInvalidResponseSchema = z
  .object({
    error: z.object({ name: z.string(), message: z.string() }),
    request: z.object({ method: z.string(), url: z.string() }).optional(),
    response: z.object({ statusCode: z.literal(400) }),
    issues: z.array(routeIssueSchema),
  })
  .describe('RouteInvalidResponse');
export type RouteInvalidResponse = z.infer<typeof routeInvalidResponseSchema>;

export const routeSaveResponseSchema = z
  .object({
    cluster: z.string(),
    namespace: z.string(),
    name: z.string(),
    resourceVersion: z.string().optional(),
    conflicts: z.array(routeConflictSchema),
    warnings: z.array(z.string()),
  })
  .describe('RouteSaveResponse');
export type RouteSaveResponse = z.infer<typeof routeSaveResponseSchema>;

export const routeObjectParamsSchema = entityParamsSchema.extend({
  cluster: nameSchema,
  routeNamespace: dnsNameSchema.max(63),
  routeName: dnsNameSchema,
});

export const routeDeleteQuerySchema = z.object({
  /** HTTPRoute, or a legacy IngressRoute (e.g. after its migration). */
  kind: z.enum(['HTTPRoute', 'IngressRoute']).default('HTTPRoute'),
  /** The version the user saw; a different one is a 409 unless `generation` is still current. */
  resourceVersion: z.string().max(64).optional(),
  generation: queryInt(0, Number.MAX_SAFE_INTEGER).optional(),
});

export const routeDeleteResponseSchema = z
  .object({ deleted: z.string() })
  .describe('RouteDeleteResponse');
export type RouteDeleteResponse = z.infer<typeof routeDeleteResponseSchema>;

/** A request for the route tester and the parity check. */
export const routeTestRequestSchema = z.object({
  host: text(253).optional(),
  path: text(4096).regex(/^\//, 'must start with /'),
  method: text(16).optional(),
  headers: z.record(text(256), text(4096)).optional(),
  query: z.record(text(256), text(4096)).optional(),
});

/** Where the tested request arrives: a listener of a Gateway, or a Service (Linkerd). */
export const routeTestParentSchema = z.object({
  kind: z.enum(['Gateway', 'Service']),
  namespace: dnsNameSchema.max(63),
  name: dnsNameSchema,
  /** The Gateway's listener; all of them when absent. */
  sectionName: z.string().max(253).optional(),
  port: z.number().int().min(1).max(65535).optional(),
});
export type RouteTestParentRequest = z.infer<typeof routeTestParentSchema>;

export const routeTestBodySchema = z.object({
  cluster: nameSchema,
  parent: routeTestParentSchema,
  request: routeTestRequestSchema,
  /** A route being edited, tested in place of its stored version (or as a new one). */
  draft: httpRouteDraftSchema.optional(),
});
export type RouteTestBody = z.infer<typeof routeTestBodySchema>;

const matchRefSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  ruleIndex: z.number().int(),
  matchIndex: z.number().int(),
});

export const routeTestResponseSchema = z
  .object({
    outcome: z.enum(['matched', 'none']),
    /** The winning route, rule and match, when one matched. */
    winner: matchRefSchema.optional(),
    /** The winning match as one line (`PathPrefix /api · GET`). */
    match: z.string().optional(),
    backends: z.array(
      z.object({
        kind: z.string(),
        namespace: z.string(),
        name: z.string(),
        port: z.number().int().optional(),
        weight: z.number(),
        percent: z.number(),
      }),
    ),
    filters: z.array(z.string()),
    alsoMatched: z.array(matchRefSchema),
    /** The precedence steps that decided, in plain words. */
    why: z.array(z.string()),
    /** `namespace/name` of every HTTPRoute considered at this parent. */
    considered: z.array(z.string()),
  })
  .describe('RouteTestResponse');
export type RouteTestResponse = z.infer<typeof routeTestResponseSchema>;

export const routeMigrateBodySchema = z.object({
  cluster: nameSchema,
  /** The IngressRoute to convert (either Traefik API group). */
  ingressRoute: z.object({
    apiVersion: z.enum(['traefik.io/v1alpha1', 'traefik.containo.us/v1alpha1']),
    namespace: dnsNameSchema.max(63),
    name: dnsNameSchema,
  }),
  /** Extra requests for the parity check, besides those derived from the rules. */
  requests: z.array(routeTestRequestSchema).max(50).optional(),
});
export type RouteMigrateRequest = z.infer<typeof routeMigrateBodySchema>;

const parityRowSchema = z.object({
  request: routeTestRequestSchema,
  traefik: z
    .object({
      route: z.number().int(),
      match: z.string(),
      backends: z.array(z.string()),
    })
    .nullable(),
  gateway: z
    .object({
      route: z.string(),
      ruleIndex: z.number().int(),
      matchIndex: z.number().int(),
      backends: z.array(z.string()),
    })
    .nullable(),
  same: z.boolean(),
});

export const routeMigratePreviewResponseSchema = z
  .object({
    /** The HTTPRoutes the IngressRoute becomes, as YAML (one document each). */
    yaml: z.string(),
    routes: z.array(
      z.object({
        namespace: z.string(),
        name: z.string(),
        /** Server-side dry-run diff against what exists under that name. */
        diff: z.string(),
        issues: z.array(routeIssueSchema),
        exists: z.boolean(),
      }),
    ),
    notConvertible: z.array(
      z.object({
        route: z.number().int().optional(),
        what: z.string(),
        reason: z.string(),
        position: z.number().int().optional(),
      }),
    ),
    notes: z.array(
      z.object({ route: z.number().int().optional(), note: z.string() }),
    ),
    parity: z.object({
      rows: z.array(parityRowSchema),
      mismatches: z.array(parityRowSchema),
    }),
  })
  .describe('RouteMigratePreviewResponse');
export type RouteMigratePreviewResponse = z.infer<
  typeof routeMigratePreviewResponseSchema
>;

export const routeMigrateApplyResponseSchema = z
  .object({
    created: z.array(z.object({ namespace: z.string(), name: z.string() })),
    /** The IngressRoute stays until the HTTPRoutes are Accepted; then the tab offers to delete it. */
    ingressRouteKept: z.boolean(),
  })
  .describe('RouteMigrateApplyResponse');
export type RouteMigrateApplyResponse = z.infer<
  typeof routeMigrateApplyResponseSchema
>;
