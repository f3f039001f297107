import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { KubematePermissionPolicy } from './policy';

/**
 * Installs {@link KubematePermissionPolicy} as the permission backend's policy, configured
 * from `kubemate.permissionPolicy`. Replace this module with any other policy module to use
 * another policy.
 *
 * @public
 */
export const permissionModuleKubematePolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'kubemate-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        policy: policyExtensionPoint,
      },
      async init({ config, logger, policy }) {
        const kubematePolicy = KubematePermissionPolicy.fromConfig(config);
        const { roles, defaultDecision } = kubematePolicy.config;
        logger.info(
          `Kubemate permission policy: ${roles.length} role(s) (${
            roles.map(r => r.name).join(', ') || 'none'
          }); other permissions: ${defaultDecision}`,
        );
        policy.setPolicy(kubematePolicy);
      },
    });
  },
});
