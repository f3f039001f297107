import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setEditorText } from '../CodeEditor/__testUtils__/editorText';
import { fakeApi, render, requestOf } from './__testUtils__/configDataFixtures';

jest.setTimeout(60_000);

describe('ConfigMap editing', () => {
  it('adds, renames, removes keys and edits a value, previews the diff, then saves', async () => {
    const { api, calls } = fakeApi();
    await render('configmaps', api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit payments-config' }),
    );
    const list = screen.getByRole('list', {
      name: 'Keys being edited of bank-payments/payments-config',
    });
    await userEvent.click(within(list).getByText('LOG_LEVEL'));
    setEditorText(
      screen.getByRole('textbox', { name: 'Value of LOG_LEVEL' }),
      'debug',
    );
    await userEvent.click(within(list).getByText('old.txt'));
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove key old.txt' }),
    );
    await userEvent.click(within(list).getByText('application.yaml'));
    const name = screen.getByRole('textbox', { name: 'Key name' });
    await userEvent.clear(name);
    await userEvent.type(name, 'app.yaml');
    await userEvent.click(screen.getByRole('button', { name: 'Add key' }));
    setEditorText(
      screen.getByRole('textbox', { name: 'Value of new-key-1' }),
      'hello',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Preview changes' }),
    );
    expect(await screen.findByLabelText('Changes')).toHaveTextContent(
      /\+\s*LOG_LEVEL: debug/,
    );
    expect(requestOf(calls, 'preview')).toEqual({
      cluster: 'sim',
      namespace: 'bank-payments',
      kind: 'ConfigMap',
      name: 'payments-config',
      resourceVersion: '41',
      changes: [
        { op: 'remove', key: 'old.txt' },
        { op: 'rename', key: 'application.yaml', to: 'app.yaml' },
        { op: 'set', key: 'LOG_LEVEL', value: 'debug' },
        { op: 'set', key: 'new-key-1', value: 'hello' },
      ],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(requestOf(calls, 'apply')).toEqual(requestOf(calls, 'preview')),
    );
    // Back to the keys once saved.
    expect(
      await screen.findByRole('button', { name: 'Edit payments-config' }),
    ).toBeInTheDocument();
  });

  it('refuses a bad key name before sending anything, and keeps the draft on a 409', async () => {
    const { api, calls } = fakeApi({ conflict: true });
    await render('configmaps', api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit payments-config' }),
    );
    const name = screen.getByRole('textbox', { name: 'Key name' });
    await userEvent.clear(name);
    await userEvent.type(name, 'bad/name');
    expect(
      screen.getByText(/Key 'bad\/name': must consist of/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Preview changes' }),
    ).toBeDisabled();
    await userEvent.clear(name);
    await userEvent.type(name, 'good.name');
    await userEvent.click(
      screen.getByRole('button', { name: 'Preview changes' }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(/changed since you loaded it/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: 'Use the current version, keep my changes',
      }),
    ).toBeInTheDocument();
    expect(calls.map(c => c.call)).toEqual(['preview', 'apply']);
  });

  it('lists the history and restores an earlier version through a preview', async () => {
    const { api, calls } = fakeApi();
    await render('configmaps', api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'History of changes of payments-config',
      }),
    );
    const history = await screen.findByRole('region', {
      name: 'History of payments-config',
    });
    expect(
      within(history).getByText(/user:default\/guest/),
    ).toBeInTheDocument();
    expect(within(history).getByText('changed LOG_LEVEL')).toBeInTheDocument();
    await userEvent.click(
      within(history).getByRole('button', {
        name: 'Restore the version before',
      }),
    );
    expect(
      await within(history).findByLabelText('Changes'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(history).getByRole('button', { name: 'Restore' }),
    );
    await waitFor(() =>
      expect(requestOf(calls, 'apply')).toEqual({
        cluster: 'sim',
        namespace: 'bank-payments',
        kind: 'ConfigMap',
        name: 'payments-config',
        resourceVersion: '41',
        restore: { auditId: '7', version: 'before' },
      }),
    );
    // Restored: back to the keys.
    expect(
      await screen.findByRole('list', { name: 'Keys of payments-config' }),
    ).toBeInTheDocument();
  });
});

describe('Secrets', () => {
  it('shows sizes, reveals one key at a time, and edits keys without loading values', async () => {
    const { api, calls } = fakeApi();
    await render('secrets', api);
    expect(screen.getByText('password · 18 B')).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reveal password' }),
    );
    expect(
      await screen.findByRole('region', { name: 'Value of password' }),
    ).toHaveTextContent('value-of-password');
    await userEvent.click(
      screen.getByRole('button', { name: 'Reveal username' }),
    );
    expect(
      await screen.findByRole('region', { name: 'Value of username' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Value of password' }),
    ).toBeNull();
    expect(calls.filter(c => c.call === 'reveal')).toHaveLength(2);

    await userEvent.click(
      screen.getByRole('button', { name: 'Edit payments-db' }),
    );
    expect(
      screen.getByText(/Secret values are not loaded into the editor/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Set a new value' }),
    );
    setEditorText(
      screen.getByRole('textbox', { name: 'Value of password' }),
      'n3w',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Preview changes' }),
    );
    await screen.findByLabelText('Changes');
    expect(requestOf(calls, 'preview').changes).toEqual([
      { op: 'set', key: 'password', value: 'n3w' },
    ]);
  });
});
