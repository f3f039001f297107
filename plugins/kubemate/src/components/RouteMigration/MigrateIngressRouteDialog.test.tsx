import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type {
  ClusterRoutes,
  EntityRoutesResponse,
  HttpRouteSummary,
  RouteMigratePreviewResponse,
  RouteMigrateRequest,
} from '@kubemate/plugin-kubemate-common';
import { QueryClient } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { kubemateApiRef, type KubemateApi } from '../../api';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import { KubemateQueryProvider } from '../../queries';
import { IngressRoutesTable } from '../EntityRoutesContent/IngressRoutesTable';

jest.setTimeout(40_000);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};

const legacy = {
  apiVersion: 'traefik.io/v1alpha1',
  namespace: 'bank-payments',
  name: 'legacy',
  resourceVersion: '4711',
  entryPoints: ['web'],
  routes: [
    {
      match: 'Host(`pay.example.com`) && PathPrefix(`/api`)',
      services: [{ name: 'payments-api', port: 8080 }],
      middlewares: [],
    },
    {
      match: 'Host(`pay.example.com`) && ClientIP(`10.0.0.0/8`)',
      services: [{ name: 'payments-admin', port: 8080 }],
      middlewares: [],
    },
  ],
};

const cluster: ClusterRoutes = {
  cluster: 'sim',
  status: 'ok',
  notInstalled: [],
  httpRoutes: [],
  ingressRoutes: [legacy],
  namespaces: ['bank-payments'],
  gateways: [],
  services: [],
  conflicts: [],
  warnings: [],
};

const parityRow = (path: string, same: boolean) => ({
  request: { host: 'pay.example.com', path, method: 'GET' },
  traefik: {
    route: 0,
    match: 'Host(`pay.example.com`) && PathPrefix(`/api`)',
    backends: ['payments-api:8080'],
  },
  gateway: same
    ? {
        route: 'bank-payments/legacy',
        ruleIndex: 0,
        matchIndex: 0,
        backends: ['payments-api:8080'],
      }
    : null,
  same,
});

const preview = (
  requests: RouteMigrateRequest['requests'] = [],
): RouteMigratePreviewResponse => {
  const rows = [
    parityRow('/api', true),
    parityRow('/apis', false),
    ...requests.map(r => ({ ...parityRow(r.path, true), request: r })),
  ];
  return {
    yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: legacy\n',
    routes: [
      {
        namespace: 'bank-payments',
        name: 'legacy',
        diff: '@@ -0,0 +1,3 @@\n+apiVersion: gateway.networking.k8s.io/v1\n+kind: HTTPRoute',
        issues: [],
        exists: false,
      },
    ],
    notConvertible: [
      {
        route: 1,
        what: 'ClientIP(`10.0.0.0/8`)',
        reason: 'an HTTPRoute cannot match the client address',
        position: 27,
      },
    ],
    notes: [
      {
        route: 0,
        note: "PathPrefix(`/api`) is a string prefix in Traefik; Gateway API's PathPrefix matches whole path segments (/apis no longer matches)",
      },
    ],
    parity: { rows, mismatches: rows.filter(r => !r.same) },
  };
};

const created: HttpRouteSummary = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  namespace: 'bank-payments',
  name: 'legacy',
  hostnames: ['pay.example.com'],
  parents: [
    {
      kind: 'Gateway',
      namespace: 'bank-payments',
      name: 'bank-payments-gateway',
      conditions: [{ type: 'Accepted', status: 'Unknown', reason: 'Pending' }],
    },
  ],
  rules: [],
  spec: {},
};

function render(routeApi: Partial<KubemateApi>) {
  const routes: EntityRoutesResponse = { items: [cluster] };
  const api = inMemoryKubemateApi([], [], { routes, routeApi });
  // A fresh copy per call, as over HTTP: the test changes `routes` between refetches.
  api.getEntityRoutes = async () => structuredClone(routes);
  return {
    routes,
    rendered: renderInTestApp(
      <TestApiProvider
        apis={[
          [kubemateApiRef, api],
          [
            permissionApiRef,
            new MockPermissionApi(() => AuthorizeResult.ALLOW),
          ],
        ]}
      >
        <KubemateQueryProvider client={new QueryClient()}>
          <EntityProvider entity={entity}>
            <IngressRoutesTable routes={[legacy]} cluster={cluster} />
          </EntityProvider>
        </KubemateQueryProvider>
      </TestApiProvider>,
    ),
  };
}

