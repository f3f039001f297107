import { z } from 'zod';

/**
 * The shape of a `gateway.networking.k8s.io/v1` HTTPRoute spec: field types, enums, required
 * fields and the formats the CRD declares as OpenAPI patterns and lengths. The CRD's counted
 * limits and CEL rules are checked by `validateHttpRoute`, which reports each next to its field.
 *
 * Objects are loose: fields this schema does not model (a rule's `sessionPersistence`, a
 * filter's `cors` settings...) are kept, so reading and writing a route
 * through the form does not drop them.
 */

// RFC 1123 subdomain, as the CRD's Group, SectionName and PreciseHostname types spell it.
const subdomain =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const portNumberSchema = z.number().int().min(1).max(65535);

const groupSchema = z
  .string()
  .max(253)
  .refine(
    g => g === '' || subdomain.test(g),
    'must be empty (the core group) or an RFC 1123 subdomain',
  );

const kindSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/, 'must be a Kubernetes kind');

const objectNameSchema = z.string().min(1).max(253);

const namespaceSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be an RFC 1123 label');

const sectionNameSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(subdomain, 'must be an RFC 1123 subdomain');

/** A hostname without wildcard, as redirects and rewrites take it. */
const preciseHostnameSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(subdomain, 'must be an RFC 1123 hostname without wildcard');

/** The name of a header or query parameter. */
const headerNameSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(
    /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/,
    "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)",
  );

/** A Gateway API duration (GEP-2257): `10s`, `1m30s`, `500ms`, `1h`. */
export const gatewayDurationSchema = z
  .string()
  .regex(
    /^([0-9]{1,5}(h|m|s|ms)){1,4}$/,
    'must be a duration such as 10s, 1m30s or 500ms',
  );

export const parentRefSchema = z.looseObject({
  /** Defaults to `gateway.networking.k8s.io`; `''` for a Service parent. */
  group: groupSchema.optional(),
  /** Defaults to `Gateway`; `Service` for a mesh (Linkerd) parent. */
  kind: kindSchema.optional(),
  namespace: namespaceSchema.optional(),
  name: objectNameSchema,
  /** A Gateway's listener name, or a Service's port name. */
  sectionName: sectionNameSchema.optional(),
  port: portNumberSchema.optional(),
});
export type HttpRouteParentRef = z.infer<typeof parentRefSchema>;

export const httpPathMatchTypes = [
  'Exact',
  'PathPrefix',
  'RegularExpression',
] as const;
export const pathMatchSchema = z.looseObject({
  type: z.enum(httpPathMatchTypes).optional(),
  value: z.string().max(1024).optional(),
});
export type HttpPathMatch = z.infer<typeof pathMatchSchema>;

const valueMatchTypeSchema = z.enum(['Exact', 'RegularExpression']);

export const headerMatchSchema = z.looseObject({
  type: valueMatchTypeSchema.optional(),
  name: headerNameSchema,
  value: z.string().min(1).max(4096),
});
export type HttpHeaderMatch = z.infer<typeof headerMatchSchema>;

export const queryParamMatchSchema = z.looseObject({
  type: valueMatchTypeSchema.optional(),
  name: headerNameSchema,
  value: z.string().min(1).max(1024),
});
export type HttpQueryParamMatch = z.infer<typeof queryParamMatchSchema>;

export const httpRouteMethods = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
] as const;

export const routeMatchSchema = z.looseObject({
  path: pathMatchSchema.optional(),
  headers: z.array(headerMatchSchema).optional(),
  queryParams: z.array(queryParamMatchSchema).optional(),
  method: z.enum(httpRouteMethods).optional(),
});
export type HttpRouteMatch = z.infer<typeof routeMatchSchema>;

const httpHeaderSchema = z.looseObject({
  name: headerNameSchema,
  value: z.string().min(1).max(4096),
});

export const headerModifierSchema = z.looseObject({
  set: z.array(httpHeaderSchema).optional(),
  add: z.array(httpHeaderSchema).optional(),
  remove: z.array(z.string()).optional(),
});
export type HttpHeaderModifier = z.infer<typeof headerModifierSchema>;

export const pathModifierSchema = z.looseObject({
  type: z.enum(['ReplaceFullPath', 'ReplacePrefixMatch']),
  replaceFullPath: z.string().max(1024).optional(),
  replacePrefixMatch: z.string().max(1024).optional(),
});
export type HttpPathModifier = z.infer<typeof pathModifierSchema>;

export const requestRedirectSchema = z.looseObject({
  scheme: z.enum(['http', 'https']).optional(),
  hostname: preciseHostnameSchema.optional(),
  path: pathModifierSchema.optional(),
  port: portNumberSchema.optional(),
  /** 301, 302 (the default), 303, 307 or 308. */
  statusCode: z.number().int().optional(),
});
export type HttpRequestRedirect = z.infer<typeof requestRedirectSchema>;

