import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { configMapKeys, secretKeys } from './configMaps';

const object = (fields: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'x' },
  ...fields,
});

describe('configMapKeys', () => {
  it('lists text and binary keys by name with their sizes', () => {
    expect(
      configMapKeys(
        object({
          data: { 'b.yaml': 'a: 1\n', 'a.txt': 'é' },
          binaryData: { 'c.bin': 'AAEC' },
        }),
      ),
    ).toEqual([
      { key: 'a.txt', value: 'é', bytes: 2, binary: false },
      { key: 'b.yaml', value: 'a: 1\n', bytes: 5, binary: false },
      { key: 'c.bin', bytes: 3, binary: true },
    ]);
    expect(configMapKeys(object({}))).toEqual([]);
  });
});

describe('secretKeys', () => {
  it('gives the sizes the backend sent, or of values when served', () => {
    const secret = object({ kind: 'Secret', data: { token: 'YWJj' } });
    expect(secretKeys(secret, false)).toEqual([{ key: 'token', bytes: 3 }]);
    expect(secretKeys(object({ data: { token: '' } }), true)).toEqual([
      { key: 'token', bytes: undefined },
    ]);
    // As the backend serves Secrets: blank values, sizes beside them.
    expect(
      secretKeys(object({ data: { token: '' }, dataSizes: { token: 24 } })),
    ).toEqual([{ key: 'token', bytes: 24 }]);
  });
});
