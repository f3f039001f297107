import { z } from 'zod';
import { adminManifestFindingSchema } from '../admin/contract';
import { dnsNameSchema, nameSchema } from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import { kubemateNamespaceApplyPermission } from '../permissions';

/** At most this many objects in one apply (a template renders a handful). */
export const MAX_APPLY_MANIFESTS = 50;
/** The largest JSON body the apply endpoint accepts, in bytes. */
export const MAX_APPLY_BODY_BYTES = 512 * 1024;
/** The longest rollout wait a caller may ask for. */
export const MAX_ROLLOUT_TIMEOUT_SECONDS = 600;

export const applyParamsSchema = z.object({
  cluster: nameSchema,
  namespace: dnsNameSchema,
});

/** One rendered Kubernetes object: what server-side apply needs of it, the rest passed on. */
export const applyManifestSchema = z.looseObject({
  apiVersion: z.string().min(1).max(253),
  kind: z.string().min(1).max(63),
  metadata: z.looseObject({
    name: dnsNameSchema,
    namespace: dnsNameSchema.optional(),
  }),
});
export type ApplyManifest = z.infer<typeof applyManifestSchema>;

/** `POST /namespaces/:cluster/:namespace/apply`: rendered manifests for a namespace one owns. */
export const applyManifestsBodySchema = z.object({
  manifests: z.array(applyManifestSchema).min(1).max(MAX_APPLY_MANIFESTS),
  /** Only report what would change (server-side dry run); nothing is written. */
  dryRun: z.boolean().default(false),
  /** Refuse to apply when inspection finds high or critical risks (they are reported anyway). */
  failOnHighFindings: z.boolean().default(false),
  /** Wait for the Deployments and StatefulSets applied to roll out; 0 does not wait. */
  rolloutTimeoutSeconds: z
    .number()
    .int()
    .min(0)
    .max(MAX_ROLLOUT_TIMEOUT_SECONDS)
    .default(120),
});
export type ApplyManifestsRequest = z.infer<typeof applyManifestsBodySchema>;

/** One applied object and what happened to it. */
export const appliedObjectSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  action: z.enum(['create', 'change', 'unchanged']),
  /** Unified diff of the object's YAML, before → after. */
  diff: z.string(),
});
export type AppliedObject = z.infer<typeof appliedObjectSchema>;

/** A workload's rollout after the apply. */
export const workloadRolloutSchema = z.object({
  kind: z.string(),
  name: z.string(),
  desired: z.number().int(),
  ready: z.number().int(),
  updated: z.number().int(),
  done: z.boolean(),
});

/** A Kubernetes event related to the applied workloads (their pods, ReplicaSets). */
export const relatedEventSchema = z.object({
  type: z.string(),
  reason: z.string(),
  message: z.string(),
  kind: z.string(),
  name: z.string(),
  count: z.number().int(),
});
export type RelatedEvent = z.infer<typeof relatedEventSchema>;

export const applyManifestsResponseSchema = z
  .object({
    cluster: z.string(),
    namespace: z.string(),
    dryRun: z.boolean(),
    /** Inspection findings of high or critical severity on the manifests, worst first. */
    findings: z.array(adminManifestFindingSchema),
    /** Set when the manifests could not be inspected. */
    inspectionError: z.string().optional(),
    /** True when `failOnHighFindings` held the apply back: nothing was written. */
    blocked: z.boolean(),
    objects: z.array(appliedObjectSchema),
    rollout: z.object({
      /** `succeeded`, `failed` (timed out), or `skipped` (dry run, blocked, no wait, no workloads). */
      status: z.enum(['succeeded', 'failed', 'skipped']),
      message: z.string(),
      workloads: z.array(workloadRolloutSchema),
      /** Warning events of the workloads and their pods, when the rollout failed. */
      events: z.array(relatedEventSchema),
    }),
  })
  .describe('ApplyManifestsResponse');
export type ApplyManifestsResponse = z.infer<
  typeof applyManifestsResponseSchema
>;

/** The largest catalog entity a template may register, as JSON, in bytes. */
export const MAX_CREATED_ENTITY_BYTES = 64 * 1024;

/** A Component of a created app, as its `catalog-info.yaml` says. */
export const createdEntitySchema = z.looseObject({
  apiVersion: z.literal('backstage.io/v1alpha1'),
  kind: z.literal('Component'),
  metadata: z.looseObject({
    name: dnsNameSchema.max(63),
    namespace: dnsNameSchema.max(63).optional(),
  }),
  spec: z.looseObject({
    type: z.string().min(1).max(63),
    lifecycle: z.string().min(1).max(63),
    owner: z.string().min(1).max(255),
  }),
});
export type CreatedEntity = z.infer<typeof createdEntitySchema>;

/** `POST /catalog/created-entities`: registers (or replaces) a created app's Component. */
export const registerCreatedEntityBodySchema = z.object({
  entity: createdEntitySchema,
  /** Only validate; nothing is stored. */
  dryRun: z.boolean().default(false),
});
export type RegisterCreatedEntityRequest = z.infer<
  typeof registerCreatedEntityBodySchema
>;

export const registerCreatedEntityResponseSchema = z
  .object({
    entityRef: z.string(),
    dryRun: z.boolean(),
    /** False when the same entity was registered already. */
    changed: z.boolean(),
  })
  .describe('RegisterCreatedEntityResponse');
export type RegisterCreatedEntityResponse = z.infer<
  typeof registerCreatedEntityResponseSchema
>;

export const createdEntityListResponseSchema = z
  .object({ items: z.array(createdEntitySchema) })
  .describe('CreatedEntityListResponse');
export type CreatedEntityListResponse = z.infer<
  typeof createdEntityListResponseSchema
>;

/** Routes for templates (the scaffolder module): manifests into a namespace the caller's group owns. */
export const scaffoldingRoutes = defineRoutes({
  applyNamespaceManifests: {
    method: 'POST',
    path: '/namespaces/:cluster/:namespace/apply',
    summary:
      "Server-side applies rendered manifests to a namespace of the caller's groups (dry run first; inspected; audited), then waits for the rollout and reports failing workloads' events",
    permission: kubemateNamespaceApplyPermission.name,
    params: applyParamsSchema,
    body: applyManifestsBodySchema,
    response: applyManifestsResponseSchema,
  },
  registerCreatedEntity: {
    method: 'POST',
    path: '/catalog/created-entities',
    summary:
      "Registers a created app's Component (owner: one of the caller's groups) for Kubemate's catalog entity provider; replaces an earlier registration of the same owner (audited)",
    permission: kubemateNamespaceApplyPermission.name,
    body: registerCreatedEntityBodySchema,
    response: registerCreatedEntityResponseSchema,
  },
  listCreatedEntities: {
    method: 'GET',
    path: '/catalog/created-entities',
    summary:
      "The created apps' Components, for the catalog's entity provider (service principals only)",
    response: createdEntityListResponseSchema,
  },
});
