import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { changesOf, draftOf, draftProblems } from './configDataDraft';

const configMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c' },
  data: { a: '1', b: '2' },
  binaryData: { 'k.p12': 'AAEC' },
};

describe('changesOf', () => {
  it('sends removals, renames and changed values only', () => {
    const draft = draftOf('ConfigMap', configMap);
    const originals = draft.map(d => d.key);
    expect(changesOf(originals, draft)).toEqual([]);
    const edited = draft
      .filter(d => d.key !== 'b')
      .map(d => {
        if (d.key === 'a') return { ...d, value: 'one' };
        if (d.key === 'k.p12') return { ...d, key: 'trust.p12' };
        return d;
      });
    edited.push({ id: 'n', key: 'n', value: '', binary: false });
    expect(changesOf(originals, edited)).toEqual([
      { op: 'remove', key: 'b' },
      { op: 'rename', key: 'k.p12', to: 'trust.p12' },
      { op: 'set', key: 'a', value: 'one' },
      { op: 'set', key: 'n', value: '' },
    ]);
  });

  it('keeps a Secret value unless a new one was typed', () => {
    const secret = {
      ...configMap,
      kind: 'Secret',
      data: { pw: '' },
      dataSizes: { pw: 9 },
    };
    const draft = draftOf('Secret', secret);
    expect(draft).toEqual([
      { id: 'pw', key: 'pw', original: 'pw', binary: false, bytes: 9 },
    ]);
    expect(changesOf(['pw'], draft)).toEqual([]);
    expect(changesOf(['pw'], [{ ...draft[0], value: 'new' }])).toEqual([
      { op: 'set', key: 'pw', value: 'new' },
    ]);
  });
});

describe('draftProblems', () => {
  it('names bad and repeated keys', () => {
    expect(
      draftProblems([
        { id: '1', key: 'a b', binary: false },
        { id: '2', key: 'x', binary: false },
        { id: '3', key: 'x', binary: false },
      ]),
    ).toEqual([
      "Key 'a b': must consist of letters, digits, '-', '_' or '.'",
      "Key 'x' appears twice",
    ]);
  });
});
