import { TestApiProvider } from '@backstage/test-utils';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import type { EntityWorkloadsResponse } from '@kubemate/plugin-kubemate-common';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { kubemateApiRef } from '../api';
import { inMemoryKubemateApi } from '../__testUtils__/clusterFixtures';
import {
  useEntityWorkloads,
  type EntityWorkloadsRefresh,
} from './useEntityWorkloads';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};
const CHANNEL = 'kubemate:entity:component:default:payments-api';

const answer = (replicas: number): EntityWorkloadsResponse => ({
  entityRef: 'component:default/payments-api',
  mappings: [],
  secretValuesHidden: true,
  clusters: [
    {
      cluster: 'sim',
      status: 'error',
      error: `replicas ${replicas}`,
      resources: {} as never,
    },
  ],
});

/** A signal API whose messages the test sends. */
function testSignals() {
  const subscribers = new Map<string, Set<(m: object) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const set = subscribers.get(channel) ?? new Set();
      set.add(onMessage as (m: object) => void);
      subscribers.set(channel, set);
      return { unsubscribe: () => set.delete(onMessage as never) };
    },
  };
  const send = (channel: string, version: number) =>
    act(() =>
      subscribers.get(channel)?.forEach(fn => fn({ type: 'changed', version })),
    );
  return { api, send };
}

function setup(options: {
  signals?: SignalApi;
  refresh: EntityWorkloadsRefresh;
}) {
  const answers = [answer(1)];
  const api = inMemoryKubemateApi([], answers);
  const client = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => {
    const inner = (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    return options.signals ? (
      <TestApiProvider
        apis={[
          [kubemateApiRef, api],
          [signalApiRef, options.signals],
        ]}
      >
        {inner}
      </TestApiProvider>
    ) : (
      <TestApiProvider apis={[[kubemateApiRef, api]]}>{inner}</TestApiProvider>
    );
  };
  const hook = renderHook(() => useEntityWorkloads(entity, options.refresh), {
    wrapper,
  });
  const shown = () => hook.result.current.data?.clusters[0].error;
  const change = (replicas: number) => {
    answers[0] = answer(replicas);
  };
  return { api, hook, shown, change };
}

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('useEntityWorkloads', () => {
  it("refetches when the entity's change is signalled, without polling", async () => {
    const signals = testSignals();
    const t = setup({
      signals: signals.api,
      refresh: { pollMs: 20, signalledPollMs: 60_000 },
    });
    await waitFor(() => expect(t.shown()).toBe('replicas 1'));
    await pause(150);
    expect(t.api.calls).toBe(1);

    t.change(2);
    signals.send('kubemate:entity:component:default:other', 1);
    await pause(100);
    expect(t.shown()).toBe('replicas 1');

    signals.send(CHANNEL, 1);
    await waitFor(() => expect(t.shown()).toBe('replicas 2'));
    expect(t.api.calls).toBe(2);
    t.hook.unmount();
  });

  it('polls when no signal API is installed', async () => {
    const t = setup({ refresh: { pollMs: 30 } });
    await waitFor(() => expect(t.shown()).toBe('replicas 1'));
    t.change(3);
    await waitFor(() => expect(t.shown()).toBe('replicas 3'));
    await waitFor(() => expect(t.api.calls).toBeGreaterThanOrEqual(4));
    t.hook.unmount();
  });

  it('polls once a change arrives that no signal announced, until signals come back', async () => {
    const signals = testSignals();
    const t = setup({
      signals: signals.api,
      refresh: { pollMs: 30, signalledPollMs: 60_000 },
    });
    await waitFor(() => expect(t.shown()).toBe('replicas 1'));

    // The safety-net poll finds a change nobody signalled: the connection must be down.
    t.change(4);
    await act(() => t.hook.result.current.refetch());
    await waitFor(() => expect(t.shown()).toBe('replicas 4'));
    const before = t.api.calls;
    await waitFor(() => expect(t.api.calls).toBeGreaterThanOrEqual(before + 3));

    signals.send(CHANNEL, 7);
    await pause(100);
    const settled = t.api.calls;
    await pause(300);
    expect(t.api.calls).toBeLessThanOrEqual(settled + 1);
    t.hook.unmount();
  });
});
