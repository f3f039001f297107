import { z } from 'zod';
import {
  dnsNameSchema,
  entityParamsSchema,
  nameSchema,
} from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import { compileRe2 } from '../routes/tester/re2';
import {
  kubemateRouteReadPermission,
  kubemateRouteUpdatePermission,
} from '../permissions';

/**
 * Linkerd ServiceProfiles (`linkerd.io/v1alpha2`) of an entity's Services: per-route retries
 * and timeouts for meshes that still use them. Linkerd serves a Service by its profile when one
 * exists, so the Service's HTTPRoutes (and a release's weights on them) are then ignored.
 */

/** A Go duration as Linkerd reads it (e.g. `300ms`, `2s`, `1m`). */
const durationSchema = z
  .string()
  .regex(/^\d+(\.\d+)?(ms|s|m|h)$/, 'must be a duration such as 300ms or 2s');

export const serviceProfileRouteSchema = z.object({
  name: z.string().min(1).max(253),
  condition: z.object({
    method: z
      .enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
      .optional(),
    pathRegex: z
      .string()
      .min(1)
      .max(1024)
      // Linkerd compiles pathRegex with Go's RE2, as route regexes are.
      .refine(
        p => compileRe2(p, false) !== undefined,
        'must be a regular expression (RE2 syntax)',
      ),
  }),
  isRetryable: z.boolean().optional(),
  timeout: durationSchema.optional(),
});
export type ServiceProfileRoute = z.infer<typeof serviceProfileRouteSchema>;

export const serviceProfileSpecSchema = z.object({
  routes: z.array(serviceProfileRouteSchema).max(100),
  retryBudget: z
    .object({
      retryRatio: z.number().min(0).max(1),
      minRetriesPerSecond: z.number().int().min(0).max(10_000),
      ttl: durationSchema,
    })
    .optional(),
});
export type ServiceProfileSpec = z.infer<typeof serviceProfileSpecSchema>;

/** One of the entity's Services and its profile, if it has one. */
export const serviceProfileItemSchema = z.object({
  cluster: nameSchema,
  namespace: dnsNameSchema,
  service: dnsNameSchema,
  profile: z
    .object({
      /** `<service>.<namespace>.svc.cluster.local` */
      name: z.string(),
      resourceVersion: z.string().optional(),
      spec: serviceProfileSpecSchema,
    })
    .optional(),
  /** HTTPRoutes with the Service as parent, which Linkerd ignores while the profile exists. */
  shadowedRoutes: z.array(z.string()),
});
export const serviceProfileListResponseSchema = z
  .object({
    items: z.array(serviceProfileItemSchema),
    /** Clusters where Linkerd's ServiceProfile CRD is not installed. */
    notInstalled: z.array(nameSchema),
  })
  .describe('ServiceProfileListResponse');
export type ServiceProfileListResponse = z.infer<
  typeof serviceProfileListResponseSchema
>;

export const serviceProfileParamsSchema = entityParamsSchema.extend({
  cluster: nameSchema,
  serviceNamespace: dnsNameSchema.max(63),
  service: dnsNameSchema,
});

/** Body of `PUT …/serviceprofiles/:cluster/:serviceNamespace/:service`. */
export const serviceProfileSaveSchema = z.object({
  spec: serviceProfileSpecSchema,
  /** The version edited; absent when creating. A change since is a 409. */
  resourceVersion: z.string().max(64).optional(),
  /** Server-side dry run: the diff, nothing written. */
  dryRun: z.boolean().default(false),
});
export type ServiceProfileSaveRequest = z.input<
  typeof serviceProfileSaveSchema
>;

export const serviceProfileSaveResponseSchema = z
  .object({
    created: z.boolean(),
    dryRun: z.boolean(),
    /** Unified diff of the profile before and after (YAML). */
    diff: z.string(),
    resourceVersion: z.string().optional(),
    shadowedRoutes: z.array(z.string()),
  })
  .describe('ServiceProfileSaveResponse');
export type ServiceProfileSaveResponse = z.infer<
  typeof serviceProfileSaveResponseSchema
>;

export const serviceProfileRoutes = defineRoutes({
  listServiceProfiles: {
    method: 'GET',
    path: '/entities/:kind/:namespace/:name/serviceprofiles',
    summary:
      "The Linkerd ServiceProfile of each of the entity's Services (routes, retries, timeouts, retry budget) and the HTTPRoutes it shadows",
    permission: kubemateRouteReadPermission.name,
    params: entityParamsSchema,
    response: serviceProfileListResponseSchema,
  },
  saveServiceProfile: {
    method: 'PUT',
    path: '/entities/:kind/:namespace/:name/serviceprofiles/:cluster/:serviceNamespace/:service',
    summary:
      "Creates or replaces the ServiceProfile of one of the entity's Services (dry run gives the diff; a stale resourceVersion is a 409)",
    permission: kubemateRouteUpdatePermission.name,
    params: serviceProfileParamsSchema,
    body: serviceProfileSaveSchema,
    response: serviceProfileSaveResponseSchema,
  },
});
