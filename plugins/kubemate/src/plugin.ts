import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { KubemateClient, kubemateApiRef } from './api';
import { rootRouteRef } from './routes';

/** Kubemate for apps on the legacy frontend system (`@backstage/core-plugin-api`). */
export const kubematePlugin = createPlugin({
  id: 'kubemate',
  apis: [
    createApiFactory({
      api: kubemateApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new KubemateClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The Kubemate page (clusters overview); mount it on a route such as `/kubemate`. */
export const KubematePage = kubematePlugin.provide(
  createRoutableExtension({
    name: 'KubematePage',
    component: () =>
      import('./components/ClustersPage').then(m => m.ClustersPage),
    mountPoint: rootRouteRef,
  }),
);

/** Entity page tab content: the entity's Kubernetes mapping and its clusters. */
export const EntityKubemateContent = kubematePlugin.provide(
  createComponentExtension({
    name: 'EntityKubemateContent',
    component: {
      lazy: () =>
        import('./components/EntityKubemateContent').then(
          m => m.EntityKubemateContent,
        ),
    },
  }),
);

/** Entity page tab content: the entity's workloads and pods in every cluster, live. */
export const EntityKubemateWorkloadsContent = kubematePlugin.provide(
  createComponentExtension({
    name: 'EntityKubemateWorkloadsContent',
    component: {
      lazy: () =>
        import('./components/EntityWorkloadsContent').then(
          m => m.EntityWorkloadsContent,
        ),
    },
  }),
);

/** Entity overview card: how many of the entity's workloads are healthy. */
export const EntityKubemateWorkloadsCard = kubematePlugin.provide(
  createComponentExtension({
    name: 'EntityKubemateWorkloadsCard',
    component: {
      lazy: () =>
        import('./components/EntityWorkloadsContent').then(
          m => m.EntityWorkloadsCard,
        ),
    },
  }),
);
