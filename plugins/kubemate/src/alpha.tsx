import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  ANNOTATION_KUBEMATE_WORKLOADS,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
} from '@kubemate/plugin-kubemate-common';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { KubemateClient, kubemateApiRef } from './api';

const rootRouteRef = createRouteRef();

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

/** Shown on entities that carry any of the mapping annotations. */
const entityKubemateContent = EntityContentBlueprint.make({
  params: {
    path: '/kubemate',
    title: 'Kubemate',
    filter: {
      $any: [
        {
          [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}`]: {
            $exists: true,
          },
        },
        {
          [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}`]: {
            $exists: true,
          },
        },
        {
          [`metadata.annotations.${ANNOTATION_KUBEMATE_WORKLOADS}`]: {
            $exists: true,
          },
        },
      ],
    },
    loader: () =>
      import('./components/EntityKubemateContent').then(m => (
        <m.EntityKubemateContent />
      )),
  },
});

/** Kubemate for apps on the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'kubemate',
  title: 'Kubemate',
  icon: <CloudQueueIcon />,
  extensions: [kubemateApi, kubematePage, entityKubemateContent],
  routes: { root: rootRouteRef },
});
