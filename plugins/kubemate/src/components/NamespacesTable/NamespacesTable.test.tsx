import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderNamespacesTable as render } from '../../__testUtils__/namespacesTable';

jest.setTimeout(30_000);

describe('NamespacesTable', () => {
  it('shows a field error inline, previews with a dry run, then onboards what was previewed', async () => {
    const { api, rendered } = render(true);
    await rendered;
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Onboard a namespace' }),
    );
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText('Namespace'), 'Shop_1');
    await user.type(within(dialog).getByLabelText('Owner group'), 'team-erp');
    await user.keyboard('{Enter}');
    expect(
      await within(dialog).findByText(/Lower-case letters, digits and "-"/),
    ).toBeInTheDocument();
    expect(api.actions).toEqual([]);

    await user.clear(within(dialog).getByLabelText('Namespace'));
    await user.type(within(dialog).getByLabelText('Namespace'), 'shop');
    const onboard = within(dialog).getByRole('button', { name: 'Onboard' });
    expect(onboard).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: 'Preview' }));
    expect(await within(dialog).findByText('Dry run: port 9000')).toBeVisible();
    await waitFor(() => expect(onboard).toBeEnabled());
    await user.click(onboard);
    expect(
      await within(dialog).findByText('Onboarded shop on port 9000'),
    ).toBeVisible();
    expect(api.actions.map(a => [a.action, a.params?.owner])).toEqual([
      ['onboard-preview', 'team-erp'],
      ['onboard', 'team-erp'],
    ]);
  });

  it('offboards an onboarded namespace after its name is typed', async () => {
    const { api, rendered } = render(true);
    await rendered;
    const user = userEvent.setup();
    const row = (
      await screen.findByText('bank-payments-gateway · port 9000')
    ).closest('tr')!;
    await user.click(within(row).getByText('Offboard…'));
    const dialog = screen.getByRole('dialog');
    const preview = within(dialog).getByRole('button', { name: 'Preview' });
    expect(preview).toBeDisabled();
    await user.type(
      within(dialog).getByLabelText("Type the namespace's name to confirm"),
      'bank-payments',
    );
    await user.click(preview);
    expect(await within(dialog).findByText('Dry run')).toBeVisible();
    await user.click(within(dialog).getByRole('button', { name: 'Offboard' }));
    expect(
      await within(dialog).findByText('Offboarded bank-payments'),
    ).toBeVisible();
    expect(api.actions.map(a => [a.action, a.params?.confirm])).toEqual([
      ['offboard-preview', 'bank-payments'],
      ['offboard', 'bank-payments'],
    ]);
  });
});
