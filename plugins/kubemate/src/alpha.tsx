import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { Entity } from '@backstage/catalog-model';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { resolveEntityMapping } from '@kubemate/plugin-kubemate-common';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import FindInPageIcon from '@material-ui/icons/FindInPage';
import CallSplitIcon from '@material-ui/icons/CallSplit';
import SettingsIcon from '@material-ui/icons/Settings';
import NetworkCheckIcon from '@material-ui/icons/NetworkCheck';
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

const rootRouteRef = createRouteRef();
const inspectionRouteRef = createRouteRef();
const adminRouteRef = createRouteRef();
const releasesRouteRef = createRouteRef();
const probesRouteRef = createRouteRef();

const kubemateApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: kubemateApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new KubemateClient(deps),
    }),
});

const kubematePage = PageBlueprint.make({
  params: {
    path: '/kubemate',
    title: 'Kubemate',
    icon: <CloudQueueIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/ClustersPage').then(m => <m.ClustersPage />),
  },
});

/** The platform admin console; a "not allowed" panel for users without kubemate.admin.read. */
const adminPage = PageBlueprint.make({
  name: 'admin',
  params: {
    path: '/kubemate/admin',
    title: 'Kubemate admin',
    icon: <SettingsIcon />,
    routeRef: adminRouteRef,
    loader: () =>
      import('./components/AdminConsole').then(m => <m.AdminConsolePage />),
  },
});

/** Entities whose annotations map them to workloads: the same rule the backend applies. */
const isMapped = (entity: Entity) =>
  resolveEntityMapping(entity.metadata.annotations) !== undefined;

const entityKubemateContent = EntityContentBlueprint.make({
  params: {
    path: '/kubemate',
    title: 'Kubemate',
    filter: isMapped,
    loader: () =>
      import('./components/EntityKubemateContent').then(m => (
        <m.EntityKubemateContent />
      )),
  },
});

/** Mapped entities, and Systems (which aggregate their components' workloads). */
const entityWorkloadsContent = EntityContentBlueprint.make({
  name: 'workloads',
  params: {
    path: '/workloads',
    title: 'Workloads',
    filter: (entity: Entity) =>
      entity.kind.toLowerCase() === 'system' || isMapped(entity),
    loader: () =>
      import('./components/EntityWorkloadsContent').then(m => (
        <m.EntityWorkloadsContent />
      )),
  },
});

/** Mapped Components: the routes that reach their Services. */
const entityRoutesContent = EntityContentBlueprint.make({
  name: 'routes',
  params: {
    path: '/routes',
    title: 'Routes',
    filter: isMapped,
    loader: () =>
      import('./components/EntityRoutesContent').then(m => (
        <m.EntityRoutesContent />
      )),
  },
});

const entityWorkloadsCard = EntityCardBlueprint.make({
  name: 'workload-health',
  params: {
    type: 'info',
    filter: isMapped,
    loader: () =>
      import('./components/EntityWorkloadsContent').then(m => (
        <m.EntityWorkloadsCard />
      )),
  },
});

const entityLinksCard = EntityCardBlueprint.make({
  name: 'observability-links',
  params: {
    type: 'info',
    filter: isMapped,
    loader: () =>
      import('./components/ObservabilityLinks').then(m => (
        <m.EntityLinksCard />
      )),
  },
});

const inspectionApi = ApiBlueprint.make({
  name: 'inspection',
  params: defineParams =>
    defineParams({
      api: inspectionApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new InspectionClient(deps),
    }),
});

const configDataApi = ApiBlueprint.make({
  name: 'config-data',
  params: defineParams =>
    defineParams({
      api: configDataApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ConfigDataClient(deps),
    }),
});

const serviceProfilesApi = ApiBlueprint.make({
  name: 'service-profiles',
  params: defineParams =>
    defineParams({
      api: serviceProfilesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ServiceProfilesClient(deps),
    }),
});

const inspectionPage = PageBlueprint.make({
  name: 'inspection',
  params: {
    path: '/inspection',
    title: 'Inspection',
    icon: <FindInPageIcon />,
    routeRef: inspectionRouteRef,
    loader: () =>
      import('./components/InspectionFleetPage').then(m => (
        <m.InspectionFleetPage />
      )),
  },
});

const entityInspectionContent = EntityContentBlueprint.make({
  name: 'inspection',
  params: {
    path: '/inspection',
    title: 'Inspection',
    filter: isMapped,
    loader: () =>
      import('./components/InspectionEntityContent').then(m => (
        <m.EntityInspectionContent />
      )),
  },
});

const entityInspectionCard = EntityCardBlueprint.make({
  name: 'inspection',
  params: {
    type: 'info',
    filter: isMapped,
    loader: () =>
      import('./components/InspectionEntityCard').then(m => (
        <m.EntityInspectionCard />
      )),
  },
});

/** Releases across the fleet, and each release's page at `/kubemate/releases/:id`. */
const releasesPage = PageBlueprint.make({
  name: 'releases',
  params: {
    path: '/kubemate/releases',
    title: 'Releases',
    icon: <CallSplitIcon />,
    routeRef: releasesRouteRef,
    loader: () => import('./components/Releases').then(m => <m.ReleasesPage />),
  },
});

/** Mapped Components: their gray and canary releases, and a form to start one. */
const entityReleasesContent = EntityContentBlueprint.make({
  name: 'releases',
  params: {
    path: '/releases',
    title: 'Releases',
    filter: isMapped,
    loader: () =>
      import('./components/Releases').then(m => <m.EntityReleasesContent />),
  },
});

const probesApi = ApiBlueprint.make({
  name: 'probes',
  params: defineParams =>
    defineParams({
      api: probesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ProbesClient(deps),
    }),
});

/** Probes across the fleet (`?probe=<id>` selects one). */
const probesPage = PageBlueprint.make({
  name: 'probes',
  params: {
    path: '/kubemate/probes',
    title: 'Probes',
    icon: <NetworkCheckIcon />,
    routeRef: probesRouteRef,
    loader: () => import('./components/Probes').then(m => <m.ProbesPage />),
  },
});

/** Entity overview card: the probes naming the entity, their last result and history. */
const entityProbesCard = EntityCardBlueprint.make({
  name: 'probes',
  params: {
    type: 'info',
    // Probes name Components in their entityRefs.
    filter: (entity: Entity) => entity.kind === 'Component',
    loader: () =>
      import('./components/Probes').then(m => <m.EntityProbesCard />),
  },
});

/** `ui:field: KubemateImagePicker`: an approved image (`kubemate.images`) and tag, for templates. */
const imagePickerFormField = FormFieldBlueprint.make({
  name: 'image-picker',
  params: {
    field: () =>
      import('./components/ImagePicker/formField').then(
        m => m.kubemateImagePickerFormField,
      ),
  },
});

/** Kubemate for apps on the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'kubemate',
  title: 'Kubemate',
  icon: <CloudQueueIcon />,
  extensions: [
    kubemateApi,
    kubematePage,
    adminPage,
    entityKubemateContent,
    entityWorkloadsContent,
    entityRoutesContent,
    entityWorkloadsCard,
    entityLinksCard,
    inspectionApi,
    configDataApi,
    serviceProfilesApi,
    inspectionPage,
    entityInspectionContent,
    entityInspectionCard,
    releasesPage,
    entityReleasesContent,
    probesApi,
    probesPage,
    entityProbesCard,
    imagePickerFormField,
  ],
  routes: {
    root: rootRouteRef,
    inspection: inspectionRouteRef,
    admin: adminRouteRef,
    releases: releasesRouteRef,
    probes: probesRouteRef,
  },
});
