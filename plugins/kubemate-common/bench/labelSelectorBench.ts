/* eslint-disable no-console */
/*
 * Label selector parsing: how fast a hostile selector is refused and how long the largest
 * accepted ones take to parse. Not a test (timings depend on the machine); prints figures.
 *
 *   yarn workspace @kubemate/plugin-kubemate-common bench:selector [--runs=<number>]
 */
import { performance } from 'node:perf_hooks';
import {
  MAX_LABEL_SELECTOR_LENGTH,
  matchesLabelSelector,
  parseLabelSelector,
} from '../src/mapping/labelSelector';

const runs = Number(
  process.argv.find(a => a.startsWith('--runs='))?.slice(7) ?? 200,
);
const KB100 = 100 * 1024;

/** Repeats `unit` (joined by `sep`) for as long as the whole stays within `max` characters. */
function fill(unit: (i: number) => string, sep: string, max: number): string {
  let out = '';
  for (let i = 0; ; i++) {
    const next = out ? `${out}${sep}${unit(i)}` : unit(i);
    if (next.length > max) return out;
    out = next;
  }
}

const near63 = `${'a'.repeat(62)}-`; // almost a name: the patterns' worst case
const cases: Array<{ name: string; selector: string }> = [
  { name: '100 KB of one character', selector: 'a'.repeat(KB100) },
  {
    name: '100 KB of k=v requirements',
    selector: fill(i => `k${i}=v${i}`, ',', KB100),
  },
  { name: '100 KB of open parentheses', selector: '('.repeat(KB100) },
  {
    name: '100 KB set: a in (v0, v1, …)',
    selector: `a in (${fill(i => `v${i}`, ',', KB100 - 7)})`,
  },
  {
    name: `largest accepted: k=v requirements`,
    selector: fill(i => `k${i}=v${i}`, ',', MAX_LABEL_SELECTOR_LENGTH),
  },
  {
    name: 'largest accepted: one set of values',
    selector: `app in (${fill(
      i => `v${i}`,
      ',',
      MAX_LABEL_SELECTOR_LENGTH - 9,
    )})`,
  },
  {
    name: 'largest accepted: 63-char keys and values',
    selector: fill(
      i => `${'k'.repeat(60)}${String(i).padStart(3, '0')}=${'v'.repeat(63)}`,
      ',',
      MAX_LABEL_SELECTOR_LENGTH,
    ),
  },
  {
    name: 'longest refused key (near-miss of the name pattern)',
    selector: fill(() => `${near63}=x`, ',', MAX_LABEL_SELECTOR_LENGTH),
  },
];

function time(selector: string) {
  const samples: number[] = [];
  let outcome = '';
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    try {
      const parsed = parseLabelSelector(selector);
      matchesLabelSelector(parsed, { app: 'v1', k1: 'v1' });
      outcome = `accepted (${parsed.length} requirements)`;
    } catch (e) {
      const message = (e as Error).message;
      outcome = `refused: ${
        message.length > 70 ? `${message.slice(0, 70)}…` : message
      }`;
    }
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return {
    outcome,
    median: samples[Math.floor(samples.length / 2)],
    max: samples[samples.length - 1],
  };
}

console.log(
  `label selector parse (+ one match), ${runs} runs each, node ${process.version}`,
);
console.log(
  `${'case'.padEnd(52)} ${'chars'.padStart(7)} ${'median ms'.padStart(
    10,
  )} ${'max ms'.padStart(8)}  outcome`,
);
let worstAccepted = 0;
for (const c of cases) {
  const t = time(c.selector);
  if (t.outcome.startsWith('accepted'))
    worstAccepted = Math.max(worstAccepted, t.max);
  console.log(
    `${c.name.padEnd(52)} ${String(c.selector.length).padStart(7)} ${t.median
      .toFixed(4)
      .padStart(10)} ${t.max.toFixed(3).padStart(8)}  ${t.outcome}`,
  );
}
console.log(
  `slowest accepted parse: ${worstAccepted.toFixed(3)} ms (target < 50 ms): ${
    worstAccepted < 50 ? 'holds' : 'MISSED'
  }`,
);
