import { lineDiff } from './lineDiff';

describe('lineDiff', () => {
  it('marks changed lines and collapses far-away unchanged ones', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const after = [...before];
    after[10] = 'line ten';
    after.splice(15, 0, 'inserted');
    const diff = lineDiff(before.join('\n'), after.join('\n'), 1);
    expect(diff).toEqual([
      { type: 'skipped', count: 9 },
      { type: 'same', text: 'line 9' },
      { type: 'removed', text: 'line 10' },
      { type: 'added', text: 'line ten' },
      { type: 'same', text: 'line 11' },
      { type: 'skipped', count: 2 },
      { type: 'same', text: 'line 14' },
      { type: 'added', text: 'inserted' },
      { type: 'same', text: 'line 15' },
      { type: 'skipped', count: 4 },
    ]);
  });

  it('has only unchanged lines collapsed for equal texts', () => {
    expect(lineDiff('a\nb', 'a\nb')).toEqual([{ type: 'skipped', count: 2 }]);
  });
});
