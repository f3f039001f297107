import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { KubemateImagePicker } from './KubemateImagePicker';
import { KUBEMATE_IMAGE_PICKER, validateKubemateImage } from './validation';

/** The image picker as a form field of the new frontend system's scaffolder. */
export const kubemateImagePickerFormField = createFormField({
  name: KUBEMATE_IMAGE_PICKER,
  component: KubemateImagePicker,
  validation: validateKubemateImage,
});
