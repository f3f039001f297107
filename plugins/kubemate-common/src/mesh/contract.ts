import { z } from 'zod';
import {
  dnsNameSchema,
  entityParamsSchema,
  itemsOf,
  nameSchema,
  queryInt,
} from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import { kubemateWorkloadReadPermission } from '../permissions';

/** A weighted backend of a route: a Service and its share of the traffic. */
export const trafficBackendSchema = z.object({
  service: z.string(),
  port: z.number().int().optional(),
  weight: z.number(),
});
export type TrafficBackend = z.infer<typeof trafficBackendSchema>;

/** Requests that match every header and cookie listed. */
export const trafficMatchSchema = z.object({
  headers: z
    .array(
      z.object({
        name: z.string(),
        value: z.string(),
        type: z.enum(['Exact', 'RegularExpression']).optional(),
      }),
    )
    .optional(),
  cookies: z
    .array(z.object({ name: z.string(), value: z.string() }))
    .optional(),
});
export type TrafficMatch = z.infer<typeof trafficMatchSchema>;

/** The chosen rule of a Service's route, as a traffic router reads it. */
export const trafficRouteSchema = z
  .object({
    kind: z.string(),
    namespace: z.string(),
    name: z.string(),
    service: z.string(),
    rule: z.union([z.string(), z.number()]).optional(),
    backends: z.array(trafficBackendSchema),
    /** Alternatives (any one matches); empty: every request. */
    matches: z.array(trafficMatchSchema),
  })
  .describe('TrafficRoute');
export type TrafficRoute = z.infer<typeof trafficRouteSchema>;

/**
 * Golden metrics of a workload's inbound traffic, or why there are none: the cluster has no
 * metrics source, the source did not answer, or the workload served no requests in the window.
 */
export const goldenMetricsSchema = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('ok'),
      windowSeconds: z.number(),
      /** 0..1 */
      successRate: z.number(),
      requestsPerSecond: z.number(),
      latencyMs: z.object({
        p50: z.number(),
        p95: z.number(),
        p99: z.number(),
      }),
    }),
    z.object({ status: z.literal('no-traffic'), windowSeconds: z.number() }),
    z.object({ status: z.literal('not-configured'), reason: z.string() }),
    z.object({ status: z.literal('unavailable'), reason: z.string() }),
  ])
  .describe('GoldenMetrics');
export type GoldenMetrics = z.infer<typeof goldenMetricsSchema>;

export const meshQuerySchema = z.object({
  /** Metrics window in seconds; default 300. */
  window: queryInt(30, 86_400).optional(),
});

/** An entity's mesh view in one cluster: the routes of its Services, its Deployments' metrics. */
export const clusterMeshSchema = z.object({
  cluster: nameSchema,
  /** The route kind this cluster's traffic router reads (`HTTPRoute`, `TrafficSplit`, …). */
  routeKind: z.string(),
  routes: z.array(
    z.object({
      namespace: dnsNameSchema,
      service: dnsNameSchema,
      route: trafficRouteSchema.optional(),
      /** Why there is no route: none attaches to the Service, or the router failed. */
      problem: z.string().optional(),
    }),
  ),
  workloads: z.array(
    z.object({
      namespace: dnsNameSchema,
      name: dnsNameSchema,
      metrics: goldenMetricsSchema,
    }),
  ),
});
export const entityMeshResponseSchema =
  itemsOf(clusterMeshSchema).describe('EntityMeshResponse');
export type EntityMeshResponse = z.infer<typeof entityMeshResponseSchema>;

/** Routes of the mesh view (traffic routers and the metrics provider behind them). */
export const meshRoutes = defineRoutes({
  getEntityMesh: {
    method: 'GET',
    path: '/entities/:kind/:namespace/:name/mesh',
    summary:
      "The routes of the entity's Services (backends, weights, matches) through each cluster's traffic router, and its Deployments' golden metrics from the metrics provider",
    permission: kubemateWorkloadReadPermission.name,
    params: entityParamsSchema,
    query: meshQuerySchema,
    response: entityMeshResponseSchema,
  },
});
