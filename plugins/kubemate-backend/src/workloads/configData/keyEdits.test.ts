import { applyChanges, dataView, keyChanges, withDataMaps } from './keyEdits';

const before = {
  data: { a: '1', b: '2', c: '3' },
  binaryData: { 'bin.p12': 'AAEC' },
};

describe('applyChanges', () => {
  it('sets, renames and removes keys in order; a Secret value is stored as base64', () => {
    const after = applyChanges('ConfigMap', before, [
      { op: 'remove', key: 'c' },
      { op: 'rename', key: 'bin.p12', to: 'trust.p12' },
      { op: 'rename', key: 'a', to: 'z' },
      { op: 'set', key: 'b', value: 'two' },
      { op: 'set', key: 'new', value: 'n' },
    ]);
    expect(after).toEqual({
      data: { z: '1', b: 'two', new: 'n' },
      binaryData: { 'trust.p12': 'AAEC' },
    });
    expect(
      keyChanges(before, after, [
        { op: 'rename', key: 'bin.p12', to: 'trust.p12' },
        { op: 'rename', key: 'a', to: 'z' },
      ]),
    ).toEqual({
      added: ['new'],
      removed: ['c'],
      changed: ['b'],
      renamed: [
        { from: 'bin.p12', to: 'trust.p12' },
        { from: 'a', to: 'z' },
      ],
    });
    expect(
      applyChanges('Secret', { data: {}, binaryData: {} }, [
        { op: 'set', key: 'token', value: 'é' },
      ]).data.token,
    ).toBe(Buffer.from('é').toString('base64'));
  });

  it('refuses a missing key, a rename onto an existing one, and more than 1 MiB', () => {
    expect(() =>
      applyChanges('ConfigMap', before, [{ op: 'remove', key: 'x' }]),
    ).toThrow("Cannot remove key 'x': the ConfigMap has no such key");
    expect(() =>
      applyChanges('ConfigMap', before, [{ op: 'rename', key: 'a', to: 'b' }]),
    ).toThrow("Cannot rename key 'a' to 'b': that key exists");
    expect(() =>
      applyChanges('ConfigMap', before, [
        { op: 'set', key: 'big', value: 'x'.repeat(1024 * 1024) },
      ]),
    ).toThrow(/Kubernetes allows at most 1048576/);
  });
});

describe('dataView', () => {
  it('shows ConfigMap values as YAML and binary keys by size; a Secret only by size', () => {
    expect(dataView('ConfigMap', before)).toBe(
      'data:\n  a: "1"\n  b: "2"\n  c: "3"\nbinaryData:\n  bin.p12: (binary, 3 bytes)\n',
    );
    const secret = { data: { pw: 'aHVudGVyMg==' }, binaryData: {} };
    expect(dataView('Secret', secret)).toBe('pw: 7 bytes\n');
    expect(dataView('Secret', secret, new Set(['pw']))).toBe(
      'pw: 7 bytes (new value)\n',
    );
    expect(dataView('Secret', secret)).not.toMatch(/hunter|aHVu/);
  });
});

describe('withDataMaps', () => {
  it("replaces the keys and drops a Secret's stringData", () => {
    expect(
      withDataMaps(
        { kind: 'Secret', stringData: { a: 'x' }, data: { a: 'eA==' } },
        { data: { b: 'eQ==' }, binaryData: {} },
      ),
    ).toEqual({ kind: 'Secret', data: { b: 'eQ==' } });
  });
});
