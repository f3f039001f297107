import { screen } from '@testing-library/react';
import { renderRoutesTab } from '../RouteEditor/__testUtils__/routesTestApp';

jest.setTimeout(30_000);

// Its own file: usePermission caches a decision for the whole module.
describe('EntityRoutesContent without kubemate.route.create and kubemate.route.update', () => {
  it('shows conflicts and warnings, but neither "Create route" nor "Edit"', async () => {
    await renderRoutesTab({ allowed: false }).rendered;
    expect(
      await screen.findByText('payments-api-split', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
    const conflicts = screen.getByRole('table', { name: 'Route conflicts' });
    expect(conflicts).toHaveTextContent(
      'Gateway bank-payments/bank-payments-gateway',
    );
    expect(conflicts).toHaveTextContent('older creation timestamp');
    expect(
      screen.getByText(/ServiceProfile payments-api.bank-payments/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Create route' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Edit / }),
    ).not.toBeInTheDocument();
  });
});
