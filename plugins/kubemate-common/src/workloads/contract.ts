import { z } from 'zod';
import {
  dnsNameSchema,
  entityParamsSchema,
  itemsOf,
  queryFlag,
  queryInt,
} from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import {
  kubemateWorkloadLogsPermission,
  kubemateWorkloadReadPermission,
  kubemateWorkloadYamlApplyPermission,
} from '../permissions';
import { parseCron } from './cron';
import { adminManifestFindingSchema } from '../inspection/manifestFinding';
import type { EntityWorkloadsResponse } from './types';

/** The object a workload request is about, inside one of the entity's clusters. */
export const workloadTargetSchema = z.object({
  cluster: z.string().min(1).max(253),
  namespace: dnsNameSchema,
  kind: z
    .string()
    .regex(
      /^[A-Z][A-Za-z]{1,62}$/,
      'must be a Kubernetes kind such as Deployment',
    ),
  name: dnsNameSchema,
});
export type WorkloadTarget = z.infer<typeof workloadTargetSchema>;

/** The workload actions built into the backend; modules may register more. */
export const BUILTIN_WORKLOAD_ACTION_NAMES = [
  'scale',
  'restart',
  'rollback',
  'pause',
  'resume',
  'delete-pod',
  'trigger',
  'suspend',
  'unsuspend',
  'schedule',
  'autoscale',
  'set-autoscaling',
] as const;
export type WorkloadActionName = (typeof BUILTIN_WORKLOAD_ACTION_NAMES)[number];

/**
 * Any action name, built-in or added by a module; a name no action has is a 404 from the
 * backend's registry (which also owns the naming rule for registered actions).
 */
export const workloadActionNameSchema = z.string().min(1).max(63);

export const workloadActionParamsSchema = entityParamsSchema.extend({
  action: workloadActionNameSchema,
});

/**
 * The `metadata.resourceVersion` of the object as the user last saw it. When given, the action
 * is refused (409) if the object has changed since: opaque, as the API server wrote it.
 */
export const viewedResourceVersionSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[\x21-\x7e]+$/,
    'must be a resourceVersion as the API server sent it',
  );

/**
 * What an action request carries besides the target and the action's own parameters: the
 * object as the user saw it. `generation` (bumped by spec changes only) wins over
 * `resourceVersion` (bumped by every status update too), so a rollout progressing under the
 * user's eyes is not a conflict while a changed spec is.
 */
export const workloadActionViewSchema = z.object({
  resourceVersion: viewedResourceVersionSchema.optional(),
  generation: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type WorkloadActionView = z.infer<typeof workloadActionViewSchema>;

/**
 * The target, optionally the resourceVersion the user saw, plus the action's own parameters
 * (checked by the action).
 */
export const workloadActionBodySchema = z.looseObject({
  ...workloadTargetSchema.shape,
  ...workloadActionViewSchema.shape,
});
export type WorkloadActionBody = z.infer<typeof workloadActionBodySchema>;

export const workloadActionResponseSchema = z
  .object({
    object: z
      .unknown()
      .describe('The object after the change, or null (a deleted pod)'),
  })
  .describe('WorkloadActionResponse');
export type WorkloadActionResponse = z.infer<
  typeof workloadActionResponseSchema
>;

/** A utilisation target in percent of the pods' requests; null or absent: no such target. */
const utilisationSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be from 1 to 100 %')
  .max(100, 'must be from 1 to 100 %')
  .nullable()
  .optional();

/**
 * Parameters of `autoscale` (a Deployment or StatefulSet gets an HPA) and `set-autoscaling`
 * (an HPA's bounds and targets): the CPU and memory utilisation targets; other metrics of an
 * HPA are kept as they are.
 */
export const autoscalingParamsSchema = z
  .object({
    minReplicas: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1000, 'must be at most 1000'),
    maxReplicas: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1000, 'must be at most 1000'),
    cpuUtilization: utilisationSchema,
    memoryUtilization: utilisationSchema,
  })
  .strict()
  .refine(p => p.maxReplicas >= p.minReplicas, {
    message: 'must be at least the minimum',
    path: ['maxReplicas'],
  });
