import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import userEvent from '@testing-library/user-event';
import type {
  EntityWorkloadsResponse,
  KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { screen, waitFor, within } from '@testing-library/react';
import { kubemateApiRef } from '../../api';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import { EntityWorkloadsCard } from './EntityWorkloadsCard';
import {
  editorText,
  setEditorText,
} from '../CodeEditor/__testUtils__/editorText';
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
  spec: { nodeName: 'node-1', containers: [{ name: 'app' }] },
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
      problems: [
        'namespace erp-finance belongs to group:default/team-erp and is not shared with group:default/team-banking, the owner of component:default/payments-api',
      ],
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

const render = (
  element: JSX.Element,
  api = inMemoryKubemateApi([], [response]),
  allowed: (name: string) => boolean = () => true,
  shownEntity: typeof entity = entity,
) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [kubemateApiRef, api],
        [
          permissionApiRef,
          new MockPermissionApi(request =>
            allowed(request.permission.name)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          ),
        ],
      ]}
    >
      <EntityProvider entity={shownEntity}>{element}</EntityProvider>
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
    // Tenancy: what the mapping asked for and the owner may not read is said, not shown.
    expect(
      screen.getByText(/Parts of the mapping are not shown/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /namespace erp-finance belongs to group:default\/team-erp/,
      ),
    ).toBeVisible();
  });

  it('summarises workload health on the overview card', async () => {
    await render(<EntityWorkloadsCard />);
    expect(
      await screen.findByText('Workload health', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Degraded')).toBeInTheDocument();
    expect(screen.getByText('workloads healthy')).toBeInTheDocument();
    expect(screen.getByText(/pods ready · \d+ restarts?/)).toBeInTheDocument();
    expect(
      screen.getByText('1 cluster(s) could not be read'),
    ).toBeInTheDocument();
  });
});

