import { z } from 'zod';
import {
  entityParamsSchema,
  isoDateTimeSchema,
  pageOf,
  queryInt,
  queryTime,
} from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import {
  kubemateAuditReadPermission,
  kubemateWorkloadAuditReadPermission,
} from '../permissions';
import { BUILTIN_WORKLOAD_ACTION_NAMES } from '../workloads/contract';

/** `pending`: the intent was recorded before the mutation and no outcome yet (or its process died). */
/**
 * Operations recorded for an entity's workloads: the built-in actions, YAML apply, log reads
 * and reads of Secret values (`secret-read`, also refusals to serve them).
 */
export const ENTITY_AUDIT_OPERATIONS = [
  ...BUILTIN_WORKLOAD_ACTION_NAMES,
  'yaml-apply',
  'logs',
  'secret-read',
] as const;

export const AUDIT_RESULTS = [
  'pending',
  'succeeded',
  'failed',
  'denied',
] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** One audited operation (or refused attempt) on an entity's workloads. */
export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: isoDateTimeSchema,
    /** Entity ref of the user, e.g. `user:default/guest`. */
    actor: z.string(),
    entityRef: z.string().optional(),
    cluster: z.string().optional(),
    namespace: z.string().optional(),
    kind: z.string().optional(),
    name: z.string().optional(),
    operation: z.string(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    result: z.enum(AUDIT_RESULTS),
    error: z.string().optional(),
    /** The object before and after the change, for a diff. */
    beforeYaml: z.string().optional(),
    afterYaml: z.string().optional(),
  })
  .describe('AuditEntry');
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Filters of the audit log; all optional, exact matches; `since`/`until` ISO times. */
export const auditFiltersSchema = z.object({
  actor: z.string().max(255).optional(),
  cluster: z.string().max(253).optional(),
  namespace: z.string().max(253).optional(),
  kind: z.string().max(63).optional(),
  name: z.string().max(253).optional(),
  operation: z.string().max(63).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  since: queryTime.optional(),
  until: queryTime.optional(),
  limit: queryInt(1, 500).default(50),
  offset: queryInt(0, 10_000_000).default(0),
});
export type AuditFilters = z.input<typeof auditFiltersSchema>;

/** One entity's log: an `entityRef` (or a misspelt filter) is refused, not ignored. */
export const entityAuditQuerySchema = auditFiltersSchema.strict();

/** The whole log can also be filtered by entity. */
export const auditQuerySchema = auditFiltersSchema.extend({
  entityRef: z.string().max(255).optional(),
});

export const auditPageSchema = pageOf(auditEntrySchema).describe('AuditPage');
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditRoutes = defineRoutes({
  listAudit: {
    method: 'GET',
    path: '/audit',
    summary: 'The whole audit log, newest first, filtered and paged',
    permission: kubemateAuditReadPermission.name,
    query: auditQuerySchema,
    response: auditPageSchema,
  },
  listEntityAudit: {
    method: 'GET',
    path: '/entities/:kind/:namespace/:name/audit',
    summary: 'The audit log of one entity’s workloads, newest first',
    permission: kubemateWorkloadAuditReadPermission.name,
    params: entityParamsSchema,
    query: entityAuditQuerySchema,
    response: auditPageSchema,
  },
});
