import { z } from 'zod';
import { entityParamsSchema, itemsOf } from '../contract/primitives';
import { defineRoutes } from '../contract/route';
import {
  kubemateWorkloadAuditReadPermission,
  kubemateWorkloadConfigMapUpdatePermission,
  kubemateWorkloadSecretReadPermission,
  kubemateWorkloadSecretUpdatePermission,
} from '../permissions';
import { viewedResourceVersionSchema, workloadTargetSchema } from './contract';

/**
 * The keys and values of ConfigMaps and Secrets, edited key by key: preview (a server-side dry
 * run with a diff), apply (conditional on the resourceVersion the user saw), history from the
 * audit log, restore of an earlier ConfigMap version, and the reveal of one Secret value.
 */

/** Kubernetes' limit for a ConfigMap or Secret (its etcd object size). */
export const MAX_CONFIG_DATA_BYTES = 1024 * 1024;

/** At most this many key changes in one edit. */
export const MAX_CONFIG_DATA_CHANGES = 200;

/** A data key as Kubernetes accepts it: letters, digits, `-`, `_`, `.`, at most 253. */
export const configDataKeySchema = z
  .string()
  .min(1)
  .max(253)
  .regex(
    /^[-._a-zA-Z0-9]+$/,
    "must consist of letters, digits, '-', '_' or '.'",
  )
  .refine(k => k !== '.' && k !== '..', "must not be '.' or '..'");

/** The kinds whose keys are edited here. */
export const CONFIG_DATA_KINDS = ['ConfigMap', 'Secret'] as const;
export type ConfigDataKind = (typeof CONFIG_DATA_KINDS)[number];

/** A ConfigMap or Secret of the entity. */
export const configDataTargetSchema = workloadTargetSchema.extend({
  kind: z.enum(CONFIG_DATA_KINDS),
});
export type ConfigDataTarget = z.infer<typeof configDataTargetSchema>;

const utf8 = new TextEncoder();

/** One change of a key: set (add or replace) its text value, rename it, remove it. */
export const configDataChangeSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('set'),
    key: configDataKeySchema,
    /** The value as text (a Secret's is encoded to base64 by the backend). */
    value: z
      .string()
      .max(MAX_CONFIG_DATA_BYTES)
      .refine(
        v =>
          v.length * 3 <= MAX_CONFIG_DATA_BYTES ||
          utf8.encode(v).length <= MAX_CONFIG_DATA_BYTES,
        `must be at most ${MAX_CONFIG_DATA_BYTES} bytes`,
      ),
  }),
  z.object({
    op: z.literal('rename'),
    key: configDataKeySchema,
    to: configDataKeySchema,
  }),
  z.object({ op: z.literal('remove'), key: configDataKeySchema }),
]);
export type ConfigDataChange = z.infer<typeof configDataChangeSchema>;

/** Which version of an audited change a restore puts back: the object before or after it. */
export const configDataRestoreSchema = z.object({
  /** The audit record's id, from the history. */
  auditId: z.string().min(1).max(64),
  version: z.enum(['before', 'after']),
});
export type ConfigDataRestore = z.infer<typeof configDataRestoreSchema>;

/**
 * An edit: the key changes, applied in order, or (ConfigMaps only) the restore of a version
 * from the history; always with the resourceVersion the user saw, so a stale edit is a 409.
 */
export const configDataEditBodySchema = configDataTargetSchema
  .extend({
    resourceVersion: viewedResourceVersionSchema,
    changes: z
      .array(configDataChangeSchema)
      .min(1)
      .max(MAX_CONFIG_DATA_CHANGES)
      .optional(),
    restore: configDataRestoreSchema.optional(),
  })
  .refine(b => (b.changes === undefined) !== (b.restore === undefined), {
    message: 'give either changes or restore',
    path: ['changes'],
  })
  .refine(b => b.restore === undefined || b.kind === 'ConfigMap', {
    message:
      'only ConfigMaps can be restored: Secret values are not kept in the audit log',
    path: ['restore'],
  });
export type ConfigDataEditRequest = z.infer<typeof configDataEditBodySchema>;

/** Keys added, removed, changed (value) and renamed by an edit; names only, never values. */
export const configDataKeyChangesSchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
  renamed: z.array(z.object({ from: z.string(), to: z.string() })),
});
export type ConfigDataKeyChanges = z.infer<typeof configDataKeyChangesSchema>;