export type AutoscalingParams = z.infer<typeof autoscalingParamsSchema>;

/** An IANA time zone the runtime knows (`Europe/Berlin`), as CronJob `spec.timeZone` takes. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(zone => {
    try {
      // Throws a RangeError for a zone the runtime does not know.
      const format = new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return format.resolvedOptions().timeZone !== '';
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Berlin');

/** A CronJob schedule: 5 fields or a macro, checked by the parser that computes next runs. */
export const cronScheduleSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .superRefine((expression, ctx) => {
    try {
      parseCron(expression);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
    }
  });

/** Parameters of `schedule`: the new schedule, and the time zone (null: the controller's). */
export const scheduleParamsSchema = z
  .object({
    schedule: cronScheduleSchema,
    timeZone: timeZoneSchema.nullable().optional(),
  })
  .strict();
export type ScheduleParams = z.infer<typeof scheduleParamsSchema>;

/** One entry of a workload's rollout history. */
export const rolloutRevisionSchema = z.object({
  revision: z.number().int(),
  /** ReplicaSet or ControllerRevision that holds this revision's template. */
  source: z.string(),
  images: z.array(z.string()),
  createdAt: z.string().optional(),
  current: z.boolean(),
  changeCause: z.string().optional(),
});
export type RolloutRevision = z.infer<typeof rolloutRevisionSchema>;

export const rolloutHistoryResponseSchema = itemsOf(
  rolloutRevisionSchema,
).describe('RolloutHistoryResponse');
export type RolloutHistoryResponse = z.infer<
  typeof rolloutHistoryResponseSchema
>;

/** How a pod's log is read. */
export const logOptionsSchema = z.object({
  container: dnsNameSchema.optional(),
  tailLines: queryInt(1, 100_000).optional(),
  sinceSeconds: queryInt(1, 31_536_000).optional(),
  previous: queryFlag.optional(),
  timestamps: queryFlag.optional(),
  follow: queryFlag.optional(),
  download: queryFlag.optional(),
});
export type LogRequest = z.infer<typeof logOptionsSchema>;

export const logQuerySchema = workloadTargetSchema
  .omit({ kind: true })
  .extend(logOptionsSchema.shape);

/** Largest YAML accepted for preview and apply, in UTF-8 bytes. */
export const MAX_YAML_BYTES = 1024 * 1024;

const utf8 = new TextEncoder();

export const yamlEditBodySchema = workloadTargetSchema.extend({
  yaml: z
    .string()
    .min(1, 'must not be empty')
    .refine(
      // Cheap bound first: a UTF-8 character takes at most 3 bytes per UTF-16 unit.
      text =>
        text.length * 3 <= MAX_YAML_BYTES ||
        utf8.encode(text).length <= MAX_YAML_BYTES,
      `must be at most ${MAX_YAML_BYTES} bytes`,
    ),
});
export type YamlEditRequest = z.infer<typeof yamlEditBodySchema>;

export const yamlViewResponseSchema = z
  .object({ yaml: z.string() })
  .describe('YamlViewResponse');
export type YamlViewResponse = z.infer<typeof yamlViewResponseSchema>;

export const yamlPreviewResponseSchema = z
  .object({
    before: z.string(),
    after: z.string(),
    /** Unified diff, 3 lines of context. */
    diff: z.string(),
    /**
     * The inspection rules (baseline profile) on the object as it would be, high severity
     * first; `introduced` marks what the edit brings.
     */
    findings: z.array(adminManifestFindingSchema).optional(),
  })
  .describe('YamlPreviewResponse');
export type YamlPreviewResponse = z.infer<typeof yamlPreviewResponseSchema>;

export const yamlApplyResponseSchema = z
  .object({ object: z.unknown().describe('The object as stored') })
  .describe('YamlApplyResponse');
export type YamlApplyResponse = z.infer<typeof yamlApplyResponseSchema>;

/** The pod whose resource usage is asked for. */
export const podMetricsQuerySchema = workloadTargetSchema.omit({ kind: true });
export type PodMetricsQuery = z.infer<typeof podMetricsQuerySchema>;

