import { z } from 'zod';
import {
  dnsNameSchema,
  entityParamsSchema,
  nameSchema,
} from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import { queryInt } from '../contract/primitives';
import {
  kubemateReleaseAbortPermission,
  kubemateReleaseCreatePermission,
  kubemateReleasePromotePermission,
  kubemateReleaseReadPermission,
  kubemateReleaseStepPermission,
} from '../permissions';
import { goldenMetricsSchema, trafficMatchSchema } from '../mesh/contract';
import { probeIdSchema } from '../probes/contract';

/**
 * How a release progresses: the canary's weight climbs through `stepWeights` (or by `stepSize`
 * up to `maxWeight`), one step every `intervalSeconds`, while its metrics stay within the
 * thresholds; `failedChecksToAbort` breaches abort it.
 */
export const releasePlanSchema = z
  .object({
    stepWeights: z.array(z.number().int().min(1).max(100)).max(50).optional(),
    stepSize: z.number().int().min(1).max(100).optional(),
    maxWeight: z.number().int().min(1).max(100).optional(),
    intervalSeconds: z.number().int().min(1).max(86_400),
    /** For a header/cookie canary without weights: how many checks before waiting for promotion. */
    iterations: z.number().int().min(1).max(1000).optional(),
    thresholds: z.object({
      /** 0..1: the canary's success rate must stay at or above it. */
      minSuccessRate: z.number().min(0).max(1),
      /** The canary's p99 latency must stay at or below it. */
      maxP99LatencyMs: z.number().positive(),
    }),
    /** Fewer requests than this in a step's window hold the step instead of judging it. */
    minRequests: z.number().int().min(0).max(1_000_000_000).default(20),
    failedChecksToAbort: z.number().int().min(1).max(100).default(1),
    /** Reaching the last step promotes without waiting for a person. */
    autoPromote: z.boolean().default(false),
    /**
     * Probes (ids) that must pass before the canary gets traffic: the start, each step that
     * raises its weight and the promotion. A step they block holds; a person's change is refused.
     */
    gateProbes: z.array(probeIdSchema).max(20).optional(),
  })
  .refine(p => p.stepWeights?.length || p.stepSize || p.iterations, {
    message: 'give stepWeights, stepSize or iterations',
  });
export type ReleasePlan = z.infer<typeof releasePlanSchema>;
export type ReleasePlanInput = z.input<typeof releasePlanSchema>;

export const releaseStrategySchema = z.enum(['gray', 'canary']);

/**
 * Sticky sessions: the canary's responses set this cookie, and requests carrying it go to the
 * canary, so a user who reached the canary stays on it until the release ends.
 */
export const stickySessionSchema = z.object({
  /** A cookie name (RFC 6265 token). */
  cookie: z
    .string()
    .regex(/^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,64}$/, 'must be a cookie name'),
  maxAgeSeconds: z
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(86_400),
});
export type StickySession = z.infer<typeof stickySessionSchema>;

/** Body of `POST /entities/:kind/:namespace/:name/releases`. */
export const createReleaseSchema = z.object({
  cluster: nameSchema,
  namespace: dnsNameSchema,
  /** The Service whose route is adopted (its parent). */
  service: dnsNameSchema,
  /** Route object name, when several routes attach to the Service. */
  route: dnsNameSchema.optional(),
  /** Rule name or index of the route to drive; other rules stay as they are. */
  rule: z.union([z.string().max(253), z.number().int().min(0)]).optional(),
  stable: dnsNameSchema,
  canary: dnsNameSchema,
  strategy: releaseStrategySchema,
  /** Canary: requests matching this go to the canary whatever the weights. */
  match: trafficMatchSchema.optional(),
  sticky: stickySessionSchema.optional(),
  plan: releasePlanSchema,
});
export type CreateReleaseRequest = z.input<typeof createReleaseSchema>;

export const releaseStateSchema = z.enum([
  'progressing',
  'paused',
  'waiting',
  'promoted',
  'aborted',
  'failed',
]);
export type ReleaseState = z.infer<typeof releaseStateSchema>;

export const releaseDecisionSchema = z.enum([
  'started',
  'advance',
  'hold',
  'breach',
  'abort',
  'wait',
  'promote',
  'pause',
  'resume',
  'set-weight',
  /** A step the release's gate probes did not let through: the weight stays. */
  'blocked',
  'error',
]);
export type ReleaseDecision = z.infer<typeof releaseDecisionSchema>;

/** One timeline entry: what was decided, by whom, on which figures against which thresholds. */
export const releaseEventSchema = z.object({
  at: z.string(),
  actor: z.string(),
  decision: releaseDecisionSchema,
  /** Canary weight (percent) after the decision. */
  weight: z.number(),
  step: z.number().int(),
  message: z.string(),
  canary: goldenMetricsSchema.optional(),
  stable: goldenMetricsSchema.optional(),
});
export type ReleaseEvent = z.infer<typeof releaseEventSchema>;

export const releaseSchema = z.object({
  id: z.string(),
  entityRef: z.string(),
  cluster: z.string(),
  namespace: z.string(),
  service: z.string(),
  routeKind: z.string(),
  route: z.string().optional(),
  rule: z.union([z.string(), z.number()]).optional(),
  stable: z.string(),
  canary: z.string(),
  strategy: releaseStrategySchema,
  match: trafficMatchSchema.optional(),
  sticky: stickySessionSchema.optional(),
  plan: releasePlanSchema,
  state: releaseStateSchema,
  /** Canary weight in percent. */
  weight: z.number(),
  step: z.number().int(),
  failedChecks: z.number().int(),
  nextStepAt: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  timeline: z.array(releaseEventSchema).optional(),
});
export type Release = z.infer<typeof releaseSchema>;