export const configDataPreviewResponseSchema = z
  .object({
    /**
     * The keys before and after as text: a ConfigMap's values as YAML, a Secret's keys with
     * their sizes only (its values are never in a preview).
     */
    before: z.string(),
    after: z.string(),
    /** Unified diff of `before` and `after`, 3 lines of context; empty when nothing changes. */
    diff: z.string(),
    keys: configDataKeyChangesSchema,
    /** The resourceVersion the edit applies to (still the one the user saw). */
    resourceVersion: z.string(),
  })
  .describe('ConfigDataPreviewResponse');
export type ConfigDataPreviewResponse = z.infer<
  typeof configDataPreviewResponseSchema
>;

export const configDataApplyResponseSchema = z
  .object({
    keys: configDataKeyChangesSchema,
    /** The object's new resourceVersion. */
    resourceVersion: z.string(),
  })
  .describe('ConfigDataApplyResponse');
export type ConfigDataApplyResponse = z.infer<
  typeof configDataApplyResponseSchema
>;

/** One audited change of the object, newest first. */
export const configDataHistoryEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  /** `configdata-edit`, `configdata-restore`, `yaml-apply`, … */
  operation: z.string(),
  /** Keys as recorded; for Secrets only names (a value change without names is `changed: []`). */
  keys: configDataKeyChangesSchema,
  /** Versions that can be put back (ConfigMaps only: Secret values are never recorded). */
  restorable: z.array(z.enum(['before', 'after'])),
});
export type ConfigDataHistoryEntry = z.infer<
  typeof configDataHistoryEntrySchema
>;

export const configDataHistoryResponseSchema = itemsOf(
  configDataHistoryEntrySchema,
).describe('ConfigDataHistoryResponse');
export type ConfigDataHistoryResponse = z.infer<
  typeof configDataHistoryResponseSchema
>;

/** The one Secret key whose value is asked for. */
export const secretRevealBodySchema = workloadTargetSchema
  .omit({ kind: true })
  .extend({ key: configDataKeySchema });
export type SecretRevealRequest = z.infer<typeof secretRevealBodySchema>;

export const secretRevealResponseSchema = z
  .object({
    key: z.string(),
    /** The decoded value: UTF-8 text, or base64 when it is not text. */
    value: z.string(),
    encoding: z.enum(['utf-8', 'base64']),
    resourceVersion: z.string(),
  })
  .describe('SecretRevealResponse');
export type SecretRevealResponse = z.infer<typeof secretRevealResponseSchema>;

const entity = '/entities/:kind/:namespace/:name';

/** Routes of ConfigMap and Secret editing and of Secret reveals. */
export const configDataRoutes = defineRoutes({
  previewConfigData: {
    method: 'POST',
    path: `${entity}/configdata/preview`,
    summary:
      'What an edit of a ConfigMap’s or Secret’s keys would change (server-side dry run, diff; a Secret’s values are not shown); 409 when stale',
    permission: `${kubemateWorkloadConfigMapUpdatePermission.name} (Secrets: ${kubemateWorkloadSecretReadPermission.name} and ${kubemateWorkloadSecretUpdatePermission.name})`,
    params: entityParamsSchema,
    body: configDataEditBodySchema,
    response: configDataPreviewResponseSchema,
  },
  applyConfigData: {
    method: 'POST',
    path: `${entity}/configdata/apply`,
    summary:
      'Edits a ConfigMap’s or Secret’s keys, or restores a ConfigMap version from its history (audited; a stale resourceVersion is a 409)',
    permission: `${kubemateWorkloadConfigMapUpdatePermission.name} (Secrets: ${kubemateWorkloadSecretReadPermission.name} and ${kubemateWorkloadSecretUpdatePermission.name})`,
    params: entityParamsSchema,
    body: configDataEditBodySchema,
    response: configDataApplyResponseSchema,
  },
  getConfigDataHistory: {
    method: 'GET',
    path: `${entity}/configdata/history`,
    summary:
      'The audited changes of a ConfigMap or Secret, newest first (which keys changed; restorable ConfigMap versions)',
    permission: kubemateWorkloadAuditReadPermission.name,
    params: entityParamsSchema,
    query: configDataTargetSchema,
    response: configDataHistoryResponseSchema,
  },
  revealSecretKey: {
    method: 'POST',
    path: `${entity}/secrets/reveal`,
    summary:
      'The value of one key of one of the entity’s Secrets (each reveal and refusal audited with the key name)',
    permission: kubemateWorkloadSecretReadPermission.name,
    params: entityParamsSchema,
    body: secretRevealBodySchema,
    response: secretRevealResponseSchema,
  },
});
