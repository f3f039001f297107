import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

// Catalog entity name parts: letters, digits, `-`, `_`, `.`, up to 253 characters.
const entityPart = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$/);
const entityParams = z.object({
  kind: entityPart,
  namespace: entityPart,
  name: entityPart,
});

/** The entity ref of `/entities/:kind/:namespace/:name/...` routes; 400 when malformed. */
export function entityRefFromParams(params: unknown): string {
  const parsed = entityParams.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid entity ${issue.path.join('.')}: must be a catalog name`,
    );
  }
  return stringifyEntityRef(parsed.data);
}