describe('workload controls', () => {
  it('scales after confirming a replica count, and restarts after confirmation', async () => {
    const api = inMemoryKubemateApi([], [response]);
    await render(<EntityWorkloadsContent />, api);
    const user = userEvent.setup();

    await user.click(
      await screen.findByRole(
        'button',
        { name: 'Scale payments-api-v1' },
        { timeout: 15_000 },
      ),
    );
    const replicas = screen.getByLabelText('Replicas');
    await user.clear(replicas);
    await user.type(replicas, '5{Enter}');
    // The click's mutation settles asynchronously (slow under load).
    await waitFor(() =>
      expect(api.actions).toContainEqual({
        action: 'scale',
        target: {
          cluster: 'sim',
          namespace: 'bank-payments',
          kind: 'Deployment',
          name: 'payments-api-v1',
        },
        params: { replicas: 5 },
      }),
    );

    await user.click(
      screen.getByRole('button', { name: 'Restart payments-ledger' }),
    );
    expect(api.actions.some(a => a.action === 'restart')).toBe(false);
    await user.click(await screen.findByRole('button', { name: 'Restart' }));
    // The click's mutation settles asynchronously (slow under load).
    await waitFor(() =>
      expect(api.actions).toContainEqual(
        expect.objectContaining({
          action: 'restart',
          target: expect.objectContaining({
            kind: 'StatefulSet',
            name: 'payments-ledger',
          }),
        }),
      ),
    );
  });

  it('rolls back from the rollout history after confirmation', async () => {
    const api = inMemoryKubemateApi([], [response], {
      history: [
        {
          revision: 2,
          source: 'payments-api-v1-b',
          images: ['payments:1.15'],
          current: true,
        },
        {
          revision: 1,
          source: 'payments-api-v1-a',
          images: ['payments:1.14'],
          current: false,
        },
      ],
    });
    await render(<EntityWorkloadsContent />, api);
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole(
        'button',
        { name: 'Rollout history of payments-api-v1' },
        { timeout: 15_000 },
      ),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText('payments:1.14'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Roll back to 2' }),
    ).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Roll back to 1' }));
    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    // The click's mutation settles asynchronously (slow under load).
    await waitFor(() =>
      expect(api.actions).toContainEqual(
        expect.objectContaining({
          action: 'rollback',
          params: { revision: 1 },
        }),
      ),
    );
  });

  it('keeps an open dialog while the page refreshes underneath it', async () => {
    // Each answer is new data, as a live page gets while pods roll: the table's rows re-render.
    const answers = [response];
    const api = inMemoryKubemateApi([], answers, {
      history: [
        { revision: 2, source: 'b', images: ['payments:1.15'], current: true },
        { revision: 1, source: 'a', images: ['payments:1.14'], current: false },
      ],
    });
    await render(<EntityWorkloadsContent />, api);
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole(
        'button',
        { name: 'Rollout history of payments-api-v1' },
        { timeout: 15_000 },
      ),
    );
    await screen.findByRole('button', { name: 'Roll back to 1' });
    const before = api.calls;
    answers[0] = {
      ...response,
      clusters: response.clusters.map(c => ({
        ...c,
        resources: {
          ...c.resources,
          pods: c.resources.pods.map(p => ({
            ...p,
            metadata: {
              ...p.metadata,
              name: `${p.metadata.name}-new`,
              uid: `${p.metadata.uid}-new`,
            },
          })),
        },
      })),
    };
    // Without signals the page polls every 5 s.
    await waitFor(() => expect(api.calls).toBeGreaterThan(before), {
      timeout: 10_000,
    });
    await screen.findByText('payments-api-v1-abc-x1-new');
    expect(
      screen.getByRole('button', { name: 'Roll back to 1' }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Roll back to 1' }));
    await user.click(await screen.findByRole('button', { name: 'Roll back' }));
    await waitFor(() =>
      expect(api.actions).toContainEqual(
        expect.objectContaining({ action: 'rollback' }),
      ),
    );
  });

  it('shows pod logs with search', async () => {
    const api = inMemoryKubemateApi([], [response], {
      logText: 'GET /health 200\nPOST /pay 500 boom\n',
    });
    await render(<EntityWorkloadsContent />, api);
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole(
        'button',
        { name: 'Logs of payments-api-v1-abc-x1' },
        { timeout: 15_000 },
      ),
    );
    expect(await screen.findByText(/POST \/pay 500 boom/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Search logs'), 'health');
    expect(screen.getByLabelText('Log output')).toHaveTextContent(
      'GET /health 200',
    );
    expect(screen.getByLabelText('Log output')).not.toHaveTextContent('boom');
  });

  it('hides the controls the user may not use', async () => {
    // usePermission caches decisions per permission and entity for the whole module, so this
    // test looks at an entity no other test has asked about.
    const other = {
      ...entity,
      metadata: { ...entity.metadata, name: 'payments-api-readonly' },
    };
    const otherResponse = {
      ...response,
      entityRef: 'component:default/payments-api-readonly',
    };
    await render(
      <EntityWorkloadsContent />,
      inMemoryKubemateApi([], [otherResponse]),
      name =>
        name === 'kubemate.workload.read' || name === 'kubemate.workload.logs',
      other,
    );
    // Decisions have arrived once the one granted control shows.
    expect(
      await screen.findByRole(
        'button',
        { name: 'Logs of payments-api-v1-abc-x1' },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('payments-api-v1', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Rollout history of payments-api-v1',
      }),
    ).toBeInTheDocument();
    for (const label of [
      'Scale payments-api-v1',
      'Restart payments-api-v1',
      'Pause rollout of payments-api-v1',
      'Delete pod payments-api-v1-abc-x1',
    ]) {
      expect(
        screen.queryByRole('button', { name: label }),
      ).not.toBeInTheDocument();
    }
  });
});

describe('workload details', () => {
  it('opens a drawer with overview, pods, events and YAML', async () => {
    const withEvent: EntityWorkloadsResponse = {
      ...response,
      entityRef: 'component:default/payments-api-details',
      clusters: [
        {
          ...response.clusters[0],
          resources: {
            ...response.clusters[0].resources,
            events: [
              {
                apiVersion: 'v1',
                kind: 'Event',
                metadata: { name: 'e1', uid: 'e1' },
                type: 'Normal',
                reason: 'ScalingReplicaSet',
                message: 'Scaled up replica set payments-api-v1-abc to 2',
                involvedObject: {
                  kind: 'Deployment',
                  name: 'payments-api-v1',
                  uid: 'd1',
                },
              } as KubeObject,
            ],
          },
        },
      ],
    };
    const other = {
      ...entity,
      metadata: { ...entity.metadata, name: 'payments-api-details' },
    };
    await render(
      <EntityWorkloadsContent />,
      inMemoryKubemateApi([], [withEvent]),
      () => true,
      other,
    );
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole(
        'button',
        { name: 'payments-api-v1' },
        { timeout: 15_000 },
      ),
    );
    const drawer = await screen.findByRole('region', {
      name: 'Deployment payments-api-v1',
    });
    expect(
      within(drawer).getByText('Deployment bank-payments/payments-api-v1'),
    ).toBeInTheDocument();
    expect(within(drawer).getByText('payments:1.14')).toBeInTheDocument();

    await user.click(within(drawer).getByRole('tab', { name: 'Pods (2)' }));
    expect(
      within(drawer).getByText('payments-api-v1-abc-x2'),
    ).toBeInTheDocument();

    await user.click(within(drawer).getByRole('tab', { name: 'Events' }));
    expect(
      within(drawer).getByText(
        'Scaled up replica set payments-api-v1-abc to 2',
      ),
    ).toBeInTheDocument();

    await user.click(within(drawer).getByRole('tab', { name: 'YAML' }));
    expect(within(drawer).getByLabelText('YAML')).toHaveTextContent(
      'kind: Deployment',
    );
    expect(within(drawer).getByLabelText('YAML')).toHaveTextContent(
      'name: payments-api-v1',
    );

    await user.click(
      within(drawer).getByRole('button', { name: 'Close details' }),
    );
    expect(
      screen.queryByRole('region', { name: 'Deployment payments-api-v1' }),
    ).not.toBeInTheDocument();
  });
});

describe('YAML editing', () => {
  const yaml =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: payments-api-v1\n  resourceVersion: "42"\nspec:\n  replicas: 2\n';
  const openYaml = async (
    name: string,
    extra: { conflict?: boolean } = {},
    allowed: (p: string) => boolean = () => true,
  ) => {
    const api = inMemoryKubemateApi(
      [],
      [{ ...response, entityRef: `component:default/${name}` }],
      { yaml, ...extra },
    );
    const shown = { ...entity, metadata: { ...entity.metadata, name } };
    await render(<EntityWorkloadsContent />, api, allowed, shown);
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole(
        'button',
        { name: 'payments-api-v1' },
        { timeout: 15_000 },
      ),
    );
    const drawer = await screen.findByRole('region', {
      name: 'Deployment payments-api-v1',
    });
    await user.click(within(drawer).getByRole('tab', { name: 'YAML' }));
    return { api, user, drawer };
  };

  it('previews the server-side diff and applies it', async () => {
    const { api, user, drawer } = await openYaml('payments-api-yaml');
    await user.click(within(drawer).getByRole('button', { name: 'Edit YAML' }));
    const editor = within(drawer).getByRole('textbox', { name: 'YAML editor' });
    expect(editorText(editor)).toBe(yaml);
    setEditorText(editor, yaml.replace('replicas: 2', 'replicas: 5'));
    await user.click(
      within(drawer).getByRole('button', { name: 'Preview changes' }),
    );
    expect(await within(drawer).findByLabelText('Diff')).toHaveTextContent(
      /\+\s*replicas: 5/,
    );
    await user.click(within(drawer).getByRole('button', { name: 'Apply' }));
    // The click's mutation settles asynchronously (slow under load).
    await waitFor(() =>
      expect(api.actions).toContainEqual(
        expect.objectContaining({
          action: 'yaml-apply',
          params: { yaml: expect.stringContaining('replicas: 5') },
        }),
      ),
    );
  });

  it('offers to reload when the object changed since it was loaded', async () => {
    const { user, drawer } = await openYaml('payments-api-conflict', {
      conflict: true,
    });
    await user.click(within(drawer).getByRole('button', { name: 'Edit YAML' }));
    const editor = within(drawer).getByRole('textbox', { name: 'YAML editor' });
    setEditorText(editor, `${editorText(editor)}# edited\n`);
    await user.click(
      within(drawer).getByRole('button', { name: 'Preview changes' }),
    );
    await user.click(
      await within(drawer).findByRole('button', { name: 'Apply' }),
    );
    expect(await within(drawer).findByRole('alert')).toHaveTextContent(
      /reload it and re-apply/,
    );
    expect(
      within(drawer).getByRole('button', { name: 'Reload' }),
    ).toBeInTheDocument();
  });

  it('shows YAML read-only without kubemate.workload.yaml.apply', async () => {
    const { drawer } = await openYaml(
      'payments-api-yaml-readonly',
      {},
      p => p !== 'kubemate.workload.yaml.apply',
    );
    expect(within(drawer).getByLabelText('YAML')).toHaveTextContent(
      'kind: Deployment',
    );
    expect(
      within(drawer).queryByRole('button', { name: 'Edit YAML' }),
    ).not.toBeInTheDocument();
  });
});
