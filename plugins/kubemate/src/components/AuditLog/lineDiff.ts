export type DiffLine =
  | { type: 'same' | 'added' | 'removed'; text: string }
  | { type: 'skipped'; count: number };

// Above this many line pairs the table would be too large for the browser; show both whole.
const MAX_CELLS = 4_000_000;

/**
 * Line diff of two texts (longest common subsequence), with unchanged runs longer than
 * twice `context` collapsed, as in a unified diff.
 */
export function lineDiff(
  before: string,
  after: string,
  context = 3,
): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lines: DiffLine[] = [];
  if (a.length * b.length > MAX_CELLS) {
    a.forEach(text => lines.push({ type: 'removed', text }));
    b.forEach(text => lines.push({ type: 'added', text }));
    return lines;
  }
  // lcs[i][j]: length of the common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] =
        a[i] === b[j]
          ? lcs[i + 1][j + 1] + 1
          : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const all: Array<{ type: 'same' | 'added' | 'removed'; text: string }> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      all.push({ type: 'same', text: a[i] });
      i++;
      j++;
    } else if (
      i < a.length &&
      (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])
    ) {
      // Removals before additions, as unified diffs show them.
      all.push({ type: 'removed', text: a[i] });
      i++;
    } else {
      all.push({ type: 'added', text: b[j] });
      j++;
    }
  }
  // Keep `context` unchanged lines around each change.
  const keep = all.map(() => false);
  all.forEach((line, k) => {
    if (line.type === 'same') return;
    for (
      let c = Math.max(0, k - context);
      c <= Math.min(all.length - 1, k + context);
      c++
    ) {
      keep[c] = true;
    }
  });
  let skipped = 0;
  all.forEach((line, k) => {
    if (keep[k]) {
      if (skipped) lines.push({ type: 'skipped', count: skipped });
      skipped = 0;
      lines.push(line);
    } else {
      skipped++;
    }
  });
  if (skipped) lines.push({ type: 'skipped', count: skipped });
  return lines;
}
