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
import { resolveEntityMapping } from '@kubemate/plugin-kubemate-common';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import FindInPageIcon from '@material-ui/icons/FindInPage';
import {
  InspectionClient,
  KubemateClient,
  inspectionApiRef,
  kubemateApiRef,
} from './api';

const rootRouteRef = createRouteRef();
const inspectionRouteRef = createRouteRef();

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

const inspectionApi = ApiBlueprint.make({
  name: 'inspection',
  params: defineParams =>
    defineParams({
      api: inspectionApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new InspectionClient(deps),
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

/** Kubemate for apps on the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'kubemate',
  title: 'Kubemate',
  icon: <CloudQueueIcon />,
  extensions: [
    kubemateApi,
    kubematePage,
    entityKubemateContent,
    entityWorkloadsContent,
    entityRoutesContent,
    entityWorkloadsCard,
    inspectionApi,
    inspectionPage,
    entityInspectionContent,
    entityInspectionCard,
  ],
  routes: { root: rootRouteRef, inspection: inspectionRouteRef },
});
