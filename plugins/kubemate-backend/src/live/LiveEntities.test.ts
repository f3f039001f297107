import { mockServices } from '@backstage/backend-test-utils';
import type { SignalPayload } from '@backstage/plugin-signals-node';
import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import type { ObjectChange } from './entityChanges';
import { LiveEntities } from './LiveEntities';

const mapping = {
  labelSelector: 'backstage.io/kubernetes-id=cart',
  namespaces: [],
  clusters: [],
  workloads: [],
};
const pod = (uid: string, id = 'cart'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: uid,
    namespace: 'shop',
    uid,
    labels: { 'backstage.io/kubernetes-id': id },
  },
});

function setup() {
  const published: SignalPayload[] = [];
  const listeners = new Set<(c: ObjectChange) => void>();
  const live = new LiveEntities({
    logger: mockServices.logger.mock(),
    signals: {
      publish: async p => {
        published.push(p as SignalPayload);
      },
    },
    coalesceMs: 20,
  });
  live.watch('prod', {
    subscribe: l => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
  const emit = (c: ObjectChange) => listeners.forEach(l => l(c));
  let builds = 0;
  const answer = (
    overrides: Partial<Parameters<LiveEntities['answer']>[0]> = {},
  ) =>
    live.answer({
      entityRef: 'component:default/cart',
      mappings: [mapping],
      clusters: ['prod'],
      variant: 'secret-keys',
      reader: 'user:default/alice',
      keep: true,
      build: async () => {
        builds += 1;
        return {
          value: { builds },
          selections: new Map([
            ['prod', { uids: new Set(['p1']), services: new Set<string>() }],
          ]),
        };
      },
      ...overrides,
    });
  const wait = () => new Promise(resolve => setTimeout(resolve, 60));
  return { live, published, emit, answer, builds: () => builds, wait };
}

describe('LiveEntities', () => {
  it('serializes once and reuses the answer until a change concerns it', async () => {
    const t = setup();
    const [a, b] = await Promise.all([t.answer(), t.answer()]);
    expect(t.builds()).toBe(1);
    expect(b).toBe(a);
    expect(JSON.parse(a.body.toString())).toEqual({ builds: 1 });

    t.emit({ plural: 'pods', type: 'update', object: pod('p9', 'billing') });
    expect(await t.answer()).toBe(a);

    t.emit({ plural: 'pods', type: 'update', object: pod('p1') });
    const c = await t.answer();
    expect(t.builds()).toBe(2);
    expect(c.etag).not.toBe(a.etag);
    t.live.stop();
  });

  it('keeps what differs per caller apart, and does not keep unsynced answers', async () => {
    const t = setup();
    const hidden = await t.answer();
    const shown = await t.answer({ variant: 'secret-values' });
    expect(shown).not.toBe(hidden);
    expect(await t.answer()).toBe(hidden);
    expect(await t.answer({ variant: 'secret-values' })).toBe(shown);
    const other = await t.answer({
      mappings: [{ ...mapping, namespaces: ['shop'] }],
    });
    expect(other).not.toBe(hidden);

    const before = t.builds();
    await t.answer({ keep: false });
    await t.answer({ keep: false });
    expect(t.builds()).toBe(before + 2);
    t.live.stop();
  });

  it('sends one signal per burst of changes, only to the users who read the entity', async () => {
    const t = setup();
    await t.answer();
    await t.answer({ reader: 'user:default/bob' });
    for (let i = 0; i < 5; i++) {
      t.emit({ plural: 'pods', type: 'add', object: pod(`new-${i}`) });
    }
    t.emit({ plural: 'pods', type: 'add', object: pod('x', 'billing') });
    await t.wait();
    expect(t.published).toEqual([
      {
        recipients: {
          type: 'user',
          entityRef: ['user:default/alice', 'user:default/bob'],
        },
        channel: 'kubemate:entity:component:default:cart',
        message: { type: 'changed', version: 5 },
      },
    ]);

    t.emit({ plural: 'pods', type: 'resync' });
    await t.wait();
    expect(t.published).toHaveLength(2);
    expect(t.published[1].message).toEqual({ type: 'changed', version: 6 });
    t.live.stop();
  });

  it('ignores changes in clusters the entity is not mapped to', async () => {
    const t = setup();
    await t.answer({ clusters: ['staging'] });
    t.emit({ plural: 'pods', type: 'resync' });
    await t.wait();
    expect(t.published).toEqual([]);
    expect(t.builds()).toBe(1);
    await t.answer({ clusters: ['staging'] });
    expect(t.builds()).toBe(1);
    t.live.stop();
  });

  it('signals nobody when no user read the entity (only services did)', async () => {
    const t = setup();
    await t.answer({ reader: undefined });
    t.emit({ plural: 'pods', type: 'resync' });
    await t.wait();
    expect(t.published).toEqual([]);
    await t.answer({ reader: undefined });
    expect(t.builds()).toBe(2);
    t.live.stop();
  });
});
