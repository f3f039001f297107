import { diffLines, unifiedDiff } from './lineDiff';

const lines = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `line ${i + from}`);
const text = (l: string[]) => `${l.join('\n')}\n`;

describe('diffLines', () => {
  it('keeps common lines and marks removals and additions', () => {
    expect(diffLines('a\nb\nc\n', 'a\nx\nc\nd\n')).toEqual([
      { op: ' ', text: 'a' },
      { op: '-', text: 'b' },
      { op: '+', text: 'x' },
      { op: ' ', text: 'c' },
      { op: '+', text: 'd' },
    ]);
  });

  it('finds the longest common subsequence, not just a common prefix', () => {
    const ops = diffLines('a\nb\nc\nd\ne\n', 'b\nc\nx\ne\na\n');
    expect(ops.filter(l => l.op === ' ').map(l => l.text)).toEqual([
      'b',
      'c',
      'e',
    ]);
  });

  it('handles empty texts', () => {
    expect(diffLines('', '')).toEqual([]);
    expect(diffLines('', 'a\n')).toEqual([{ op: '+', text: 'a' }]);
    expect(diffLines('a', '')).toEqual([{ op: '-', text: 'a' }]);
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('shows a change with three lines of context and a hunk header', () => {
    const before = lines(10);
    const after = [...before];
    after[4] = 'changed';
    expect(unifiedDiff(text(before), text(after))).toBe(
      [
        '@@ -2,7 +2,7 @@',
        ' line 2',
        ' line 3',
        ' line 4',
        '-line 5',
        '+changed',
        ' line 6',
        ' line 7',
        ' line 8',
        '',
      ].join('\n'),
    );
  });

  it('splits distant changes into hunks and merges close ones', () => {
    const before = lines(30);
    const after = [...before];
    after[1] = 'two';
    after[6] = 'seven'; // 5 lines after the first change: same hunk
    after[25] = 'twenty-six'; // far away: its own hunk
    const diff = unifiedDiff(text(before), text(after));
    expect(diff.split('\n').filter(l => l.startsWith('@@'))).toEqual([
      '@@ -1,10 +1,10 @@',
      '@@ -23,7 +23,7 @@',
    ]);
  });

  it('numbers insertions at the start and deletions at the end like GNU diff', () => {
    expect(unifiedDiff('a\n', 'new\na\n')).toBe('@@ -1,1 +1,2 @@\n+new\n a\n');
    expect(unifiedDiff('', 'a\n')).toBe('@@ -0,0 +1,1 @@\n+a\n');
    expect(unifiedDiff('a\nb\n', 'a\n')).toBe('@@ -1,2 +1,1 @@\n a\n-b\n');
  });
});
