import { z } from 'zod';
import {
  dnsNameSchema,
  entityParamsSchema,
  queryTime,
} from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import { kubemateWorkloadReadPermission } from '../permissions';
import { OBSERVABILITY_LINK_KINDS } from './types';

/** Longest time window a link may show. */
export const MAX_LINK_WINDOW_DAYS = 90;

/**
 * Which links: without `cluster`, the entity's (one group per namespace and per workload);
 * with `cluster`, `namespace`, `kind` and `name`, one object of the entity (a pod row names the
 * pod as `kind=Pod`). `from`/`to` is the time window (default: the hour before now).
 */
export const observabilityLinksQuerySchema = z
  .object({
    cluster: z.string().min(1).max(253).optional(),
    namespace: dnsNameSchema.optional(),
    kind: z
      .string()
      .regex(/^[A-Z][A-Za-z]{1,62}$/, 'must be a Kubernetes kind')
      .optional(),
    name: dnsNameSchema.optional(),
    container: dnsNameSchema.optional(),
    from: queryTime.optional(),
    to: queryTime.optional(),
  })
  .refine(
    q =>
      q.cluster === undefined
        ? q.namespace === undefined &&
          q.kind === undefined &&
          q.name === undefined
        : q.namespace !== undefined &&
          q.kind !== undefined &&
          q.name !== undefined,
    {
      message:
        'give cluster, namespace, kind and name together (one object), or none of them (the entity)',
      path: ['cluster'],
    },
  )
  .refine(q => q.container === undefined || q.kind === 'Pod', {
    message: 'a container is given only with kind Pod',
    path: ['container'],
  })
  .refine(
    q =>
      !q.from ||
      !q.to ||
      (q.from < q.to &&
        q.to.getTime() - q.from.getTime() <=
          MAX_LINK_WINDOW_DAYS * 24 * 3600 * 1000),
    {
      message: `from must be before to, at most ${MAX_LINK_WINDOW_DAYS} days apart`,
      path: ['from'],
    },
  );
export type ObservabilityLinksQuery = z.input<
  typeof observabilityLinksQuerySchema
>;

export const observabilityLinkSchema = z.object({
  title: z.string(),
  kind: z.enum(OBSERVABILITY_LINK_KINDS),
  url: z.string(),
});

/** The links of one namespace, workload or pod. */
export const observabilityLinkGroupSchema = z.object({
  cluster: z.string(),
  namespace: z.string(),
  /** Absent for a namespace's links. */
  kind: z.string().optional(),
  name: z.string().optional(),
  /** For a pod: the pod, while kind and name are its workload's when it has one. */
  pod: z.string().optional(),
  container: z.string().optional(),
  links: z.array(observabilityLinkSchema),
});
export type ObservabilityLinkGroup = z.infer<
  typeof observabilityLinkGroupSchema
>;

export const observabilityLinksResponseSchema = z
  .object({
    /** The time window the links show (ISO). */
    window: z.object({ from: z.string(), to: z.string() }),
    groups: z.array(observabilityLinkGroupSchema),
  })
  .describe('ObservabilityLinksResponse');
export type ObservabilityLinksResponse = z.infer<
  typeof observabilityLinksResponseSchema
>;

const entity = '/entities/:kind/:namespace/:name';

/** Routes of the observability links card and row actions. */
export const observabilityRoutes = defineRoutes({
  getObservabilityLinks: {
    method: 'GET',
    path: `${entity}/observability/links`,
    summary:
      'Dashboards, queries, logs and traces of the entity or one of its objects: the configured link templates (per-cluster overrides, entity annotations) filled in; http(s) only',
    permission: kubemateWorkloadReadPermission.name,
    params: entityParamsSchema,
    query: observabilityLinksQuerySchema,
    response: observabilityLinksResponseSchema,
  },
});
