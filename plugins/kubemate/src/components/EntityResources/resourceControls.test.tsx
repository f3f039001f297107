import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DETAIL_TOGGLE_LABEL } from './ResourceTable';
import { renderTab } from './__testUtils__/renderResourcesTab';

jest.mock('../../queries/queryClient', () => ({
  KubemateQueryProvider: jest.requireActual('./__testUtils__/resourceFixtures')
    .FreshQueryProvider,
}));

jest.setTimeout(60_000);

const panel = () => screen.getByRole('tabpanel');

describe('Resource controls on the Workloads tab', () => {
  it('shows the routes that point at each Service', async () => {
    await renderTab(() => true);
    expect(
      await within(panel()).findByText('HTTPRoute web (pay.example.com)'),
    ).toBeInTheDocument();
  });

  it("edits an HPA, suspends a CronJob and opens a Job pod's log", async () => {
    const { api, tabs } = await renderTab(() => true);
    await userEvent.click(within(tabs).getByRole('tab', { name: /^HPAs/ }));
    await userEvent.click(
      within(panel()).getByRole('button', {
        name: 'Edit autoscaling payments-web',
      }),
    );
    const max = screen.getByLabelText('Maximum replicas');
    await userEvent.clear(max);
    await userEvent.type(max, '9{Enter}');
    expect(api.actions.at(-1)).toMatchObject({
      action: 'set-autoscaling',
      target: { kind: 'HorizontalPodAutoscaler', name: 'payments-web' },
      params: { maxReplicas: 9 },
    });

    await userEvent.click(within(tabs).getByRole('tab', { name: /^CronJobs/ }));
    await userEvent.click(
      within(panel()).getByRole('button', { name: 'Suspend payments-report' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Suspend' }));
    expect(api.actions.at(-1)).toMatchObject({
      action: 'suspend',
      target: { kind: 'CronJob', name: 'payments-report' },
    });

    await userEvent.click(within(tabs).getByRole('tab', { name: /^Jobs/ }));
    await userEvent.click(
      within(panel()).getAllByRole('button', { name: DETAIL_TOGGLE_LABEL })[0],
    );
    await userEvent.click(
      await within(panel()).findByRole('button', {
        name: 'Logs of payments-report-28000-x7',
      }),
    );
    expect(await screen.findByLabelText('Log output')).toHaveTextContent(
      'report done',
    );
  });
});