/** Path of one release. */
export const releaseParamsSchema = z.object({
  id: z.string().uuid(),
});

/** What a person can do to a running release, each its own route. */
export const releaseActionSchema = z.enum([
  'pause',
  'resume',
  'weight',
  'promote',
  'abort',
]);
export type ReleaseAction = z.infer<typeof releaseActionSchema>;

export const releaseActionParamsSchema = releaseParamsSchema.extend({
  action: releaseActionSchema,
});

/** Body of `POST /releases/:id/weight` (the other actions take none). */
export const releaseWeightSchema = z.object({
  /** The canary's share in percent; the stable version takes the rest. */
  weight: z.number().int().min(0).max(100),
});
export type ReleaseWeightRequest = z.infer<typeof releaseWeightSchema>;

export const releaseListQuerySchema = z.object({
  /** Only releases in these states (comma-separated). */
  state: z
    .string()
    .max(100)
    .transform(s => s.split(',').filter(Boolean))
    .pipe(z.array(releaseStateSchema))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const releaseResponseSchema = releaseSchema.describe('Release');
export const releaseListResponseSchema = z
  .object({ items: z.array(releaseSchema) })
  .describe('ReleaseListResponse');
export type ReleaseListResponse = z.infer<typeof releaseListResponseSchema>;

export const releaseMetricsQuerySchema = z.object({
  /** Window of the figures in seconds; default 60. */
  window: queryInt(20, 3600).optional(),
});

/** Requests per second and success rate of one backend behind a route. */
export const routeBackendFiguresSchema = z.object({
  requestsPerSecond: z.number(),
  successRate: z.number(),
});
export type RouteBackendFigures = z.infer<typeof routeBackendFiguresSchema>;

/** The canary's and the stable version's golden metrics now, and both together. */
export const releaseMetricsResponseSchema = z
  .object({
    at: z.string(),
    windowSeconds: z.number(),
    canary: goldenMetricsSchema,
    stable: goldenMetricsSchema,
    /** Both versions' traffic together (absent unless both answered). */
    overall: z
      .object({ requestsPerSecond: z.number(), successRate: z.number() })
      .optional(),
    /**
     * Each version as the clients' outbound proxies see it behind the release's route
     * (Linkerd's per-route backend series); absent where Prometheus has no such series.
     */
    routeBackends: z
      .object({
        canary: routeBackendFiguresSchema.optional(),
        stable: routeBackendFiguresSchema.optional(),
      })
      .optional(),
  })
  .describe('ReleaseMetricsResponse');
export type ReleaseMetricsResponse = z.infer<
  typeof releaseMetricsResponseSchema
>;

export const releaseRoutes = defineRoutes({
  listReleases: {
    method: 'GET',
    path: '/releases',
    summary:
      'Releases across the entities the caller may read, failing and waiting ones first (the fleet page)',
    permission: kubemateReleaseReadPermission.name,
    query: releaseListQuerySchema,
    response: releaseListResponseSchema,
  },
  listEntityReleases: {
    method: 'GET',
    path: '/entities/:kind/:namespace/:name/releases',
    summary: "The entity's releases, newest first",
    permission: kubemateReleaseReadPermission.name,
    params: entityParamsSchema,
    query: releaseListQuerySchema,
    response: releaseListResponseSchema,
  },
  createRelease: {
    method: 'POST',
    path: '/entities/:kind/:namespace/:name/releases',
    summary:
      "Starts a gray or canary release of one of the entity's Services: adopts its route, sets the first weight (and the canary's match rule), then the backend drives the plan",
    permission: kubemateReleaseCreatePermission.name,
    params: entityParamsSchema,
    body: createReleaseSchema,
    response: releaseResponseSchema,
  },
  getRelease: {
    method: 'GET',
    path: '/releases/:id',
    summary:
      'One release with its timeline: every step, decision, actor and the metric values behind it',
    permission: kubemateReleaseReadPermission.name,
    params: releaseParamsSchema,
    response: releaseResponseSchema,
  },
  getReleaseMetrics: {
    method: 'GET',
    path: '/releases/:id/metrics',
    summary:
      "The canary's and the stable version's golden metrics now (success rate, requests per second, p50/p95/p99) over a window, and overall; a Prometheus outage answers `unavailable` in them, not an error",
    permission: kubemateReleaseReadPermission.name,
    params: releaseParamsSchema,
    query: releaseMetricsQuerySchema,
    response: releaseMetricsResponseSchema,
  },
  actOnRelease: {
    method: 'POST',
    path: '/releases/:id/:action',
    summary:
      'pause, resume, weight (body `{ weight }`), promote or abort a release; pause/resume/weight need kubemate.release.step, promote and abort their own permission',
    permission: `${kubemateReleaseStepPermission.name} | ${kubemateReleasePromotePermission.name} | ${kubemateReleaseAbortPermission.name}`,
    params: releaseActionParamsSchema,
    body: releaseWeightSchema.partial(),
    response: releaseResponseSchema,
  },
});
