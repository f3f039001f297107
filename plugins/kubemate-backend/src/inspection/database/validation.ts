import { InputError, NotFoundError } from '@backstage/errors';
import { z } from 'zod';
import { SEVERITIES } from '@kubemate/plugin-kubemate-common';
import { IGNORE_REASONS, RUN_SOURCES, RUN_TRIGGERS } from '../InspectionStore';

export const startRunSchema = z.object({
  cluster: z.string().min(1).max(253),
  profile: z.string().min(1).max(253),
  trigger: z.enum(RUN_TRIGGERS),
  source: z.enum(RUN_SOURCES).optional(),
  requestedBy: z.string().max(255).optional(),
  startedAt: z.date().optional(),
});
export type ValidStartRun = z.infer<typeof startRunSchema>;

export const ignoreSchema = z.object({
  reason: z.enum(IGNORE_REASONS),
  comment: z.string().max(4000).optional(),
  until: z.date().optional(),
  actor: z.string().min(1).max(255),
});
export type ValidIgnore = z.infer<typeof ignoreSchema>;

export const coverageSchema = z.object({
  complete: z.boolean().optional(),
  ruleIds: z.array(z.string()),
  namespaces: z.array(z.string()).optional(),
  hosts: z.array(z.string()).optional(),
  excludeNamespaces: z.array(z.string()).optional(),
  perRule: z
    .record(
      z.string(),
      z.object({
        namespaces: z.array(z.string()).optional(),
        hosts: z.array(z.string()).optional(),
      }),
    )
    .optional(),
});

export const passedCountsSchema = z.array(
  z.object({
    namespace: z.string().max(253).optional(),
    entityRef: z.string().max(255).optional(),
    severity: z.enum(SEVERITIES),
    count: z.number().int().nonnegative(),
  }),
);

export function parse<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues
      .map(i => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${issues}`);
  }
  return r.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Run ids are UUIDs; anything else cannot exist (and would be a type error on PostgreSQL). */
export function assertRunId(runId: string) {
  if (typeof runId !== 'string' || !UUID.test(runId)) {
    throw new NotFoundError(`No inspection run with id ${runId}`);
  }
}

export function assertDigest(digest: string) {
  if (!/^[0-9a-f]{64}$/.test(digest)) {
    throw new InputError('Invalid digest: expected 64 hex characters (sha256)');
  }
}
