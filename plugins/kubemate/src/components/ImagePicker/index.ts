export { KubemateImagePicker, useImageSources } from './KubemateImagePicker';
export { KUBEMATE_IMAGE_PICKER, validateKubemateImage } from './validation';
