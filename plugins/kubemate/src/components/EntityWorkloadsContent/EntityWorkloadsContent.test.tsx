import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  EntityWorkloadsResponse,
  KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { screen } from '@testing-library/react';
import { kubemateApiRef } from '../../api';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import { EntityWorkloadsCard } from './EntityWorkloadsCard';
import { EntityWorkloadsContent } from './EntityWorkloadsContent';

jest.setTimeout(30_000);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
};

const meta = (name: string, uid: string, owner?: string) => ({
  name,
  namespace: 'bank-payments',
  uid,
  creationTimestamp: new Date(Date.now() - 3 * 3600_000).toISOString(),
  ...(owner
    ? { ownerReferences: [{ kind: 'ReplicaSet', name: 'rs', uid: owner }] }
    : {}),
});

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta('payments-api-v1', 'd1'),
  spec: {
    replicas: 2,
    template: { spec: { containers: [{ image: 'payments:1.14' }] } },
  },
  status: { readyReplicas: 2, updatedReplicas: 2 },
};
const statefulset: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: meta('payments-ledger', 's1'),
  spec: {
    replicas: 3,
    template: { spec: { containers: [{ image: 'ledger:2' }] } },
  },
  status: { readyReplicas: 1, updatedReplicas: 3 },
};
const replicaset: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    ...meta('payments-api-v1-abc', 'rs1'),
    ownerReferences: [
      { kind: 'Deployment', name: 'payments-api-v1', uid: 'd1' },
    ],
  },
};
const pod = (name: string, restarts: number, waiting?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: meta(name, name, 'rs1'),
  spec: { nodeName: 'node-1' },
  status: {
    phase: 'Running',
    containerStatuses: [
      {
        ready: !waiting,
        restartCount: restarts,
        state: waiting ? { waiting: { reason: waiting } } : { running: {} },
      },
    ],
  },
});

const empty = {
  deployments: [],
  statefulsets: [],
  daemonsets: [],
  replicasets: [],
  pods: [],
  jobs: [],
  cronjobs: [],
  services: [],
  endpoints: [],
  configmaps: [],
  secrets: [],
  persistentvolumeclaims: [],
  horizontalpodautoscalers: [],
  events: [],
};

const response: EntityWorkloadsResponse = {
  entityRef: 'component:default/payments-api',
  mappings: [
    {
      labelSelector: 'backstage.io/kubernetes-id=payments-api',
      namespaces: [],
      clusters: [],
      workloads: [],
    },
  ],
  secretValuesHidden: true,
  clusters: [
    {
      cluster: 'sim',
      title: 'Demo cluster',
      status: 'ok',
      resources: {
        ...empty,
        deployments: [deployment],
        statefulsets: [statefulset],
        replicasets: [replicaset],
        pods: [
          pod('payments-api-v1-abc-x1', 0),
          pod('payments-api-v1-abc-x2', 4, 'CrashLoopBackOff'),
        ],
      },
    },
    {
      cluster: 'dr-site',
      status: 'error',
      error: 'connect ECONNREFUSED 10.0.0.9:6443',
      resources: empty,
    },
  ],
};

const render = (element: JSX.Element) =>
  renderInTestApp(
    <TestApiProvider
      apis={[[kubemateApiRef, inMemoryKubemateApi([], [response])]]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
  );

describe('EntityWorkloadsContent', () => {
  it('shows each cluster with its workloads, health, restarts and pods', async () => {
    await render(<EntityWorkloadsContent />);
    expect(
      await screen.findByText('Demo cluster', undefined, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('payments-api-v1')).toBeInTheDocument();
    expect(screen.getByText('2/2')).toBeInTheDocument();
    expect(screen.getByText('1/3')).toBeInTheDocument();
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(screen.getByText('Degraded')).toBeInTheDocument();
    expect(screen.getByText('payments:1.14')).toBeInTheDocument();
    expect(screen.getByText('Pods (2)')).toBeInTheDocument();
    expect(screen.getByText('CrashLoopBackOff')).toBeInTheDocument();
    expect(screen.getAllByText('3h').length).toBeGreaterThan(0);
    expect(
      screen.getByText(/Cluster dr-site could not be read/),
    ).toBeInTheDocument();
    expect(screen.getByText(/ECONNREFUSED 10.0.0.9:6443/)).toBeInTheDocument();
  });

  it('summarises workload health on the overview card', async () => {
    await render(<EntityWorkloadsCard />);
    expect(
      await screen.findByText('Workload health', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Degraded')).toBeInTheDocument();
    expect(
      screen.getByText('1 cluster(s) could not be read'),
    ).toBeInTheDocument();
  });
});