export const urlRewriteSchema = z.looseObject({
  hostname: preciseHostnameSchema.optional(),
  path: pathModifierSchema.optional(),
});
export type HttpUrlRewrite = z.infer<typeof urlRewriteSchema>;

/**
 * A reference to an object in the route's namespace (an ExtensionRef). Unlike the other
 * references, the CRD requires `group` here and defaults nothing (`''` for the core group).
 */
export const localObjectRefSchema = z.looseObject({
  group: groupSchema,
  kind: kindSchema,
  name: objectNameSchema,
});
export type HttpRouteExtensionRef = z.infer<typeof localObjectRefSchema>;

const backendObjectRefShape = {
  /** Defaults to `''` (the core group). */
  group: groupSchema.optional(),
  /** Defaults to `Service`. */
  kind: kindSchema.optional(),
  namespace: namespaceSchema.optional(),
  name: objectNameSchema,
  /** The Service port (not the target port); required for a Service. */
  port: portNumberSchema.optional(),
};

/** The share of requests a RequestMirror copies, as a fraction (Gateway API v1.3+). */
export const mirrorFractionSchema = z.looseObject({
  numerator: z.number().int().min(0).max(2147483647),
  /** Defaults to 100. */
  denominator: z.number().int().min(1).max(2147483647).optional(),
});

export const requestMirrorSchema = z.looseObject({
  backendRef: z.looseObject(backendObjectRefShape),
  /** The percentage of requests mirrored, 0–100 (Gateway API v1.3+); not with `fraction`. */
  percent: z.number().int().min(0).max(100).optional(),
  fraction: mirrorFractionSchema.optional(),
});
export type HttpRequestMirror = z.infer<typeof requestMirrorSchema>;

export const httpRouteFilterTypes = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestMirror',
  'RequestRedirect',
  'URLRewrite',
  'ExtensionRef',
  'CORS',
] as const;
export type HttpRouteFilterType = (typeof httpRouteFilterTypes)[number];

export const httpRouteFilterSchema = z.looseObject({
  type: z.enum(httpRouteFilterTypes),
  requestHeaderModifier: headerModifierSchema.optional(),
  responseHeaderModifier: headerModifierSchema.optional(),
  requestMirror: requestMirrorSchema.optional(),
  requestRedirect: requestRedirectSchema.optional(),
  urlRewrite: urlRewriteSchema.optional(),
  extensionRef: localObjectRefSchema.optional(),
  /** Kept as written; the form does not edit CORS filters (Gateway API v1.3+). */
  cors: z.looseObject({}).optional(),
});
export type HttpRouteFilter = z.infer<typeof httpRouteFilterSchema>;

export const httpBackendRefSchema = z.looseObject({
  ...backendObjectRefShape,
  /** Share of the rule's traffic, 0–1,000,000; defaults to 1. */
  weight: z.number().int().optional(),
  filters: z.array(httpRouteFilterSchema).optional(),
});
export type HttpBackendRef = z.infer<typeof httpBackendRefSchema>;

export const httpRouteTimeoutsSchema = z.looseObject({
  request: gatewayDurationSchema.optional(),
  backendRequest: gatewayDurationSchema.optional(),
});
export type HttpRouteTimeouts = z.infer<typeof httpRouteTimeoutsSchema>;

/** A rule's retries (standard channel in the newest Gateway API releases). */
export const httpRouteRetrySchema = z.looseObject({
  /** HTTP status codes to retry on, 400–599, each once. */
  codes: z.array(z.number().int().min(400).max(599)).optional(),
  attempts: z.number().int().optional(),
  backoff: gatewayDurationSchema.optional(),
});

export const httpRouteRuleSpecSchema = z.looseObject({
  /** The rule's name, unique within the route; a section name (RFC 1123 subdomain). */
  name: sectionNameSchema.optional(),
  matches: z.array(routeMatchSchema).optional(),
  filters: z.array(httpRouteFilterSchema).optional(),
  backendRefs: z.array(httpBackendRefSchema).optional(),
  timeouts: httpRouteTimeoutsSchema.optional(),
  retry: httpRouteRetrySchema.optional(),
});
export type HttpRouteRuleSpec = z.infer<typeof httpRouteRuleSpecSchema>;

/** The spec of a `gateway.networking.k8s.io/v1` HTTPRoute. */
export const httpRouteSpecSchema = z
  .looseObject({
    parentRefs: z.array(parentRefSchema).optional(),
    /** RFC 1123 hostnames; a wildcard (`*.`) only as the first label. */
    hostnames: z.array(z.string()).optional(),
    rules: z.array(httpRouteRuleSpecSchema).optional(),
  })
  .describe('HttpRouteSpec');
export type HttpRouteSpec = z.infer<typeof httpRouteSpecSchema>;