describe('MigrateIngressRouteDialog', () => {
  it('previews the conversion, re-runs the parity check with own requests, applies, waits for Accepted, then deletes the IngressRoute', async () => {
    const previews: RouteMigrateRequest[] = [];
    const applies: RouteMigrateRequest[] = [];
    const deletes: unknown[] = [];
    const { routes, rendered } = render({
      previewRouteMigration: async (_ref, body) => {
        previews.push(body);
        return preview(body.requests);
      },
      applyRouteMigration: async (_ref, body) => {
        applies.push(body);
        return {
          created: [{ namespace: 'bank-payments', name: 'legacy' }],
          ingressRouteKept: true,
        };
      },
      deleteRoute: async (_ref, target) => {
        deletes.push(target);
        return { deleted: 'bank-payments/legacy' };
      },
    });
    await rendered;
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', {
        name: 'Migrate bank-payments/legacy to HTTPRoute',
      }),
    );
    const dialog = await screen.findByRole('dialog');

    // Not convertible, with the reason and the place in the rule.
    const notConvertible = await within(dialog).findByRole('region', {
      name: 'Not convertible',
    });
    expect(
      within(notConvertible).getByText(
        /an HTTPRoute cannot match the client address/,
      ),
    ).toBeInTheDocument();
    expect(
      within(notConvertible).getByText(/Route 2, position 27/),
    ).toBeInTheDocument();
    expect(
      within(notConvertible).getByText('ClientIP(`10.0.0.0/8`)', {
        selector: 'mark',
      }),
    ).toBeInTheDocument();
    // Notes.
    expect(
      within(dialog).getByText(
        /Route 1: PathPrefix\(`\/api`\) is a string prefix/,
      ),
    ).toBeInTheDocument();
    // Parity: the mismatch first, highlighted as such.
    const parity = within(dialog).getByRole('table', { name: 'Parity' });
    const rows = within(parity).getAllByRole('row').slice(1);
    expect(
      within(rows[0]).getByText('GET pay.example.com/apis'),
    ).toBeInTheDocument();
    expect(within(rows[0]).getByText('mismatch')).toBeInTheDocument();
    expect(within(rows[0]).getByText('not served')).toBeInTheDocument();
    expect(within(rows[1]).getByText('same')).toBeInTheDocument();
    expect(
      within(dialog).getByText('1 of 2 requests reach different backends'),
    ).toBeInTheDocument();
    // Route, diff, YAML.
    expect(within(dialog).getByText('new')).toBeInTheDocument();
    expect(
      within(dialog).getByLabelText('Diff of bank-payments/legacy'),
    ).toHaveTextContent('+kind: HTTPRoute');
    expect(within(dialog).getByLabelText('HTTPRoute YAML')).toHaveTextContent(
      'kind: HTTPRoute',
    );

    // Own sample request, then a re-run sends it.
    await user.type(
      within(dialog).getByLabelText('Sample host'),
      'pay.example.com',
    );
    await user.type(
      within(dialog).getByLabelText('Sample path'),
      '/api/v2{Enter}',
    );
    await user.selectOptions(
      within(dialog).getByLabelText('Sample method'),
      'POST',
    );
    await user.type(within(dialog).getByLabelText('Sample path'), '/health');
    await user.click(
      within(dialog).getByRole('button', { name: 'Add request' }),
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Re-run preview' }),
    );
    // The re-run's parity table has a row for it (besides the chip of the sample).
    expect(
      await within(dialog).findByText('POST pay.example.com/health', {
        selector: 'code',
      }),
    ).toBeInTheDocument();
    expect(previews.map(p => p.requests)).toEqual([
      undefined,
      [
        { host: 'pay.example.com', path: '/api/v2', method: 'GET' },
        { host: 'pay.example.com', path: '/health', method: 'POST' },
      ],
    ]);

    // Apply sends the same requests, the IngressRoute is kept, the route is not Accepted yet.
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(
      await within(dialog).findByText(
        'The IngressRoute bank-payments/legacy is kept until the new HTTPRoutes are Accepted.',
      ),
    ).toBeInTheDocument();
    expect(applies).toEqual([previews[1]]);
    expect(
      within(dialog).queryByRole('button', { name: 'Delete IngressRoute' }),
    ).not.toBeInTheDocument();
    expect(
      await within(dialog).findByText(
        /Waiting until every new HTTPRoute is Accepted/,
      ),
    ).toBeInTheDocument();

    // The implementation takes the route: the routes query shows it, first pending, then Accepted.
    routes.items[0] = { ...cluster, httpRoutes: [created] };
    expect(
      await within(dialog).findByText('Accepted (Pending)', undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
    routes.items[0] = {
      ...cluster,
      httpRoutes: [
        {
          ...created,
          parents: [
            {
              ...created.parents[0],
              conditions: [
                { type: 'Accepted', status: 'True', reason: 'Accepted' },
              ],
            },
          ],
        },
      ],
    };
    await user.click(
      await within(dialog).findByRole(
        'button',
        { name: 'Delete IngressRoute' },
        { timeout: 10_000 },
      ),
    );
    expect(deletes).toEqual([]);
    await user.click(
      within(dialog).getByRole('button', {
        name: 'Delete bank-payments/legacy',
      }),
    );
    expect(
      await within(dialog).findByText(
        'IngressRoute bank-payments/legacy deleted.',
      ),
    ).toBeInTheDocument();
    expect(deletes).toEqual([
      {
        cluster: 'sim',
        namespace: 'bank-payments',
        name: 'legacy',
        kind: 'IngressRoute',
        resourceVersion: '4711',
      },
    ]);
  });

  it('does not apply while a route has validation issues', async () => {
    const { rendered } = render({
      previewRouteMigration: async () => {
        const p = preview();
        p.routes[0].issues = [
          { path: 'spec.rules[0].matches[0].path.value', message: 'too long' },
        ];
        return p;
      },
    });
    await rendered;
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', {
        name: 'Migrate bank-payments/legacy to HTTPRoute',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        'spec.rules[0].matches[0].path.value: too long',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Apply' }),
    ).toBeDisabled();
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      'Validation issues in bank-payments/legacy',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });
});
