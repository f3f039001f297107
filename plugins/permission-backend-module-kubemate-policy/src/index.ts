/**
 * Default permission policy for Kubemate portals: roles mapped to permissions, granted to
 * groups and users, configured in app-config under `kubemate.permissionPolicy`.
 *
 * @packageDocumentation
 */
export { permissionModuleKubematePolicy as default } from './module';
export { KubematePermissionPolicy } from './policy';
export {
  KUBEMATE_PERMISSION_NAMES,
  parsePolicyConfig,
  readPolicyConfig,
  type KubemateRole,
  type KubematePolicyConfig,
} from './config';
