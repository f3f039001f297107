import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  ClusterRoutes,
  RouteTestBody,
  RouteTestResponse,
} from '@kubemate/plugin-kubemate-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { kubemateApiRef } from '../../api';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import { KubemateQueryProvider } from '../../queries';
import { RouteTesterPanel } from './RouteTesterPanel';

jest.setTimeout(30_000);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};

const cluster: ClusterRoutes = {
  cluster: 'sim',
  status: 'ok',
  notInstalled: [],
  httpRoutes: [],
  ingressRoutes: [],
  namespaces: ['bank-payments'],
  gateways: [
    {
      namespace: 'bank-payments',
      name: 'bank-payments-gateway',
      conditions: [],
      listeners: [
        { name: 'http', port: 9000, protocol: 'HTTP', conditions: [] },
        { name: 'https', port: 9443, protocol: 'HTTPS', conditions: [] },
      ],
    },
  ],
  services: [
    {
      namespace: 'bank-payments',
      name: 'payments-api',
      ports: [{ name: 'http', port: 8080 }],
    },
  ],
  conflicts: [],
  warnings: [],
};

const matched: RouteTestResponse = {
  outcome: 'matched',
  winner: {
    namespace: 'bank-payments',
    name: 'payments-api-split',
    ruleIndex: 1,
    matchIndex: 0,
  },
  match: 'PathPrefix /api · GET',
  backends: [
    {
      kind: 'Service',
      namespace: 'bank-payments',
      name: 'payments-api-v1',
      port: 8080,
      weight: 90,
      percent: 90,
    },
    {
      kind: 'Service',
      namespace: 'bank-payments',
      name: 'payments-api-v2',
      port: 8080,
      weight: 10,
      percent: 10,
    },
  ],
  filters: ['RequestHeaderModifier'],
  alsoMatched: [
    {
      namespace: 'bank-payments',
      name: 'payments-api-root',
      ruleIndex: 0,
      matchIndex: 0,
    },
  ],
  why: [
    'PathPrefix /api is longer than PathPrefix /',
    'payments-api-split rule 2 wins',
  ],
  considered: [
    'bank-payments/payments-api-split',
    'bank-payments/payments-api-root',
  ],
};

const none: RouteTestResponse = {
  outcome: 'none',
  backends: [],
  filters: [],
  alsoMatched: [],
  why: ['no match has hostname other.example.com'],
  considered: ['bank-payments/payments-api-split'],
};

function render(answer: (body: RouteTestBody) => RouteTestResponse) {
  const calls: RouteTestBody[] = [];
  const api = inMemoryKubemateApi([], [], {
    routeApi: {
      testRoute: async (_ref, body) => {
        calls.push(body);
        return answer(body);
      },
    },
  });
  return {
    calls,
    rendered: renderInTestApp(
      <TestApiProvider apis={[[kubemateApiRef, api]]}>
        <KubemateQueryProvider>
          <EntityProvider entity={entity}>
            <RouteTesterPanel cluster={cluster} />
          </EntityProvider>
        </KubemateQueryProvider>
      </TestApiProvider>,
    ),
  };
}

describe('RouteTesterPanel', () => {
  it('tests a request at a listener and shows the winner, backends with shares, filters, other matches and why', async () => {
    const { calls, rendered } = render(() => matched);
    await rendered;
    const user = userEvent.setup();
    const parent = screen.getByLabelText('Parent');
    expect(
      within(parent)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'bank-payments/bank-payments-gateway · http :9000',
      'bank-payments/bank-payments-gateway · https :9443',
      'Service bank-payments/payments-api',
    ]);
    await user.selectOptions(
      parent,
      'bank-payments/bank-payments-gateway · https :9443',
    );
    await user.type(screen.getByLabelText('Host'), 'pay.example.com');
    await user.click(screen.getByRole('button', { name: 'Add header' }));
    await user.type(screen.getByLabelText('Header 1 name'), 'x-canary');
    await user.type(screen.getByLabelText('Header 1 value'), '1');
    const path = screen.getByLabelText(/Path/);
    await user.clear(path);
    // Enter in the path field runs the test.
    await user.type(path, '/api/pay{Enter}');

    expect(
      await screen.findByText(
        'Served by bank-payments/payments-api-split · rule 2 · match 1',
      ),
    ).toBeInTheDocument();
    expect(calls).toEqual([
      {
        cluster: 'sim',
        parent: {
          kind: 'Gateway',
          namespace: 'bank-payments',
          name: 'bank-payments-gateway',
          sectionName: 'https',
        },
        request: {
          host: 'pay.example.com',
          path: '/api/pay',
          method: 'GET',
          headers: { 'x-canary': '1' },
        },
      },
    ]);
    expect(screen.getByText('PathPrefix /api · GET')).toBeInTheDocument();
    expect(
      screen.getByText('Service bank-payments/payments-api-v1:8080'),
    ).toBeInTheDocument();
    expect(screen.getByText('weight 90 (90%)')).toBeInTheDocument();
    expect(screen.getByText('weight 10 (10%)')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', {
        name: 'Service bank-payments/payments-api-v2:8080 share',
      }),
    ).toHaveAttribute('aria-valuenow', '10');
    expect(screen.getByText('RequestHeaderModifier')).toBeInTheDocument();
    expect(
      screen.getByText('bank-payments/payments-api-root · rule 1 · match 1'),
    ).toBeInTheDocument();
    const why = screen.getByRole('list', { name: 'Why' });
    expect(
      within(why)
        .getAllByRole('listitem')
        .map(l => l.textContent),
    ).toEqual(matched.why);
  });

  it('says when no route serves the request, and checks the path before asking', async () => {
    const { calls, rendered } = render(() => none);
    await rendered;
    const user = userEvent.setup();
    const path = screen.getByLabelText(/Path/);
    await user.clear(path);
    await user.type(path, 'api');
    await user.click(screen.getByRole('button', { name: 'Test' }));
    expect(screen.getByText('Must start with /')).toBeInTheDocument();
    expect(calls).toEqual([]);

    await user.selectOptions(
      screen.getByLabelText('Parent'),
      'Service bank-payments/payments-api',
    );
    await user.clear(path);
    await user.type(path, '/nothing');
    await user.selectOptions(screen.getByLabelText('Method'), 'any');
    await user.click(screen.getByRole('button', { name: 'Test' }));
    expect(
      await screen.findByText('No route serves this request'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('no match has hostname other.example.com'),
    ).toBeInTheDocument();
    expect(calls.map(c => [c.parent, c.request])).toEqual([
      [
        { kind: 'Service', namespace: 'bank-payments', name: 'payments-api' },
        { path: '/nothing' },
      ],
    ]);
  });

  it('shows the server error', async () => {
    const { rendered } = render(() => {
      throw new Error('Gateway bank-payments/x not found in cluster sim');
    });
    await rendered;
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Test' }));
    expect(
      await screen.findAllByText(/Gateway bank-payments\/x not found/),
    ).not.toHaveLength(0);
  });
});
