import { z } from 'zod';
import { dnsNameSchema, nameSchema } from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import {
  kubemateClusterReadPermission,
  kubemateNamespaceOnboardPermission,
} from '../permissions';
import { routeConditionSchema } from '../routes/contract';

/** A namespace of a cluster: who owns it, whether it is onboarded, its gateway's status. */
export const namespaceSummarySchema = z
  .object({
    cluster: z.string(),
    name: z.string(),
    /** The owner Group (entity ref), from app-config or the namespace's label. */
    owner: z.string().optional(),
    ownerSource: z.enum(['app-config', 'namespace', 'none']),
    /** Onboarded by Kubemate (its Gateway exists). */
    onboarded: z.boolean(),
    meshInjection: z.boolean(),
    /** The gateway port allocated to the namespace, if any. */
    port: z.number().int().optional(),
    gateway: z
      .object({
        name: z.string(),
        conditions: z.array(routeConditionSchema),
        listeners: z.array(
          z.object({
            name: z.string(),
            port: z.number().int().optional(),
            protocol: z.string().optional(),
            conditions: z.array(routeConditionSchema),
          }),
        ),
      })
      .optional(),
    /** What an onboarded namespace lacks of what onboarding makes; onboarding again restores it. */
    missing: z.array(z.string()).optional(),
  })
  .describe('NamespaceSummary');
export type NamespaceSummary = z.infer<typeof namespaceSummarySchema>;

export const namespaceParamsSchema = z.object({
  cluster: nameSchema,
  name: dnsNameSchema,
});

/** What onboarding makes of a namespace. */
export const onboardBodySchema = z.object({
  /** The owner Group, an entity ref (`team-x` means `group:default/team-x`). */
  owner: z.string().min(1).max(255),
  /** Linkerd proxy injection for the namespace's pods. */
  mesh: z.boolean().default(true),
  /** A size of `kubemate.onboarding.sizes` (ResourceQuota and LimitRange). */
  size: z.string().min(1).max(63),
  /** A default-deny NetworkPolicy that still admits the gateway. */
  networkPolicy: z.boolean().default(false),
  /** TLS Secret of the HTTPS listener; without it the Gateway listens on HTTP only. */
  tlsSecretName: dnsNameSchema.optional(),
  /** Only report what would change (server-side dry run). */
  dryRun: z.boolean().default(false),
});
export type OnboardRequest = z.infer<typeof onboardBodySchema>;

/** Offboarding: removes what onboarding made; the namespace itself only when asked. */
export const offboardBodySchema = z.object({
  /** The namespace's name again, as confirmation. */
  confirm: z.string().min(1).max(63),
  /** Delete the Namespace too, with everything in it. */
  deleteNamespace: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});
export type OffboardRequest = z.infer<typeof offboardBodySchema>;

/** One object onboarding creates or changes, and how. */
export const onboardObjectSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  action: z.enum(['create', 'change', 'unchanged', 'delete']),
  /** Unified diff of the object's YAML, before → after. */
  diff: z.string(),
});
export type OnboardObject = z.infer<typeof onboardObjectSchema>;

export const onboardResponseSchema = z
  .object({
    cluster: z.string(),
    namespace: z.string(),
    dryRun: z.boolean(),
    port: z.number().int(),
    objects: z.array(onboardObjectSchema),
  })
  .describe('OnboardResponse');
export type OnboardResponse = z.infer<typeof onboardResponseSchema>;

/** `GET /namespaces`: every namespace, and what the onboarding form offers. */
export const namespaceListResponseSchema = z
  .object({
    items: z.array(namespaceSummarySchema),
    /** Whether `kubemate.onboarding` is configured (else onboarding answers 503). */
    onboardingConfigured: z.boolean(),
    /** The sizes of `kubemate.onboarding.sizes`. */
    sizes: z.array(z.string()),
  })
  .describe('NamespaceListResponse');
export type NamespaceListResponse = z.infer<typeof namespaceListResponseSchema>;

/** Routes of namespace onboarding. */
export const namespaceRoutes = defineRoutes({
  listNamespaces: {
    method: 'GET',
    path: '/namespaces',
    summary:
      'Namespaces of every cluster with their owner, onboarding status and Gateway status',
    permission: kubemateClusterReadPermission.name,
    response: namespaceListResponseSchema,
  },
  onboardNamespace: {
    method: 'POST',
    path: '/namespaces/:cluster/:name/onboard',
    summary:
      'Creates or reconciles a namespace with its owner, mesh injection, gateway entryPoint and Gateway, quota and limits (dry run first; audited)',
    permission: kubemateNamespaceOnboardPermission.name,
    params: namespaceParamsSchema,
    body: onboardBodySchema,
    response: onboardResponseSchema,
  },
  offboardNamespace: {
    method: 'POST',
    path: '/namespaces/:cluster/:name/offboard',
    summary:
      'Removes what onboarding made (Gateway, entryPoint and port, quota, limits, NetworkPolicy, ownership labels), the Namespace only when asked; confirmation by name (audited)',
    permission: kubemateNamespaceOnboardPermission.name,
    params: namespaceParamsSchema,
    body: offboardBodySchema,
    response: onboardResponseSchema,
  },
});
