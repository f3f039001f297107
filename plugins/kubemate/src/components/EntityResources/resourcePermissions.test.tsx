import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderTab } from './__testUtils__/renderResourcesTab';

jest.mock('../../queries/queryClient', () => ({
  KubemateQueryProvider: jest.requireActual('./__testUtils__/resourceFixtures')
    .FreshQueryProvider,
}));

jest.setTimeout(60_000);

const panel = () => screen.getByRole('tabpanel');

// A file of its own: permission decisions are cached per module, so a test granting them in
// the same file could leak into this one.
describe('Resource controls without HPA and CronJob permissions', () => {
  it('offers no HPA or CronJob changes without their permissions', async () => {
    const { tabs } = await renderTab(
      name =>
        name !== 'kubemate.workload.hpa.update' &&
        name !== 'kubemate.workload.cronjob.update',
    );
    // Decisions have come: the CronJob's Run now (a permission still granted) is shown.
    await screen.findAllByRole('button', { name: 'Run payments-report now' });
    await userEvent.click(within(tabs).getByRole('tab', { name: /^HPAs/ }));
    expect(
      within(panel()).queryByRole('button', { name: /autoscaling/ }),
    ).not.toBeInTheDocument();
    await userEvent.click(within(tabs).getByRole('tab', { name: /^CronJobs/ }));
    expect(
      within(panel()).queryByRole('button', { name: /^Suspend / }),
    ).not.toBeInTheDocument();
    // Running it now is a separate permission, still granted.
    expect(
      within(panel()).getByRole('button', { name: 'Run payments-report now' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /autoscaling/ }),
    ).not.toBeInTheDocument();
  });
});
