import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { entityParamsSchema } from '@kubemate/plugin-kubemate-common';

/** The entity ref of `/entities/:kind/:namespace/:name/...` routes; 400 when malformed. */
export function entityRefFromParams(params: unknown): string {
  const parsed = entityParamsSchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid entity ${issue.path.join('.')}: must be a catalog name`,
    );
  }
  return stringifyEntityRef(parsed.data);
}
