import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  InspectionClient,
  KubemateClient,
  inspectionApiRef,
  kubemateApiRef,
} from './api';
import { inspectionRouteRef, rootRouteRef } from './routes';

/** Kubemate for apps on the legacy frontend system (`@backstage/core-plugin-api`). */
export const kubematePlugin = createPlugin({
  id: 'kubemate',
  apis: [
    createApiFactory({
      api: kubemateApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new KubemateClient(deps),
    }),
    createApiFactory({
      api: inspectionApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new InspectionClient(deps),
    }),
  ],
  routes: { root: rootRouteRef, inspection: inspectionRouteRef },
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

/** Entity page tab content: the HTTPRoutes and IngressRoutes that reach the entity's Services. */
export const EntityKubemateRoutesContent = kubematePlugin.provide(
  createComponentExtension({
    name: 'EntityKubemateRoutesContent',
    component: {
      lazy: () =>
        import('./components/EntityRoutesContent').then(
          m => m.EntityRoutesContent,
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

/** Cluster inspection page: fleet state, run history, risks, rules and profiles; e.g. `/inspection`. */
export const KubemateInspectionPage = kubematePlugin.provide(
  createRoutableExtension({
    name: 'KubemateInspectionPage',
    component: () =>
      import('./components/InspectionFleetPage').then(
        m => m.InspectionFleetPage,
      ),
    mountPoint: inspectionRouteRef,
  }),
);

/** Entity page tab content (mount on path `inspection`): the entity's inspection report and risks. */
export const EntityKubemateInspectionContent = kubematePlugin.provide(
  createComponentExtension({
    name: 'EntityKubemateInspectionContent',
    component: {
      lazy: () =>
        import('./components/InspectionEntityContent').then(
          m => m.EntityInspectionContent,
        ),
    },
  }),
);

/** Entity overview card: the entity's open risks by severity and health score. */
export const EntityKubemateInspectionCard = kubematePlugin.provide(
  createComponentExtension({
    name: 'EntityKubemateInspectionCard',
    component: {
      lazy: () =>
        import('./components/InspectionEntityCard').then(
          m => m.EntityInspectionCard,
        ),
    },
  }),
);
