import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { EntityWorkloadsResponse } from '@kubemate/plugin-kubemate-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { kubemateApiRef } from '../../api';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import { EntityWorkloadsContent } from '../EntityWorkloadsContent';
import { DETAIL_TOGGLE_LABEL } from './ResourceTable';
import {
  emptyResources,
  paymentsResources,
  resourcesResponse,
} from './__testUtils__/resourceFixtures';

jest.mock('../../queries/queryClient', () => ({
  KubemateQueryProvider: jest.requireActual('./__testUtils__/resourceFixtures')
    .FreshQueryProvider,
}));

jest.setTimeout(60_000);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'payments-api' },
  },
};

async function renderTab(response: EntityWorkloadsResponse) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [kubemateApiRef, inMemoryKubemateApi([], [response])],
        [permissionApiRef, new MockPermissionApi(() => AuthorizeResult.ALLOW)],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityWorkloadsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
  return screen.findByRole(
    'tablist',
    { name: 'Resources in Demo cluster' },
    { timeout: 20_000 },
  );
}

const panel = () => screen.getByRole('tabpanel');

async function openTab(name: RegExp) {
  await userEvent.click(screen.getByRole('tab', { name }));
  return panel();
}

async function expandFirstRow(scope: HTMLElement) {
  await userEvent.click(
    within(scope).getAllByRole('button', { name: DETAIL_TOGGLE_LABEL })[0],
  );
  // The panel opens after the table's own short delay.
  await within(scope).findByTestId('resource-detail');
}

