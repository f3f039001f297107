import type {
  RouteEditRequest,
  RoutePreviewRequest,
  RoutePreviewResponse,
  RouteSaveResponse,
} from '@kubemate/plugin-kubemate-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  conflictError,
  invalidRouteError,
  renderRoutesTab,
  splitRoute,
} from './__testUtils__/routesTestApp';

jest.setTimeout(60_000);

const previewAnswer: RoutePreviewResponse = {
  yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n',
  diff: '--- stored\n+++ dry run\n+kind: HTTPRoute',
  conflicts: [
    {
      parent: 'Gateway bank-payments/bank-payments-gateway',
      hostname: '*',
      match: 'PathPrefix /e2e',
      routes: ['bank-payments/e2e-route', 'bank-payments/old'],
      winner: 'bank-payments/old',
      why: 'older creation timestamp',
    },
  ],
  warnings: ['ServiceProfile shadows this route'],
};

const saved = (name: string): RouteSaveResponse => ({
  cluster: 'sim',
  namespace: 'bank-payments',
  name,
  resourceVersion: '43',
  conflicts: [],
  warnings: [],
});

async function openCreate() {
  const user = userEvent.setup();
  await user.click(
    await screen.findByRole(
      'button',
      { name: 'Create route' },
      { timeout: 15_000 },
    ),
  );
  return { user, dialog: screen.getByRole('dialog') };
}

