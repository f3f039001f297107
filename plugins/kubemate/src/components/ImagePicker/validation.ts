import { configApiRef } from '@backstage/core-plugin-api';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  imageRefusal,
  readImageSources,
} from '@kubemate/plugin-kubemate-common';

/** The `ui:field` name templates use. */
export const KUBEMATE_IMAGE_PICKER = 'KubemateImagePicker';

/**
 * Checks the picked image against `kubemate.images` as the backend will (an approved registry
 * and repository, a listed tag), so the form stops before the run does.
 */
export const validateKubemateImage: CustomFieldValidator<string> = (
  value,
  validation,
  { apiHolder },
) => {
  if (!value) return;
  let sources;
  try {
    sources = readImageSources(
      apiHolder.get(configApiRef)?.getOptional('kubemate.images'),
    );
  } catch (e) {
    validation.addError((e as Error).message);
    return;
  }
  if (sources.length === 0) {
    validation.addError(
      'No approved images are configured (kubemate.images); ask your platform team.',
    );
    return;
  }
  const reason = imageRefusal(sources, value);
  if (reason) validation.addError(reason);
};
