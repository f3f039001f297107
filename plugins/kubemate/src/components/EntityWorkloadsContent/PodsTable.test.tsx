import { renderInTestApp } from '@backstage/test-utils';
import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { POD_ROW_HEIGHT, PodsTable } from './PodsTable';

jest.setTimeout(30_000);

const name = (i: number) => `payments-api-${String(i).padStart(3, '0')}`;
const pods: KubeObject[] = Array.from({ length: 500 }, (_, i) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: name(i), namespace: 'bank-payments', uid: `u${i}` },
  spec: { nodeName: `node-${i % 3}`, containers: [{ name: 'app' }] },
  status: {
    phase: 'Running',
    containerStatuses: [
      {
        ready: i % 50 !== 7,
        restartCount: i === 321 ? 99 : 0,
        state:
          i % 50 === 7
            ? { waiting: { reason: 'CrashLoopBackOff' } }
            : { running: {} },
      },
    ],
  },
}));

const bodyRows = () =>
  within(screen.getByRole('table', { name: 'Pods' }))
    .getAllByRole('row')
    .filter(r => r.getAttribute('aria-rowindex') !== '1');

const renderTable = () =>
  renderInTestApp(
    <PodsTable
      pods={pods}
      actions={pod => (
        <button type="button">Logs of {pod.metadata.name}</button>
      )}
    />,
  );

describe('PodsTable with 500 pods', () => {
  it('renders only a window of rows and shows later ones when scrolled', async () => {
    await renderTable();
    expect(screen.getByText('Pods (500)')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Pods' });
    expect(table).toHaveAttribute('aria-rowcount', '501');
    const first = bodyRows();
    expect(first.length).toBeGreaterThan(5);
    expect(first.length).toBeLessThan(40);
    expect(screen.getByText(name(0))).toBeInTheDocument();
    expect(screen.queryByText(name(499))).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: `Logs of ${name(0)}` }),
    ).toBeInTheDocument();

    const scroller = screen.getByRole('region', { name: 'Pods table' });
    scroller.scrollTop = 490 * POD_ROW_HEIGHT;
    fireEvent.scroll(scroller);

    expect(await screen.findByText(name(499))).toBeInTheDocument();
    expect(screen.queryByText(name(0))).not.toBeInTheDocument();
    expect(bodyRows().length).toBeLessThan(40);
    expect(
      screen.getByRole('button', { name: `Logs of ${name(499)}` }),
    ).toBeInTheDocument();
    // Rows keep their position in the whole list for assistive technology.
    expect(screen.getByText(name(499)).closest('tr')).toHaveAttribute(
      'aria-rowindex',
      '501',
    );
  });

  it('filters by text, sorts by column and shows statuses', async () => {
    await renderTable();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Filter pods'), 'crashloop');
    expect(screen.getByText('Pods (10 of 500)')).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(10);
    expect(screen.getAllByText('CrashLoopBackOff')).toHaveLength(10);
    expect(screen.getByText(name(457))).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Filter pods'));
    await user.click(screen.getByRole('button', { name: 'Restarts' }));
    await user.click(screen.getByRole('button', { name: 'Restarts' }));
    // Descending: the pod with 99 restarts comes first.
    expect(within(bodyRows()[0]).getByText(name(321))).toBeInTheDocument();
    expect(within(bodyRows()[0]).getByText('99')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Filter pods'), 'nothing-like-it');
    expect(screen.getByText('No pods match the filter')).toBeInTheDocument();
  });
});
