import { z } from 'zod';
import { entityParamsSchema } from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import {
  kubemateProbeManagePermission,
  kubemateProbeReadPermission,
  kubemateProbeRunPermission,
} from '../permissions';
import {
  probeScheduleSchema,
  probeSeveritySchema,
  probeTypeSchema,
} from './definition';

/** `kubemate:probes`: a probe run started or ended (the probe pages fetch again). */
export const PROBES_CHANNEL = 'kubemate:probes';

/** "A run of this probe started or ended; fetch again." Carries no result. */
export type ProbesChangedSignal = {
  type: 'probe-run';
  probeId: string;
};

export const probeTriggerSchema = z.enum(['scheduled', 'change', 'manual']);
export type ProbeTrigger = z.infer<typeof probeTriggerSchema>;

/** `running` until it ends; `error`: the probe could not act (no permission, no cluster). */
export const probeRunStatusSchema = z.enum([
  'running',
  'passed',
  'failed',
  'error',
]);
export type ProbeRunStatus = z.infer<typeof probeRunStatusSchema>;

/** One step of a run (create, wait ready, scale, delete, request…) and how long it took. */
export const probeStepSchema = z.object({
  name: z.string(),
  status: z.enum(['passed', 'failed']),
  latencyMs: z.number(),
  message: z.string().optional(),
});
export type ProbeStep = z.infer<typeof probeStepSchema>;

/** A Kubernetes event gathered when a run failed. */
export const probeEventSchema = z.object({
  type: z.string(),
  reason: z.string(),
  message: z.string(),
  /** `Kind/name` of the object the event is about. */
  object: z.string(),
  at: z.string().optional(),
  count: z.number().optional(),
});
export type ProbeEvent = z.infer<typeof probeEventSchema>;

/** A first root-cause guess from the hint table, with what to do about it. */
export const probeHintSchema = z.object({
  id: z.string(),
  title: z.string(),
  advice: z.string(),
  /** What matched (an event reason, a message). */
  evidence: z.string(),
});
export type ProbeHint = z.infer<typeof probeHintSchema>;

export const probeRunSchema = z
  .object({
    id: z.string(),
    probeId: z.string(),
    cluster: z.string(),
    trigger: probeTriggerSchema,
    /** Who asked (manual), or what changed (change). */
    reason: z.string().optional(),
    status: probeRunStatusSchema,
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    durationMs: z.number().optional(),
    steps: z.array(probeStepSchema),
    message: z.string().optional(),
    events: z.array(probeEventSchema),
    hint: probeHintSchema.optional(),
    /** The tail of a failed job probe's container log. */
    logs: z.string().optional(),
  })
  .describe('ProbeRun');
export type ProbeRun = z.infer<typeof probeRunSchema>;

/** A probe as the API shows it: its definition and how it has been doing. */
export const probeSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().optional(),
    type: probeTypeSchema,
    cluster: z.string(),
    namespace: z.string().optional(),
    owner: z.string().optional(),
    entityRefs: z.array(z.string()),
    severity: probeSeveritySchema,
    schedule: probeScheduleSchema,
    timeoutSeconds: z.number(),
    /** The file and line it is defined at. */
    source: z.string(),
    nextRunAt: z.string().optional(),
    /** Share (0–1) of the recent finished runs that passed; absent before the first. */
    successRate: z.number().optional(),
    /** How many finished runs the success rate counts. */
    recentRuns: z.number(),
    lastRun: probeRunSchema.optional(),
    /** The newest failed (or errored) run, with its events and hint. */
    lastFailure: probeRunSchema.optional(),
  })
  .describe('ProbeSummary');
export type ProbeSummary = z.infer<typeof probeSummarySchema>;

/** A probe's id, as its definition's `id` allows. */
export const probeIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,63}$/, 'must be a probe id');

export const probeParamsSchema = z.object({ id: probeIdSchema });

export const probeRunsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const probeListResponseSchema = z
  .object({ items: z.array(probeSummarySchema) })
  .describe('ProbeListResponse');
export type ProbeListResponse = z.infer<typeof probeListResponseSchema>;

export const probeRunListResponseSchema = z
  .object({ items: z.array(probeRunSchema) })
  .describe('ProbeRunListResponse');
