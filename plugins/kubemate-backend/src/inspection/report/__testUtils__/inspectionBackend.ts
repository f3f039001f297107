import {
  coreServices,
  createBackendPlugin,
  type ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/config';
import { readClusters } from '@kubemate/plugin-kubemate-node';
import { setupInspection } from '../../setupInspection';

/** No scheduled run during a test. */
export const NO_SCHEDULE = {
  frequency: { hours: 24 },
  timeout: { minutes: 10 },
  initialDelay: { hours: 1 },
};

/**
 * Test-only: a backend with just the inspection wiring of plugin.ts (SQLite, everything
 * allowed), the given Kubernetes clusters and extra `kubemate` config.
 */
export async function startInspectionBackend(options: {
  clusters: object[];
  kubemate?: JsonObject;
  entities?: object[];
  permissions?: ServiceFactory;
}) {
  const plugin = createBackendPlugin({
    pluginId: 'kubemate',
    register(env) {
      env.registerInit({
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          database: coreServices.database,
          scheduler: coreServices.scheduler,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          auth: coreServices.auth,
          permissions: coreServices.permissions,
          lifecycle: coreServices.lifecycle,
          catalog: catalogServiceRef,
        },
        async init(deps) {
          const inspection = await setupInspection({
            ...deps,
            clusters: readClusters(deps.config),
            retryDelayMs: 50,
          });
          deps.lifecycle.addShutdownHook(() => inspection.stop());
          deps.httpRouter.use(inspection.router);
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      plugin,
      catalogServiceMock.factory({
        entities: (options.entities ?? []) as never,
      }),
      ...(options.permissions ? [options.permissions] : []),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              { type: 'config', clusters: options.clusters },
            ],
          },
          kubemate: options.kubemate ?? {},
        },
      }),
    ],
  });
  return backend;
}
