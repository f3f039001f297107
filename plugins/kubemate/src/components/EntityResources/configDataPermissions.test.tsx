import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, render } from './__testUtils__/configDataFixtures';

jest.setTimeout(60_000);

// In a file of their own: permission decisions are cached per module.
describe('ConfigMap and Secret controls follow the permissions', () => {
  it('offers no editing without kubemate.workload.configmap.update', async () => {
    const { api } = fakeApi();
    await render(
      'configmaps',
      api,
      p => p !== 'kubemate.workload.configmap.update',
    );
    expect(
      await screen.findByRole('button', {
        name: 'History of changes of payments-config',
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit payments-config' }),
    ).toBeNull();
  });

  it('refuses reveals and edits without kubemate.workload.secret.read', async () => {
    const { api, calls } = fakeApi();
    await render('secrets', api, p => p !== 'kubemate.workload.secret.read');
    expect(
      await screen.findByText(/not allowed to reveal the values/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Reveal password' }),
    ).toBeDisabled();
    expect(
      screen.queryByRole('button', { name: 'Edit payments-db' }),
    ).toBeNull();
    await userEvent.click(
      screen.getByRole('button', { name: 'History of changes of payments-db' }),
    );
    expect(
      await screen.findByText(
        /Secret values are never written to the audit log/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Restore/ })).toBeNull();
    expect(calls).toHaveLength(0);
  });
});
