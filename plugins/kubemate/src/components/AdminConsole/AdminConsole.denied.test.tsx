import { screen } from '@testing-library/react';
import { renderAdminConsole } from './__testUtils__/renderAdminConsole';

// Its own file: usePermission caches a decision for the whole module.
describe('AdminConsolePage (not an admin)', () => {
  it('shows a "not allowed" panel and calls nothing', async () => {
    const { api, rendered } = renderAdminConsole(false);
    await rendered;
    expect(await screen.findByText(/Not allowed/)).toBeInTheDocument();
    expect(
      screen.queryByRole('tab', { name: 'Clusters' }),
    ).not.toBeInTheDocument();
    expect(api.calls).toBe(0);
  });
});
