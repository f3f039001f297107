/**
 * Kubemate frontend plugin. The legacy-system plugin is exported here; the new frontend
 * system plugin is the default export of `@kubemate/plugin-kubemate/alpha`.
 *
 * @packageDocumentation
 */
export {
  kubematePlugin,
  KubematePage,
  EntityKubemateContent,
  EntityKubemateWorkloadsContent,
  EntityKubemateRoutesContent,
  EntityKubemateWorkloadsCard,
  EntityKubemateLinksCard,
  KubemateInspectionPage,
  EntityKubemateInspectionContent,
  EntityKubemateInspectionCard,
  KubemateAdminPage,
  KubemateReleasesPage,
  EntityKubemateReleasesContent,
  KubemateProbesPage,
  EntityKubemateProbesCard,
  KubemateImagePickerFieldExtension,
} from './plugin';
export { kubemateApiRef, KubemateClient, type KubemateApi } from './api';
export { inspectionApiRef, InspectionClient, type InspectionApi } from './api';
export { IfKubemateAdmin } from './components/AdminConsole/IfKubemateAdmin';
