import { z } from 'zod';
import { dnsNameSchema, nameSchema } from '../contract/primitives';

/** The shortest interval between two scheduled runs of one probe. */
export const MIN_PROBE_INTERVAL_SECONDS = 30;

/** The built-in kinds of probe; each records the latency of every step it takes. */
export const PROBE_TYPES = [
  'workload-lifecycle',
  'api-roundtrip',
  'service-endpoints',
  'http',
  'certificate-expiry',
  'job',
] as const;
export const probeTypeSchema = z.enum(PROBE_TYPES);
export type ProbeType = z.infer<typeof probeTypeSchema>;

export const probeSeveritySchema = z.enum(['high', 'medium', 'low']);
export type ProbeSeverity = z.infer<typeof probeSeveritySchema>;

const entityRefSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]*:[a-z0-9][a-z0-9._-]*\/[a-zA-Z0-9][a-zA-Z0-9._-]*$/,
    'must be a full entity ref (kind:namespace/name)',
  );

/** When a probe runs besides a person asking for it (a manual run is always possible). */
export const probeScheduleSchema = z
  .object({
    /** Periodic runs, jittered by up to a tenth; none without it. */
    intervalSeconds: z
      .number()
      .int()
      .min(MIN_PROBE_INTERVAL_SECONDS)
      .max(7 * 86_400)
      .optional(),
    /**
     * Run when a Deployment rolls out, or a Gateway or HTTPRoute changes, in one of the watched
     * namespaces (default: the probe's namespace).
     */
    onChange: z.boolean().default(false),
    /** Namespaces whose changes trigger the probe; default the probe's namespace. */
    watchNamespaces: z.array(dnsNameSchema).max(50).optional(),
  })
  .strict();

const common = {
  /** Unique across all probe files. */
  id: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
      'must be lower-case letters, digits and dashes (at most 63)',
    ),
  title: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  /** The cluster the probe is bound to (a `kubernetes.clusterLocatorMethods` name). */
  cluster: nameSchema,
  /** The namespace the probe acts in; the whole cluster when absent (kinds that allow it). */
  namespace: dnsNameSchema.optional(),
  /** Who is told of failures and recoveries: a Group (or User) entity ref. */
  owner: entityRefSchema.optional(),
  /** Entities whose page shows the probe. */
  entityRefs: z.array(entityRefSchema).max(50).default([]),
  severity: probeSeveritySchema.default('medium'),
  schedule: probeScheduleSchema.default({ onChange: false }),
  /** Bound of the whole run (each step waits at most this long too). */
  timeoutSeconds: z.number().int().min(1).max(600).default(60),
};

export const workloadLifecycleParamsSchema = z
  .object({
    workload: z.enum(['Deployment', 'StatefulSet']).default('Deployment'),
    /** A small image every node can pull; `registry.k8s.io/pause:3.10` by default. */
    image: z.string().min(1).max(512).optional(),
    /** Replicas after the scale step. */
    scaleTo: z.number().int().min(1).max(10).default(2),
  })
  .strict();

export const serviceEndpointsParamsSchema = z
  .object({
    service: dnsNameSchema,
    /** Ready addresses needed to pass. */
    minReady: z.number().int().min(1).max(1000).default(1),
  })
  .strict();

export const httpParamsSchema = z
  .object({
    /** Where to send the request: a Gateway listener's address and port, and a path. */
    url: z
      .string()
      .max(2048)
      .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL'),
    /** The Host header the routes match on (the URL's host when absent). */
    host: z.string().max(253).optional(),
    /** The Gateway (in the probe's namespace) the request goes through: its events are gathered on failure. */
    gateway: dnsNameSchema.optional(),
    method: z.enum(['GET', 'HEAD']).default('GET'),
    expectStatus: z
      .array(z.number().int().min(100).max(599))
      .min(1)
      .default([200]),
    /** A regular expression the body must match. */
    bodyMatch: z.string().max(500).optional(),
    /** Slower answers fail the probe. */
    maxLatencyMs: z.number().int().min(1).max(600_000).optional(),
  })
  .strict();

export const certificateParamsSchema = z
  .object({
    /** TLS Secrets of the namespace to check; every `kubernetes.io/tls` Secret when absent. */
    secrets: z.array(dnsNameSchema).max(200).optional(),
    /** Also check the API server's serving certificate. */
    apiServer: z.boolean().default(false),
    /** Extra https endpoints: `https://host[:port]` or `host[:port]`. */
    endpoints: z.array(z.string().min(1).max(512)).max(50).default([]),
    minDaysLeft: z.number().int().min(0).max(3650).default(30),
  })
  .strict();

/**
 * A custom probe: a Job running the team's image with these parameters (the probe's "render
 * config") in its environment; the container reports success or failure with messages through
 * `POST /probes/:id/runs/:runId/report` (see `ProbeReporter`).
 */
export const jobParamsSchema = z
  .object({
    image: z.string().min(1).max(512),
    command: z.array(z.string().max(1000)).max(50).optional(),
    args: z.array(z.string().max(1000)).max(50).optional(),
    /** Environment of the container: the parameters of this use of the image. */
    env: z
      .record(
        z
          .string()
          .regex(
            /^[A-Za-z_][A-Za-z0-9_]*$/,
            'must be an environment variable name',
          ),
        z.string().max(4096),
      )
      .default({}),
    /**
     * The Secret (in the probe's namespace) and key holding the Backstage token the container
     * reports with (`KUBEMATE_TOKEN`).
     */
    tokenSecret: z.object({
      name: dnsNameSchema,
      key: z.string().min(1).max(253),
    }),
    serviceAccountName: dnsNameSchema.optional(),
  })
  .strict();

/**
 * One probe as written in a probe file (`kind: Probe`): a built-in `type` with its `params`,
 * bound to a cluster (and usually a namespace), with its schedule.
 */
export const probeDefinitionSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...common,
      type: z.literal('workload-lifecycle'),
      namespace: dnsNameSchema,
      params: workloadLifecycleParamsSchema.default({
        workload: 'Deployment',
        scaleTo: 2,
      }),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('api-roundtrip'),
      namespace: dnsNameSchema,
      params: z.object({}).strict().default({}),
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('service-endpoints'),
      namespace: dnsNameSchema,
      params: serviceEndpointsParamsSchema,
    })
    .strict(),
  z
    .object({ ...common, type: z.literal('http'), params: httpParamsSchema })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('job'),
      namespace: dnsNameSchema,
      params: jobParamsSchema,
    })
    .strict(),
  z
    .object({
      ...common,
      type: z.literal('certificate-expiry'),
      params: certificateParamsSchema.default({
        apiServer: false,
        endpoints: [],
        minDaysLeft: 30,
      }),
    })
    .strict(),
]);
export type ProbeDefinition = z.infer<typeof probeDefinitionSchema>;
export type ProbeDefinitionInput = z.input<typeof probeDefinitionSchema>;

/** The header of a probe file's documents. */
export const PROBE_API_VERSION = 'kubemate.io/v1alpha1';
export const PROBE_KIND = 'Probe';