export type ProbeRunListResponse = z.infer<typeof probeRunListResponseSchema>;

/** Body of `POST /probes/gate`: may a change go ahead, given these probes? */
export const probeGateRequestSchema = z.object({
  probes: z.array(probeIdSchema).min(1).max(20),
  /** A result older than this is not trusted: the probe runs again first. Default 300. */
  maxAgeSeconds: z.number().int().min(0).max(86_400).optional(),
  /** What is gated, for the audit log (e.g. `release 6f1c… step 3`). */
  change: z.string().min(1).max(200),
});
export type ProbeGateRequest = z.infer<typeof probeGateRequestSchema>;

/** One probe's say in a gate decision. */
export const probeGateResultSchema = z.object({
  probe: z.string(),
  status: z.enum(['passed', 'failed', 'error', 'unknown']),
  runId: z.string().optional(),
  /** When the run judged on started. */
  at: z.string().optional(),
  /** Why it does not pass. */
  message: z.string().optional(),
  hint: probeHintSchema.optional(),
});
export type ProbeGateResult = z.infer<typeof probeGateResultSchema>;

export const probeGateResponseSchema = z
  .object({
    allowed: z.boolean(),
    /** Why the change is blocked, naming each probe that did not pass. */
    reason: z.string().optional(),
    results: z.array(probeGateResultSchema),
  })
  .describe('ProbeGateResponse');
export type ProbeGateResponse = z.infer<typeof probeGateResponseSchema>;

/** Body of `POST /probes/:id/runs/:runId/report`: what a job probe found. */
export const probeReportSchema = z.object({
  /** The run's key, given to its Job as `KUBEMATE_PROBE_REPORT_KEY`. */
  key: z.string().min(16).max(128),
  status: z.enum(['passed', 'failed']),
  messages: z.array(z.string().max(1000)).max(50).default([]),
});
export type ProbeReport = z.input<typeof probeReportSchema>;

export const probeRunParamsSchema = probeParamsSchema.extend({
  runId: z.string().uuid(),
});

export const probeRoutes = defineRoutes({
  listProbes: {
    method: 'GET',
    path: '/probes',
    summary:
      'Every probe with its success rate, last run and last failure (the fleet page), failing ones first',
    permission: kubemateProbeReadPermission.name,
    response: probeListResponseSchema,
  },
  listEntityProbes: {
    method: 'GET',
    path: '/entities/:kind/:namespace/:name/probes',
    summary: 'The probes whose `entityRefs` name the entity',
    permission: kubemateProbeReadPermission.name,
    params: entityParamsSchema,
    response: probeListResponseSchema,
  },
  getProbe: {
    method: 'GET',
    path: '/probes/:id',
    summary: 'One probe with its success rate, last run and last failure',
    permission: kubemateProbeReadPermission.name,
    params: probeParamsSchema,
    response: probeSummarySchema,
  },
  listProbeRuns: {
    method: 'GET',
    path: '/probes/:id/runs',
    summary:
      "A probe's runs, newest first, each with its steps' latencies, and for failures the Kubernetes events and a root-cause hint",
    permission: kubemateProbeReadPermission.name,
    params: probeParamsSchema,
    query: probeRunsQuerySchema,
    response: probeRunListResponseSchema,
  },
  checkProbeGate: {
    method: 'POST',
    path: '/probes/gate',
    summary:
      'May a change go ahead? Judges the named probes on their latest result, running those whose result is older than `maxAgeSeconds` first; a blocked change is audited with the reason',
    permission: kubemateProbeRunPermission.name,
    body: probeGateRequestSchema,
    response: probeGateResponseSchema,
  },
  reportProbeRun: {
    method: 'POST',
    path: '/probes/:id/runs/:runId/report',
    summary:
      "A job probe's outcome, sent by its container with the run's key: success or failure with messages (once per run)",
    permission: kubemateProbeManagePermission.name,
    params: probeRunParamsSchema,
    body: probeReportSchema,
    response: probeRunSchema,
  },
  runProbe: {
    method: 'POST',
    path: '/probes/:id/run',
    summary:
      'Runs a probe now; answers 202 with the run (`running`), which ends in the runs list',
    permission: kubemateProbeRunPermission.name,
    params: probeParamsSchema,
    response: probeRunSchema,
  },
});
