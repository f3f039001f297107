/** One line of a line diff: kept (' '), removed ('-') or added ('+'). */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** Above this many LCS cells, the differing middle is shown as removed then added. */
const MAX_LCS_CELLS = 4_000_000;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The differing middle of two line lists, by longest common subsequence. */
function lcsDiff(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map(text => ({ op: '+', text }));
  if (m === 0) return a.map(text => ({ op: '-', text }));
  if (n * m > MAX_LCS_CELLS) {
    return [
      ...a.map(text => ({ op: '-' as const, text })),
      ...b.map(text => ({ op: '+' as const, text })),
    ];
  }
  // lengths[i * (m + 1) + j]: LCS length of a[i..] and b[j..]
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1] + 1
          : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', text: a[i] });
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
      out.push({ op: '-', text: a[i++] });
    } else {
      out.push({ op: '+', text: b[j++] });
    }
  }
  while (i < n) out.push({ op: '-', text: a[i++] });
  while (j < m) out.push({ op: '+', text: b[j++] });
  return out;
}

/** Every line of `before` and `after`, each kept, removed or added (removals before additions). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return [
    ...a.slice(0, start).map(text => ({ op: ' ' as const, text })),
    ...lcsDiff(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA).map(text => ({ op: ' ' as const, text })),
  ];
}

const range = (start: number, length: number) =>
  // As GNU diff: an empty range names the line before it.
  `${length === 0 ? start : start + 1},${length}`;

/**
 * A unified diff of two texts: `@@ -a,b +c,d @@` hunk headers, then lines prefixed with
 * ' ', '-' or '+', with `context` unchanged lines around each change. Empty when equal.
 */
export function unifiedDiff(
  before: string,
  after: string,
  context = 3,
): string {
  const lines = diffLines(before, after);
  // Position of each line in the old and new text (lines before it).
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let o = 0;
  let n = 0;
  for (const line of lines) {
    oldAt.push(o);
    newAt.push(n);
    if (line.op !== '+') o++;
    if (line.op !== '-') n++;
  }
  const changes = lines.flatMap((l, i) => (l.op === ' ' ? [] : [i]));
  const out: string[] = [];
  let k = 0;
  while (k < changes.length) {
    const first = changes[k];
    let last = first;
    // Changes closer than twice the context share a hunk.
    while (k + 1 < changes.length && changes[k + 1] - last <= 2 * context + 1) {
      last = changes[++k];
    }
    k++;
    const from = Math.max(0, first - context);
    const to = Math.min(lines.length, last + context + 1);
    const hunk = lines.slice(from, to);
    const oldLength = hunk.filter(l => l.op !== '+').length;
    const newLength = hunk.filter(l => l.op !== '-').length;
    out.push(
      `@@ -${range(oldAt[from], oldLength)} +${range(
        newAt[from],
        newLength,
      )} @@`,
      ...hunk.map(l => `${l.op}${l.text}`),
    );
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
