import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { KubemateClient } from './KubemateClient';
import { createCatalogRegisterAction } from './actions/catalogRegister';
import { createManifestsApplyAction } from './actions/manifestsApply';
import { createNamespaceOnboardAction } from './actions/namespaceOnboard';
import { createReleaseCreateAction } from './actions/releaseCreate';
import { createRouteCreateAction } from './actions/routeCreate';

/** Kubemate's scaffolder actions; each calls the Kubemate backend as the template's user. */
export const scaffolderModuleKubemate = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'kubemate',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, discovery, auth, config }) {
        const client = new KubemateClient({
          discovery,
          auth,
          requestTimeoutMs: config.getOptionalNumber(
            'kubemate.scaffolder.requestTimeoutMs',
          ),
        });
        scaffolder.addActions(
          createNamespaceOnboardAction(client),
          createManifestsApplyAction(client),
          createRouteCreateAction(client),
          createCatalogRegisterAction(client),
          createReleaseCreateAction(client),
        );
      },
    });
  },
});