describe('Resources on the Workloads tab', () => {
  it('counts each kind and renders only the open tab', async () => {
    const tabs = await renderTab(resourcesResponse(paymentsResources()));
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map(t => t.textContent),
    ).toEqual([
      'Services (1)',
      'ConfigMaps (1)',
      'Secrets (1)',
      'PVCs (1)',
      'HPAs (1)',
      'Jobs (1)',
      'CronJobs (1)',
    ]);
    // Hidden kinds are not rendered until their tab is opened.
    expect(screen.queryByText('payments-config')).not.toBeInTheDocument();
    expect(screen.queryByText('fast-ssd')).not.toBeInTheDocument();
  });

  it('shows a Service with ports, selector, endpoint readiness and selected pods', async () => {
    await renderTab(resourcesResponse(paymentsResources()));
    const services = panel();
    expect(within(services).getByText('NodePort')).toBeInTheDocument();
    expect(within(services).getByText('10.96.12.7')).toBeInTheDocument();
    expect(
      within(services).getByText('http 80→8080/TCP (node port 30080)'),
    ).toBeInTheDocument();
    expect(within(services).getByText('metrics 9090/TCP')).toBeInTheDocument();
    expect(within(services).getByText('app=payments-web')).toBeInTheDocument();
    expect(
      within(services).getByText('1 ready, 1 not ready'),
    ).toBeInTheDocument();

    await expandFirstRow(services);
    expect(
      within(services).getByText('10.0.0.11 (payments-web-abc-1)'),
    ).toBeInTheDocument();
    expect(
      within(services).getByText('10.0.0.12 (payments-web-abc-2)'),
    ).toBeInTheDocument();
    // The report pod is not selected by the Service.
    expect(
      within(services).queryByRole('button', {
        name: 'Open Pod payments-report-28000-x7',
      }),
    ).not.toBeInTheDocument();

    // A selected pod opens in the detail drawer with its containers.
    await userEvent.click(
      within(services).getByRole('button', {
        name: 'Open Pod payments-web-abc-2',
      }),
    );
    const drawer = await screen.findByRole('region', {
      name: 'Pod payments-web-abc-2',
    });
    expect(within(drawer).getByText('Containers (2)')).toBeInTheDocument();
    expect(within(drawer).getByText('migrate (init)')).toBeInTheDocument();
    expect(within(drawer).getByText('payments-web:1.4')).toBeInTheDocument();
    expect(
      within(drawer).getByText(
        'CrashLoopBackOff: back-off 1m20s restarting failed container',
      ),
    ).toBeInTheDocument();
    expect(within(drawer).getByText(/OOMKilled/)).toBeInTheDocument();
    expect(within(drawer).getByText(/exit code 137/)).toBeInTheDocument();
    expect(
      within(drawer).getByText('cpu: 250m, memory: 256Mi'),
    ).toBeInTheDocument();
    expect(within(drawer).getByText('memory: 512Mi')).toBeInTheDocument();
    expect(within(drawer).queryByRole('tab', { name: /Pods/ })).toBeNull();
  });

  it('opens a pod from the pod table', async () => {
    await renderTab(resourcesResponse(paymentsResources()));
    await userEvent.click(
      screen.getByRole('button', { name: 'Details of payments-web-abc-1' }),
    );
    const drawer = await screen.findByRole('region', {
      name: 'Pod payments-web-abc-1',
    });
    expect(within(drawer).getByText('10.0.0.11')).toBeInTheDocument();
    expect(
      within(drawer).getByText('ReplicaSet/payments-web-abc'),
    ).toBeInTheDocument();
    expect(within(drawer).getByText(/^since /)).toBeInTheDocument();
    expect(within(drawer).getByText('migrate (init)')).toBeInTheDocument();
    expect(
      within(drawer).getByText('Completed (exit code 0)'),
    ).toBeInTheDocument();
  });

  it('shows ConfigMap keys beside the selected value, with sizes and binary keys', async () => {
    await renderTab(resourcesResponse(paymentsResources()));
    const configMaps = await openTab(/ConfigMaps/);
    expect(
      within(configMaps).getByText(
        'application.yaml, logback.xml, truststore.p12',
      ),
    ).toBeInTheDocument();
    await expandFirstRow(configMaps);
    const keys = within(configMaps).getByRole('list', {
      name: 'Keys of payments-config',
    });
    expect(within(keys).getByText('application.yaml')).toBeInTheDocument();
    expect(within(keys).getByText('87 B')).toBeInTheDocument();
    expect(within(keys).getByText('10 B · binary')).toBeInTheDocument();
    expect(
      within(configMaps).getByRole('region', {
        name: 'Value of application.yaml',
      }),
    ).toHaveTextContent('jdbc:postgresql://db:5432/payments');

    await userEvent.click(within(keys).getByText('logback.xml'));
    expect(
      within(configMaps).getByRole('region', { name: 'Value of logback.xml' }),
    ).toHaveTextContent('<configuration><root level="INFO"/></configuration>');
    await userEvent.click(within(keys).getByText('truststore.p12'));
    expect(
      within(configMaps).getByText(/truststore.p12 is binary data \(10 B\)/),
    ).toBeInTheDocument();
  });

  it('lists Secret keys without values, and says when values are hidden', async () => {
    await renderTab(resourcesResponse(paymentsResources()));
    const secrets = await openTab(/Secrets/);
    expect(
      within(secrets).getByText('kubernetes.io/basic-auth'),
    ).toBeInTheDocument();
    expect(within(secrets).getByText('username')).toBeInTheDocument();
    expect(within(secrets).getByText('password')).toBeInTheDocument();
    expect(
      within(secrets).getByText(/Secret values are hidden/),
    ).toBeInTheDocument();
    expect(within(secrets).queryByText(/ B$/)).not.toBeInTheDocument();
  });

  it('shows Secret sizes, never values, to people who may read them', async () => {
    await renderTab(
      resourcesResponse(
        paymentsResources({ secretValuesHidden: false }),
        false,
      ),
    );
    const secrets = await openTab(/Secrets/);
    expect(within(secrets).getByText('username · 5 B')).toBeInTheDocument();
    expect(within(secrets).getByText('password · 9 B')).toBeInTheDocument();
    expect(within(secrets).queryByText(/Secret values are hidden/)).toBeNull();
    expect(screen.queryByText(/admin|s3cr3t|YWRtaW4=/)).toBeNull();
  });

  it('shows a PVC with its binding and the pods using it', async () => {
    await renderTab(resourcesResponse(paymentsResources()));
    const pvcs = await openTab(/PVCs/);
    for (const text of ['Bound', '20Gi', 'RWO', 'fast-ssd', 'pvc-4f1c2a']) {
      expect(within(pvcs).getByText(text)).toBeInTheDocument();
    }
    expect(
      within(pvcs).getByRole('button', { name: 'Open Pod payments-web-abc-1' }),
    ).toBeInTheDocument();
    expect(
      within(pvcs).queryByRole('button', {
        name: 'Open Pod payments-web-abc-2',
      }),
    ).toBeNull();
  });

  it('shows an HPA with bounds, replicas, metrics, conditions and scaling events', async () => {
    await renderTab(resourcesResponse(paymentsResources()));
    const hpas = await openTab(/HPAs/);
    expect(
      within(hpas).getByText('Deployment/payments-web'),
    ).toBeInTheDocument();
    expect(within(hpas).getByText('2 / 10')).toBeInTheDocument();
    expect(within(hpas).getByText('3 → 4')).toBeInTheDocument();
    expect(
      within(hpas).getByText(
        'CPU at 70% of requests on average; now 91% of requests (228m average)',
      ),
    ).toBeInTheDocument();
    expect(
      within(hpas).getByText(
        'http_requests_per_second per pod at 100 on average per pod; now unknown',
      ),
    ).toBeInTheDocument();
    await expandFirstRow(hpas);
    expect(within(hpas).getByText(/SucceededRescale/)).toBeInTheDocument();
    expect(within(hpas).getByText(/DesiredWithinRange/)).toBeInTheDocument();
    expect(within(hpas).getByText('SuccessfulRescale')).toBeInTheDocument();
    expect(within(hpas).getByText(/New size: 4/)).toBeInTheDocument();
  });

  it('shows Jobs with status and duration, and CronJobs with schedule, next runs and Jobs', async () => {
    await renderTab(resourcesResponse(paymentsResources()));
    const jobs = await openTab(/^Jobs/);
    expect(within(jobs).getByText('Complete')).toBeInTheDocument();
    expect(within(jobs).getByText('1/1')).toBeInTheDocument();
    expect(within(jobs).getByText('0 / 1 / 0')).toBeInTheDocument();
    expect(within(jobs).getByText('4m 10s')).toBeInTheDocument();
    expect(
      within(jobs).getByText('CronJob/payments-report'),
    ).toBeInTheDocument();
    await expandFirstRow(jobs);
    expect(
      within(jobs).getByRole('button', {
        name: 'Open Pod payments-report-28000-x7',
      }),
    ).toBeInTheDocument();

    const cronJobs = await openTab(/CronJobs/);
    expect(within(cronJobs).getByText('30 2 * * 1-5')).toBeInTheDocument();
    expect(
      within(cronJobs).getByText('At 02:30, on Monday through Friday'),
    ).toBeInTheDocument();
    // Three upcoming weekday runs at 02:30 in the schedule's zone.
    expect(
      within(cronJobs).getAllByText(/(Mon|Tue|Wed|Thu|Fri), .* 02:30 UTC/),
    ).toHaveLength(3);
    expect(within(cronJobs).getByText('No')).toBeInTheDocument();
    await expandFirstRow(cronJobs);
    expect(
      within(cronJobs).getByText('Jobs of payments-report (1)'),
    ).toBeInTheDocument();

    // A Job's name opens it in the detail drawer.
    await userEvent.click(
      within(cronJobs).getByRole('button', {
        name: 'Open Job payments-report-28000',
      }),
    );
    expect(
      await screen.findByRole('region', { name: 'Job payments-report-28000' }),
    ).toBeInTheDocument();
  });

  it('says when a kind has no objects', async () => {
    await renderTab(resourcesResponse(emptyResources()));
    const expected: Array<[RegExp, string]> = [
      [/Services/, 'No Services'],
      [/ConfigMaps/, 'No ConfigMaps'],
      [/Secrets/, 'No Secrets'],
      [/PVCs/, 'No PersistentVolumeClaims'],
      [/HPAs/, 'No HorizontalPodAutoscalers'],
      [/^Jobs/, 'No Jobs'],
      [/CronJobs/, 'No CronJobs'],
    ];
    for (const [tab, text] of expected) {
      const shown = await openTab(tab);
      expect(within(shown).getByText(text)).toBeInTheDocument();
    }
    // No "values hidden" notice without Secrets.
    expect(screen.queryByText(/Secret values are hidden/)).toBeNull();
  });
});
