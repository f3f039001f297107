import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderAdminConsole } from './__testUtils__/renderAdminConsole';

jest.setTimeout(30_000);

const openTab = async (
  user: ReturnType<typeof userEvent.setup>,
  name: string,
) => user.click(await screen.findByRole('tab', { name }));

/** Picks an option of a MUI select by its label. */
async function choose(
  user: ReturnType<typeof userEvent.setup>,
  label: string,
  option: string,
) {
  await user.click(screen.getByLabelText(label));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('AdminConsolePage (platform admin)', () => {
  it('Clusters: nodes with requests and limits as bars, conditions, pods; a node’s detail', async () => {
    const { rendered } = renderAdminConsole(true);
    await rendered;
    const table = await screen.findByRole('table', { name: 'Nodes of sim' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const first = rows[1];
    expect(within(first).getByText('sim-worker-1')).toBeInTheDocument();
    // 1.9 of 3.8 allocatable CPUs requested, 3 limited.
    expect(within(first).getByText('1.9 / 3.8 (50%)')).toBeInTheDocument();
    expect(within(first).getByText('3 / 3.8 (79%)')).toBeInTheDocument();
    expect(
      within(first).getByText('7.5 GiB / 15 GiB (50%)'),
    ).toBeInTheDocument();
    expect(within(first).getByText('12 / 110 (11%)')).toBeInTheDocument();
    expect(within(first).getByText('800m / 3.8 (21%)')).toBeInTheDocument();
    expect(
      within(first).getByLabelText('CPU requested 50%'),
    ).toBeInTheDocument();
    // The second node reports memory pressure.
    expect(within(rows[2]).getByText('MemoryPressure')).toBeInTheDocument();
    expect(within(rows[2]).getByText('100 / 110 (91%)')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(
      within(first).getByRole('button', { name: 'sim-worker-1' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Node sim-worker-1')).toBeInTheDocument();
    expect(
      within(dialog).getByText('dedicated=payments:NoSchedule'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('kubernetes.io/hostname=sim-worker-1'),
    ).toBeInTheDocument();
    expect(
      within(
        within(dialog).getByRole('table', { name: 'Conditions' }),
      ).getByText('KubeletReady'),
    ).toBeInTheDocument();
  });

  it('Events: warning events only, filtered by reason', async () => {
    const { api, rendered } = renderAdminConsole(true);
    await rendered;
    const user = userEvent.setup();
    await openTab(user, 'Events');
    const table = await screen.findByRole('table', { name: 'Warning events' });
    expect(await within(table).findByText('BackOff')).toBeInTheDocument();
    expect(within(table).getByText('FailedScheduling')).toBeInTheDocument();
    expect(within(table).queryByText('Pulled')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Reason'), 'FailedScheduling');
    await waitFor(() =>
      expect(within(table).queryByText('BackOff')).not.toBeInTheDocument(),
    );
    expect(within(table).getByText('Pod/ledger-0')).toBeInTheDocument();
    const calls = api.actions.filter(a => a.action === 'list-events');
    expect(calls[calls.length - 1].params).toMatchObject({
      type: 'Warning',
      reason: 'FailedScheduling',
    });
  });

  it('Namespaces: the namespaces table', async () => {
    const { rendered } = renderAdminConsole(true);
    await rendered;
    const user = userEvent.setup();
    await openTab(user, 'Namespaces');
    expect(await screen.findByText('erp-finance')).toBeInTheDocument();
    expect(screen.getByText('group:default/team-banking')).toBeInTheDocument();
  });

  it('YAML: preview reports per object with diffs, then apply reports again', async () => {
    const { api, rendered } = renderAdminConsole(true);
    await rendered;
    const user = userEvent.setup();
    await openTab(user, 'YAML');
    const preview = screen.getByRole('button', { name: 'Preview' });
    const apply = screen.getByRole('button', { name: 'Apply' });
    expect(preview).toBeDisabled();
    await choose(user, 'Namespace', 'bank-payments');
    await user.click(screen.getByLabelText(/YAML/));
    await user.paste(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\napiVersion: v1\nkind: Broken\nmetadata:\n  name: nope\n',
    );
    expect(apply).toBeDisabled();
    await user.click(preview);
    const dryRun = await screen.findByRole('table', { name: 'Dry run report' });
    expect(
      screen.getByText('Dry run in sim/bank-payments: 1 created, 1 failed'),
    ).toBeInTheDocument();
    expect(within(dryRun).getByText('+kind: ConfigMap')).toBeInTheDocument();
    expect(
      within(dryRun).getByText(/could not find the requested resource/),
    ).toBeInTheDocument();
    await waitFor(() => expect(apply).toBeEnabled());
    await user.click(apply);
    expect(
      await screen.findByText(
        'Applied in sim/bank-payments: 1 created, 1 failed',
      ),
    ).toBeInTheDocument();
    expect(api.actions.map(a => [a.action, a.target.namespace])).toEqual(
      expect.arrayContaining([
        ['admin-yaml-preview', 'bank-payments'],
        ['admin-yaml-apply', 'bank-payments'],
      ]),
    );
    // Applying again: the ConfigMap is there now.
    await user.click(preview);
    expect(
      await screen.findByText(
        'Dry run in sim/bank-payments: 1 unchanged, 1 failed',
      ),
    ).toBeInTheDocument();
  });

  it('YAML: an uploaded archive (keyboard reachable) is previewed and applied with the same report, per file', async () => {
    const { api, rendered } = renderAdminConsole(true);
    await rendered;
    const user = userEvent.setup();
    await openTab(user, 'YAML');
    await choose(user, 'Namespace', 'bank-payments');
    const text = screen.getByLabelText(/YAML/);
    const input = screen.getByLabelText(/archive of manifests/);
    // The file input follows the text area in the tab order.
    await user.click(text);
    await user.tab();
    expect(input).toHaveFocus();
    await user.upload(
      input,
      new File(['not really gzip'], 'manifests.tar.gz', {
        type: 'application/gzip',
      }),
    );
    expect(text).toBeDisabled();
    expect(
      screen.getByText(/manifests.tar.gz \(1 KiB\) is previewed and applied/),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const dryRun = await screen.findByRole('table', { name: 'Dry run report' });
    expect(within(dryRun).getByText('a/config.yaml')).toBeInTheDocument();
    expect(within(dryRun).getByText('b/broken.yaml')).toBeInTheDocument();
    expect(
      screen.getByText('Dry run in sim/bank-payments: 1 created, 1 failed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Not read (not .yaml, .yml or .json): README.md'),
    ).toBeInTheDocument();
    const apply = screen.getByRole('button', { name: 'Apply' });
    await waitFor(() => expect(apply).toBeEnabled());
    await user.click(apply);
    expect(
      await screen.findByText(
        'Applied in sim/bank-payments: 1 created, 1 failed',
      ),
    ).toBeInTheDocument();
    expect(
      api.actions
        .filter(a => a.action.startsWith('admin-archive'))
        .map(a => [a.action, a.target.namespace, a.params?.format]),
    ).toEqual([
      ['admin-archive-preview', 'bank-payments', 'tar.gz'],
      ['admin-archive-apply', 'bank-payments', 'tar.gz'],
    ]);
    // Removing the archive brings the text area back.
    await user.click(screen.getByRole('button', { name: 'Remove archive' }));
    expect(screen.getByLabelText(/YAML/)).toBeEnabled();
  });

  it('YAML: a file that is not a .zip or .tar.gz is not sent', async () => {
    const { api, rendered } = renderAdminConsole(true);
    await rendered;
    const user = userEvent.setup({ applyAccept: false });
    await openTab(user, 'YAML');
    await choose(user, 'Namespace', 'bank-payments');
    await user.upload(
      screen.getByLabelText(/archive of manifests/),
      new File(['x'], 'manifests.rar'),
    );
    expect(
      screen.getByText('Choose a .zip, .tar.gz or .tgz file'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Preview' })).toBeDisabled();
    expect(api.actions.some(a => a.action.startsWith('admin-archive'))).toBe(
      false,
    );
  });

  it('Namespaces: Export downloads the namespace as a .tar.gz', async () => {
    const { api, rendered } = renderAdminConsole(true);
    await rendered;
    const user = userEvent.setup();
    await openTab(user, 'Namespaces');
    const exportButton = await screen.findByRole('button', { name: 'Export' });
    expect(exportButton).toBeDisabled();
    await choose(user, 'Namespace to export', 'erp-finance');
    URL.createObjectURL = jest.fn(() => 'blob:export');
    URL.revokeObjectURL = jest.fn();
    await user.click(exportButton);
    expect(
      await screen.findByText('Downloaded sim-erp-finance.tar.gz'),
    ).toBeInTheDocument();
    expect(URL.createObjectURL).toHaveBeenCalled();
    expect(
      api.actions.find(a => a.action === 'admin-namespace-export')?.target,
    ).toMatchObject({ cluster: 'sim', namespace: 'erp-finance' });
  });

  it('Audit log: filters, and the CSV export with the same filters', async () => {
    const { api, rendered } = renderAdminConsole(true);
    await rendered;
    const user = userEvent.setup();
    await openTab(user, 'Audit log');
    const table = await screen.findByRole('table', { name: 'Audit log' });
    expect(
      await within(table).findByText('user:default/carol'),
    ).toBeInTheDocument();
    expect(within(table).getByText('user:default/bob')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Result'), 'denied');
    await waitFor(() =>
      expect(
        within(table).queryByText('user:default/carol'),
      ).not.toBeInTheDocument(),
    );
    URL.createObjectURL = jest.fn(() => 'blob:audit');
    URL.revokeObjectURL = jest.fn();
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(URL.createObjectURL).toHaveBeenCalled());
    expect(api.actions.find(a => a.action === 'audit-export')?.params).toEqual({
      result: 'denied',
    });
  });
});
