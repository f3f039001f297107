import { screen } from '@testing-library/react';
import { renderNamespacesTable as render } from '../../__testUtils__/namespacesTable';

jest.setTimeout(30_000);

// Its own file: usePermission caches a decision for the whole module.
describe('NamespacesTable without kubemate.namespace.onboard', () => {
  it('lists namespaces with owner and gateway status; onboarding is hidden without permission', async () => {
    await render(false).rendered;
    expect(
      await screen.findByText('bank-payments-gateway · port 9000'),
    ).toBeInTheDocument();
    expect(screen.getByText('Conflicted (PortConflict)')).toBeInTheDocument();
    expect(screen.getByText('from app-config')).toBeInTheDocument();
    expect(screen.getByText('not onboarded')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Onboard a namespace' }),
    ).not.toBeInTheDocument();
  });
});
