import { z } from 'zod';
import { SEVERITIES } from './vocabulary';

/** An inspection finding of one object of the manifests, before they are applied. */
export const adminManifestFindingSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  /** `failed`: the object breaks the rule; `error`: the rule could not be evaluated. */
  status: z.enum(['failed', 'error']),
  message: z.string().optional(),
  remediation: z.string().optional(),
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  container: z.string().optional(),
  /** The document the object comes from (archive entry and position), when known. */
  path: z.string().optional(),
  index: z.number().int().optional(),
  /** In a YAML edit's preview: the edit brings this finding (the object as it is has none). */
  introduced: z.boolean().optional(),
});
export type AdminManifestFinding = z.infer<typeof adminManifestFindingSchema>;
