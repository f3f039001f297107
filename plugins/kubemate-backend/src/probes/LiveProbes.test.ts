import { mockCredentials } from '@backstage/backend-test-utils';
import type { SignalPayload } from '@backstage/plugin-signals-node';
import { LiveProbes } from './LiveProbes';

describe('LiveProbes', () => {
  it('signals the users who read probes in the last ten minutes, by user ref, with the probe id only', async () => {
    const sent: SignalPayload[] = [];
    let now = 0;
    const live = new LiveProbes({
      signals: { publish: async s => void sent.push(s as SignalPayload) },
      now: () => now,
    });
    await live.changed('api');
    expect(sent).toEqual([]);

    live.read(mockCredentials.user('user:default/jane'));
    live.read(mockCredentials.service('plugin:catalog'));
    now = 60_000;
    live.read(mockCredentials.user('user:default/bob'));
    await live.changed('api');
    expect(sent).toEqual([
      {
        recipients: {
          type: 'user',
          entityRef: ['user:default/jane', 'user:default/bob'],
        },
        channel: 'kubemate:probes',
        message: { type: 'probe-run', probeId: 'api' },
      },
    ]);

    now = 10 * 60_000 + 1;
    await live.changed('api');
    expect(sent[1].recipients).toEqual({
      type: 'user',
      entityRef: ['user:default/bob'],
    });
  });
});
