import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { matchesSelector, podsBySelector } from './selectors';

const pod = (
  name: string,
  labels: Record<string, string>,
  namespace = 'ns',
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
});

describe('matchesSelector', () => {
  it('matches a plain map on every label', () => {
    expect(matchesSelector({ app: 'a', tier: 'web' }, { app: 'a' })).toBe(true);
    expect(matchesSelector({ app: 'a' }, { app: 'a', tier: 'web' })).toBe(
      false,
    );
  });

  it('applies matchExpressions operators', () => {
    const labels = { app: 'a', tier: 'web' };
    expect(
      matchesSelector(labels, {
        matchLabels: { app: 'a' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['web', 'api'] },
          { key: 'canary', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe(true);
    expect(
      matchesSelector(labels, {
        matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }],
      }),
    ).toBe(false);
    expect(
      matchesSelector(labels, {
        matchExpressions: [{ key: 'tier', operator: 'Exists' }],
      }),
    ).toBe(true);
  });
});

describe('podsBySelector', () => {
  const pods = [
    pod('a-1', { app: 'a' }),
    pod('a-2', { app: 'a', extra: 'x' }),
    pod('b-1', { app: 'b' }),
    pod('a-other-ns', { app: 'a' }, 'other'),
  ];

  it('selects the pods of the namespace whose labels match', () => {
    expect(
      podsBySelector(pods, 'ns', { app: 'a' }).map(p => p.metadata.name),
    ).toEqual(['a-1', 'a-2']);
  });

  it('selects nothing with an empty or missing selector', () => {
    expect(podsBySelector(pods, 'ns', {})).toEqual([]);
    expect(podsBySelector(pods, 'ns', undefined)).toEqual([]);
  });
});
