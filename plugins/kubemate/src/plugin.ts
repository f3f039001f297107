import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  ConfigDataClient,
  InspectionClient,
  KubemateClient,
  configDataApiRef,
  inspectionApiRef,
  kubemateApiRef,
  ServiceProfilesClient,
  serviceProfilesApiRef,
  ProbesClient,
  probesApiRef,
} from './api';
import {
  adminRouteRef,
  inspectionRouteRef,
  probesRouteRef,
  releasesRouteRef,
  rootRouteRef,
} from './routes';
import {
  KUBEMATE_IMAGE_PICKER,
  KubemateImagePicker,
  validateKubemateImage,
} from './components/ImagePicker';

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
    createApiFactory({
      api: configDataApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ConfigDataClient(deps),
    }),
    createApiFactory({
      api: serviceProfilesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ServiceProfilesClient(deps),
    }),
    createApiFactory({
      api: probesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ProbesClient(deps),
    }),
  ],
  routes: {
    root: rootRouteRef,
    inspection: inspectionRouteRef,
    admin: adminRouteRef,
    releases: releasesRouteRef,
    probes: probesRouteRef,
  },
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

/**
 * Entity overview card: links to the dashboards, queries, logs and traces (Grafana, Prometheus,
 * Loki, Jaeger, Linkerd) of the entity's namespaces and workloads, from the configured templates.
 */
export const EntityKubemateLinksCard = kubematePlugin.provide(
  createComponentExtension({
    name: 'EntityKubemateLinksCard',
    component: {
      lazy: () =>
        import('./components/ObservabilityLinks').then(m => m.EntityLinksCard),
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

/**
 * The platform admin console (tabs Clusters, Events, Namespaces, YAML, Audit log); mount it on
 * `/kubemate/admin`. Users without kubemate.admin.read see a "not allowed" panel.
 */
export const KubemateAdminPage = kubematePlugin.provide(
  createRoutableExtension({
    name: 'KubemateAdminPage',
    component: () =>
      import('./components/AdminConsole').then(m => m.AdminConsolePage),
    mountPoint: adminRouteRef,
  }),
);

/**
 * Releases across the fleet (failing and waiting first) and each release's page at `/:id`;
 * mount it on `/kubemate/releases`, where the backend's notifications link.
 */
export const KubemateReleasesPage = kubematePlugin.provide(
  createRoutableExtension({
    name: 'KubemateReleasesPage',
    component: () => import('./components/Releases').then(m => m.ReleasesPage),
    mountPoint: releasesRouteRef,
  }),
);

/** Entity page tab content (mount on path `releases`): the entity's releases and a form to start one. */
export const EntityKubemateReleasesContent = kubematePlugin.provide(
  createComponentExtension({
    name: 'EntityKubemateReleasesContent',
    component: {
      lazy: () =>
        import('./components/Releases').then(m => m.EntityReleasesContent),
    },
  }),
);

/**
 * `ui:field: KubemateImagePicker` for legacy apps: put it under `<ScaffolderFieldExtensions>` of
 * the scaffolder page. An approved image (`kubemate.images`) and tag; the value is the full image
 * reference.
 */
export const KubemateImagePickerFieldExtension = kubematePlugin.provide(
  createScaffolderFieldExtension({
    name: KUBEMATE_IMAGE_PICKER,
    component: KubemateImagePicker,
    validation: validateKubemateImage,
  }),
);

/** Probes across the fleet: success rate, last result, history, last failure; Run now. */
export const KubemateProbesPage = kubematePlugin.provide(
  createRoutableExtension({
    name: 'KubemateProbesPage',
    component: () => import('./components/Probes').then(m => m.ProbesPage),
    mountPoint: probesRouteRef,
  }),
);

/** Entity overview card: the probes naming the entity, their last result and history. */
export const EntityKubemateProbesCard = kubematePlugin.provide(
  createComponentExtension({
    name: 'EntityKubemateProbesCard',
    component: {
      lazy: () => import('./components/Probes').then(m => m.EntityProbesCard),
    },
  }),
);