describe('RouteEditorDialog', () => {
  it('creates a route: inline error for a bad path, fixed, previewed, saved, and the table refreshes', async () => {
    const previews: RoutePreviewRequest[] = [];
    const creates: RouteEditRequest[] = [];
    const { rendered, routes } = renderRoutesTab({
      allowed: true,
      routeApi: {
        previewRoute: async (_entity, request) => {
          previews.push(request);
          return previewAnswer;
        },
        createRoute: async (_entity, request) => {
          creates.push(request);
          // The cluster now has the route, as the refetch after saving will see.
          routes.items[0].httpRoutes.push({
            ...splitRoute(),
            name: request.route.metadata.name,
          });
          return saved(request.route.metadata.name);
        },
      },
    });
    await rendered;
    const { user, dialog } = await openCreate();
    const form = within(dialog);

    await user.type(form.getByLabelText('Name'), 'e2e-route');
    expect(form.getByLabelText('Namespace')).toHaveValue('bank-payments');
    await user.click(form.getByRole('button', { name: 'Add parent' }));
    await user.selectOptions(
      form.getByLabelText('Parent 1'),
      'Gateway bank-payments-gateway · listener https :443 (*.payments.bank.example.com)',
    );
    const path = form.getByLabelText('Path value');
    await user.clear(path);
    await user.type(path, 'api');
    await waitFor(() =>
      expect(path).toHaveAccessibleDescription(
        "must be an absolute path starting with '/'",
      ),
    );
    expect(path).toHaveAttribute('aria-invalid', 'true');
    // Enter does not submit, and Preview does not go to the server with a known problem.
    await user.keyboard('{Enter}');
    await user.click(form.getByRole('button', { name: 'Preview' }));
    expect(previews).toEqual([]);
    expect(path).toHaveFocus();

    await user.clear(path);
    await user.type(path, '/e2e');
    expect(path).not.toHaveAttribute('aria-invalid', 'true');
    await user.click(form.getByRole('button', { name: 'Add backend' }));
    await user.selectOptions(form.getByLabelText('Service'), 'payments-api');
    await user.selectOptions(form.getByLabelText('Port'), '8080 (http)');
    expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();

    await user.click(form.getByRole('button', { name: 'Preview' }));
    expect(await form.findByLabelText('YAML')).toHaveTextContent(
      'kind: HTTPRoute',
    );
    expect(form.getByLabelText('Dry-run diff')).toHaveTextContent(
      '+kind: HTTPRoute',
    );
    expect(
      form.getByText(/ServiceProfile shadows this route/),
    ).toBeInTheDocument();
    const conflicts = form.getByRole('table', {
      name: 'Conflicts with other routes',
    });
    expect(within(conflicts).getByText('PathPrefix /e2e')).toBeInTheDocument();
    expect(
      within(conflicts).getByText('older creation timestamp'),
    ).toBeInTheDocument();

    const expected: RouteEditRequest = {
      cluster: 'sim',
      route: {
        metadata: { namespace: 'bank-payments', name: 'e2e-route' },
        spec: {
          parentRefs: [
            {
              group: 'gateway.networking.k8s.io',
              kind: 'Gateway',
              name: 'bank-payments-gateway',
              sectionName: 'https',
              port: 443,
            },
          ],
          rules: [
            {
              matches: [{ path: { type: 'PathPrefix', value: '/e2e' } }],
              backendRefs: [{ name: 'payments-api', port: 8080, weight: 1 }],
            },
          ],
        },
      },
    };
    expect(previews).toEqual([{ ...expected, mode: 'create' }]);
    await user.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(creates).toEqual([expected]);
    expect(await screen.findByText('e2e-route')).toBeInTheDocument();
  });

  it('edits a route from its stored spec, keeping its resourceVersion and the fields the form does not show', async () => {
    const updates: RouteEditRequest[] = [];
    const { rendered } = renderRoutesTab({
      allowed: true,
      routeApi: {
        previewRoute: async () => ({
          ...previewAnswer,
          conflicts: [],
          warnings: [],
        }),
        updateRoute: async (_entity, request) => {
          updates.push(request);
          return saved('payments-api-split');
        },
      },
    });
    await rendered;
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole(
        'button',
        { name: 'Edit bank-payments/payments-api-split' },
        { timeout: 15_000 },
      ),
    );
    const form = within(screen.getByRole('dialog'));
    expect(form.getByLabelText('Name')).toBeDisabled();
    expect(form.getByLabelText('Parent 1')).toHaveDisplayValue(
      'Service payments-api :8080 (http)',
    );
    const weight = form.getByLabelText('Weight');
    expect(weight).toHaveValue(90);
    await user.clear(weight);
    await user.type(weight, '50');
    await user.click(form.getByRole('button', { name: 'Preview' }));
    await form.findByLabelText('YAML');
    await user.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(updates).toHaveLength(1));
    expect(updates[0]).toEqual({
      cluster: 'sim',
      route: {
        metadata: {
          namespace: 'bank-payments',
          name: 'payments-api-split',
          resourceVersion: '42',
        },
        spec: {
          parentRefs: [
            { group: '', kind: 'Service', name: 'payments-api', port: 8080 },
          ],
          rules: [
            {
              name: 'split',
              backendRefs: [
                { name: 'payments-api-v1', port: 8080, weight: 50 },
              ],
            },
          ],
        },
      },
    });
  });

  it("shows the server's 400 issues at their fields (the rest above the form) and focuses the first", async () => {
    const { rendered } = renderRoutesTab({
      allowed: true,
      routeApi: {
        previewRoute: async () => {
          throw invalidRouteError([
            {
              path: 'spec.rules[0].matches[0].path.value',
              message: 'the server says no',
            },
            {
              path: 'spec.rules',
              message:
                "must send traffic to one of component:default/payments-api's Services",
            },
          ]);
        },
      },
    });
    await rendered;
    const { user, dialog } = await openCreate();
    const form = within(dialog);
    await user.type(form.getByLabelText('Name'), 'r1');
    await user.click(form.getByRole('button', { name: 'Preview' }));
    const path = form.getByLabelText('Path value');
    await waitFor(() =>
      expect(path).toHaveAccessibleDescription('the server says no'),
    );
    expect(path).toHaveFocus();
    expect(form.getByLabelText('Problems with the route')).toHaveTextContent(
      "spec.rules: must send traffic to one of component:default/payments-api's Services",
    );
    // The server's answer was about that draft; a change clears it.
    await user.type(path, 'x');
    expect(path).not.toHaveAccessibleDescription('the server says no');
  });

  it('tells the user when the route changed since it was opened, and reloads it', async () => {
    const { rendered, routes } = renderRoutesTab({
      allowed: true,
      routeApi: {
        previewRoute: async () => previewAnswer,
        updateRoute: async () => {
          throw conflictError('resourceVersion 42 is not the stored 44');
        },
      },
    });
    await rendered;
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole(
        'button',
        { name: 'Edit bank-payments/payments-api-split' },
        { timeout: 15_000 },
      ),
    );
    const form = within(screen.getByRole('dialog'));
    await user.click(form.getByRole('button', { name: 'Preview' }));
    await form.findByLabelText('YAML');
    await user.click(form.getByRole('button', { name: 'Save' }));
    expect(
      await form.findByText(/changed on the cluster since you opened it/),
    ).toBeInTheDocument();

    // Someone set the weight to 10 meanwhile.
    const fresh = splitRoute();
    fresh.resourceVersion = '44';
    (
      fresh.spec.rules as Array<{ backendRefs: Array<{ weight: number }> }>
    )[0].backendRefs[0].weight = 10;
    routes.items[0].httpRoutes = [fresh];
    await user.click(form.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(form.getByLabelText('Weight')).toHaveValue(10));
    expect(form.queryByText(/changed on the cluster/)).not.toBeInTheDocument();
  });

  it('edits filters and timeouts, offering a Traefik Middleware only with a Gateway parent', async () => {
    const { rendered } = renderRoutesTab({ allowed: true });
    await rendered;
    const { user, dialog } = await openCreate();
    const form = within(dialog);
    await user.click(form.getByRole('button', { name: 'Add filter' }));
    const type = form.getByLabelText('Filter type');
    expect(within(type).queryByText('ExtensionRef')).not.toBeInTheDocument();
    await user.click(form.getByRole('button', { name: 'Add parent' }));
    expect(within(type).getByText('ExtensionRef')).toBeInTheDocument();
    await user.selectOptions(type, 'RequestRedirect');
    await user.selectOptions(
      form.getByLabelText('Redirect status code'),
      '307',
    );
    await user.selectOptions(
      form.getByLabelText('Redirect path type'),
      'ReplaceFullPath',
    );
    await user.type(form.getByLabelText('Redirect path'), 'v2');
    await waitFor(() =>
      expect(form.getByLabelText('Request timeout')).not.toHaveAttribute(
        'aria-invalid',
        'true',
      ),
    );
    await user.type(form.getByLabelText('Request timeout'), 'soon');
    await waitFor(() =>
      expect(
        form.getByLabelText('Request timeout'),
      ).toHaveAccessibleDescription(/must be a duration/),
    );
  });
});
