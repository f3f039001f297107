import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { probesApiRef, type ProbesApi } from '../../api';
import { KubemateQueryProvider } from '../../queries';
import { QueryClient } from '@tanstack/react-query';
import {
  inMemoryProbesApi,
  newProbe,
  newRun,
} from '../Probes/__testUtils__/probeFixtures';
import { GateProbesField } from './GateProbesField';

jest.setTimeout(30_000);

/** The field with its value kept as the release form keeps it: one text. */
function Harness(props: { initial: string; seen: string[] }) {
  const [value, setValue] = useState(props.initial);
  return (
    <GateProbesField
      value={value}
      cluster="demo"
      onChange={v => {
        props.seen.push(v);
        setValue(v);
      }}
    />
  );
}

/** The two probes of the tests: one on another cluster, one on the release's. */
const twoProbes = () =>
  inMemoryProbesApi([
    newProbe({ id: 'other-cluster', cluster: 'kubemate-sim' }),
    newProbe({
      id: 'payments-canary-endpoints',
      title: 'payments-api v2 has ready endpoints',
      cluster: 'demo',
      namespace: 'bank-payments',
      lastRun: newRun({
        probeId: 'payments-canary-endpoints',
        status: 'failed',
      }),
    }),
  ]);

async function render(initial = '', api: ProbesApi = twoProbes()) {
  const seen: string[] = [];
  await renderInTestApp(
    <TestApiProvider apis={[[probesApiRef, api]]}>
      <KubemateQueryProvider
        client={
          new QueryClient({ defaultOptions: { queries: { retry: false } } })
        }
      >
        <Harness initial={initial} seen={seen} />
      </KubemateQueryProvider>
    </TestApiProvider>,
  );
  return seen;
}

describe('GateProbesField', () => {
  it('offers the probes, those of the release cluster first, with where they run and how they did', async () => {
    const seen = await render();
    await userEvent.click(screen.getByLabelText('Gate probes'));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'payments-canary-endpoints — payments-api v2 has ready endpoints (demo/bank-payments, failed)',
      'other-cluster — The API answers (kubemate-sim/default, passed)',
    ]);
    await userEvent.click(options[0]);
    expect(seen).toEqual(['payments-canary-endpoints']);
  });

  it('keeps typed ids, shows the value as chips and removes the last with Backspace', async () => {
    const seen = await render('a-probe');
    expect(screen.getByRole('button', { name: 'a-probe' })).toBeInTheDocument();
    // Typed text becomes a probe when the field loses focus (as when Start release is pressed).
    await userEvent.type(screen.getByLabelText('Gate probes'), 'not-listed');
    await userEvent.tab();
    expect(seen).toEqual(['a-probe, not-listed']);
    // Backspace in the empty field removes the last probe.
    await userEvent.click(screen.getByLabelText('Gate probes'));
    await userEvent.keyboard('{Backspace}');
    expect(seen[seen.length - 1]).toBe('a-probe');
  });

  it('says so when the probes cannot be listed, and still takes typed ids', async () => {
    const seen = await render('', {
      ...twoProbes(),
      listProbes: async () => {
        throw new Error('Forbidden: kubemate.probe.read');
      },
    });
    expect(
      await screen.findByText(
        'Probes cannot be listed (Forbidden: kubemate.probe.read): type their ids',
      ),
    ).toBeInTheDocument();
    await userEvent.type(
      screen.getByLabelText('Gate probes'),
      'a-probe{Enter}',
    );
    expect(seen).toEqual(['a-probe']);
  });
});
