import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { CreatedEntityProvider } from './CreatedEntityProvider';

/**
 * Catalog module: the Components of apps created by templates, read from Kubemate every few
 * seconds (`kubemate.createdEntities.refreshSeconds`, default 5) so a new app's page exists
 * right after its template ran.
 */
export const catalogModuleKubemateCreatedEntities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'kubemate-created-entities',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        config: coreServices.rootConfig,
      },
      async init({ catalog, discovery, auth, logger, scheduler, config }) {
        const provider = new CreatedEntityProvider({ discovery, auth, logger });
        catalog.addEntityProvider(provider);
        const seconds =
          config.getOptionalNumber('kubemate.createdEntities.refreshSeconds') ??
          5;
        await scheduler.scheduleTask({
          id: 'kubemate-created-entities',
          frequency: { seconds },
          timeout: { seconds: 30 },
          initialDelay: { seconds: 3 },
          fn: async () => {
            try {
              await provider.refresh();
            } catch (e) {
              logger.warn(
                `Kubemate's created entities could not be read: ${
                  (e as Error).message
                }`,
              );
            }
          },
        });
      },
    });
  },
});
