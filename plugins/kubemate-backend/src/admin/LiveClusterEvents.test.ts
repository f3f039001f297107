import type { SignalPayload } from '@backstage/plugin-signals-node';
import { resourcesOfKind } from '@kubemate/plugin-kubemate-common';
import type { ResourceChange } from '../clusters/ClusterWatchCache';
import { LiveClusterEvents } from './LiveClusterEvents';

const EVENTS = resourcesOfKind('Event')[0];
const event = (type: string): ResourceChange => ({
  resource: EVENTS,
  type: 'add',
  object: {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `e-${type}`, namespace: 'shop' },
    type,
  } as never,
});

function setup(now: { t: number }) {
  const published: SignalPayload[] = [];
  const listeners = new Set<(c: ResourceChange) => void>();
  const cache = {
    subscribeTo: (_: unknown, l: (c: ResourceChange) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const live = new LiveClusterEvents({
    signals: {
      publish: async p => {
        published.push(p as SignalPayload);
      },
    },
    events: EVENTS,
    coalesceMs: 20,
    followMs: 1000,
    now: () => now.t,
  });
  const emit = (c: ResourceChange) => listeners.forEach(l => l(c));
  return { live, cache, emit, published, listeners };
}

const settle = () => new Promise(r => setTimeout(r, 60));

describe('LiveClusterEvents', () => {
  it('signals the readers once per burst of warnings, by user, and ignores normal events', async () => {
    const now = { t: 0 };
    const { live, cache, emit, published, listeners } = setup(now);
    live.follow('prod', cache, 'user:default/alice');
    live.follow('prod', cache, 'user:default/alice');
    live.follow('prod', cache, 'user:default/carol');
    expect(listeners.size).toBe(1);

    emit(event('Normal'));
    await settle();
    expect(published).toEqual([]);

    emit(event('Warning'));
    emit(event('Warning'));
    await settle();
    expect(published).toEqual([
      {
        recipients: {
          type: 'user',
          entityRef: ['user:default/alice', 'user:default/carol'],
        },
        channel: 'kubemate:cluster-events:prod',
        message: { type: 'events-changed', cluster: 'prod' },
      },
    ]);
    live.stop();
  });

  it('forgets readers after a while and stops watching when none is left', async () => {
    const now = { t: 0 };
    const { live, cache, emit, published, listeners } = setup(now);
    live.follow('prod', cache, 'user:default/alice');
    now.t = 5000;
    emit(event('Warning'));
    await settle();
    expect(published).toEqual([]);
    expect(listeners.size).toBe(0);
  });
});
