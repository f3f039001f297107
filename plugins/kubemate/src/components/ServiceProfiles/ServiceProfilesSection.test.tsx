import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type {
  ServiceProfileListResponse,
  ServiceProfileSaveRequest,
} from '@kubemate/plugin-kubemate-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import {
  serviceProfilesApiRef,
  type ServiceProfilesApi,
} from '../../api/ServiceProfilesApi';
import { KubemateQueryProvider } from '../../queries';
import { ServiceProfilesSection } from './ServiceProfilesSection';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};

const list: ServiceProfileListResponse = {
  notInstalled: [],
  items: [
    {
      cluster: 'sim',
      namespace: 'bank-payments',
      service: 'payments-api',
      profile: {
        name: 'payments-api.bank-payments.svc.cluster.local',
        resourceVersion: '42',
        spec: {
          routes: [
            {
              name: 'GET /payments',
              condition: { method: 'GET', pathRegex: '/payments' },
              timeout: '300ms',
            },
          ],
        },
      },
      shadowedRoutes: ['payments-api-split'],
    },
  ],
};

async function render() {
  const saved: ServiceProfileSaveRequest[] = [];
  const api: ServiceProfilesApi = {
    listServiceProfiles: async () => list,
    saveServiceProfile: async (_e, _t, request) => {
      saved.push(request);
      return {
        created: false,
        dryRun: !!request.dryRun,
        diff: '-      timeout: 300ms\n+      timeout: 500ms',
        shadowedRoutes: ['payments-api-split'],
      };
    },
  };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [serviceProfilesApiRef, api],
        [permissionApiRef, new MockPermissionApi()],
      ]}
    >
      <KubemateQueryProvider client={new QueryClient()}>
        <ServiceProfilesSection entity={entity} />
      </KubemateQueryProvider>
    </TestApiProvider>,
  );
  return saved;
}

describe('ServiceProfilesSection', () => {
  it('shows the profile, warns that it shadows the HTTPRoute, previews then saves an edit from the keyboard', async () => {
    const saved = await render();
    expect(await screen.findByText('GET /payments')).toBeInTheDocument();
    expect(
      screen.getByText(
        /The ServiceProfile of bank-payments\/payments-api shadows its HTTPRoutes/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Edit the ServiceProfile of payments-api',
      }),
    );
    const form = screen.getByRole('form', { name: 'ServiceProfile' });
    const timeout = within(form).getByLabelText('Timeout');
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '500ms{Enter}');
    expect(
      await screen.findByLabelText('ServiceProfile changes'),
    ).toHaveTextContent(/timeout: 500ms/);
    expect(saved[0]).toMatchObject({ dryRun: true, resourceVersion: '42' });
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(saved[1]).toMatchObject({
      dryRun: false,
      resourceVersion: '42',
      spec: { routes: [{ name: 'GET /payments', timeout: '500ms' }] },
    });
  });

  it('says what is wrong before sending anything', async () => {
    const saved = await render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Edit the ServiceProfile of payments-api',
      }),
    );
    const form = screen.getByRole('form', { name: 'ServiceProfile' });
    await userEvent.clear(within(form).getByLabelText('Timeout'));
    await userEvent.type(within(form).getByLabelText('Timeout'), 'soon');
    await userEvent.click(
      within(form).getByRole('button', { name: 'Preview' }),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      /routes\.0\.timeout: must be a duration/,
    );
    expect(saved).toEqual([]);
  });
});
