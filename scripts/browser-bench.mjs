// What the browser benchmarks (scripts/bench-ui.mjs, scripts/bench-live.mjs) share: their
// options, the demo Deployment they drive, the portal's address and the browser they use.
import { chromium } from 'playwright-core';

/** `--name=<number>` from the command line, or the fallback. */
export const option = (name, fallback) => {
  const arg = process.argv.find(a => a.startsWith(`--${name}=`));
  return arg ? Number(arg.split('=')[1]) : fallback;
};

/** payments-api's Deployment in the demo cluster: scaled by both benchmarks. */
export const NAMESPACE = 'bank-payments';
export const DEPLOYMENT = 'payments-api-v2';
export const BASE = process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000';

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Nearest-rank quantile of ascending values (0 for none). */
export const quantile = (sorted, q) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
    : 0;

/** Debian's Chromium, headless; never a downloaded browser. */
export const launchChromium = (extraArgs = []) =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      ...extraArgs,
    ],
  });