/**
 * A pod's resource usage from `metrics.k8s.io` (cores and bytes per container), or why there is
 * none: the cluster does not serve the API (`not-served`), or serves it without this pod yet.
 */
export const podMetricsResponseSchema = z
  .object({
    status: z.enum(['ok', 'not-served', 'no-sample']),
    message: z.string().optional(),
    /** When the sample was taken, and over how long (`30s`). */
    timestamp: z.string().optional(),
    window: z.string().optional(),
    containers: z.array(
      z.object({
        name: z.string(),
        cpuCores: z.number().optional(),
        memoryBytes: z.number().optional(),
      }),
    ),
  })
  .describe('PodMetricsResponse');
export type PodMetricsResponse = z.infer<typeof podMetricsResponseSchema>;

const entity = '/entities/:kind/:namespace/:name';

/** Routes of the Workloads tab. */
export const workloadRoutes = defineRoutes({
  getEntityWorkloads: {
    method: 'GET',
    path: `${entity}/workloads`,
    summary:
      "The entity's objects in every cluster it maps to, from the watch caches (ETag, 304)",
    permission: kubemateWorkloadReadPermission.name,
    params: entityParamsSchema,
    response: z
      .custom<EntityWorkloadsResponse>()
      .describe('EntityWorkloadsResponse'),
  },
  performWorkloadAction: {
    method: 'POST',
    path: `${entity}/actions/:action`,
    summary: 'Runs a workload action on one of the entity’s objects (audited)',
    permission: 'the action’s own (kubemate.workload.scale, …)',
    params: workloadActionParamsSchema,
    body: workloadActionBodySchema,
    response: workloadActionResponseSchema,
  },
  getRolloutHistory: {
    method: 'GET',
    path: `${entity}/history`,
    summary: 'Rollout revisions of a workload, newest first',
    permission: kubemateWorkloadReadPermission.name,
    params: entityParamsSchema,
    query: workloadTargetSchema,
    response: rolloutHistoryResponseSchema,
  },
  streamLogs: {
    method: 'GET',
    path: `${entity}/logs`,
    summary: 'A pod’s log as text, streamed with follow=true',
    permission: kubemateWorkloadLogsPermission.name,
    params: entityParamsSchema,
    query: logQuerySchema,
    response: { contentType: 'text/plain; charset=utf-8' },
  },
  getPodMetrics: {
    method: 'GET',
    path: `${entity}/pods/metrics`,
    summary:
      'A pod’s CPU and memory usage per container from metrics.k8s.io, or that the cluster does not serve it',
    permission: kubemateWorkloadReadPermission.name,
    params: entityParamsSchema,
    query: podMetricsQuerySchema,
    response: podMetricsResponseSchema,
  },
  getYaml: {
    method: 'GET',
    path: `${entity}/yaml`,
    summary:
      'The object’s YAML as the API server has it (with resourceVersion, without status); also the entity’s HTTPRoutes and IngressRoutes',
    permission: `${kubemateWorkloadReadPermission.name} (routes: kubemate.route.read)`,
    params: entityParamsSchema,
    query: workloadTargetSchema,
    response: yamlViewResponseSchema,
  },
  previewYaml: {
    method: 'POST',
    path: `${entity}/yaml/preview`,
    summary: 'Server-side dry run of an edited YAML, with a unified diff',
    permission: `${kubemateWorkloadYamlApplyPermission.name} (routes: kubemate.route.update)`,
    params: entityParamsSchema,
    body: yamlEditBodySchema,
    response: yamlPreviewResponseSchema,
  },
  applyYaml: {
    method: 'POST',
    path: `${entity}/yaml/apply`,
    summary:
      'Replaces the object with an edited YAML; a stale resourceVersion is a 409',
    permission: `${kubemateWorkloadYamlApplyPermission.name} (routes: kubemate.route.update)`,
    params: entityParamsSchema,
    body: yamlEditBodySchema,
    response: yamlApplyResponseSchema,
  },
});
