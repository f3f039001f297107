// The browser half of scripts/bench-live.sh (run that, not this): expects the portal on :3000
// and the simulator behind $KUBECONFIG. Prints figures; asserts nothing about timings.
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import {
  BASE,
  DEPLOYMENT,
  NAMESPACE,
  launchChromium,
  option,
  quantile,
  sleep,
} from './browser-bench.mjs';
const CHANGES = option('changes', 20);
// Between changes, so each one is seen on its own (the backend gathers changes for 150 ms).
const PAUSE_MS = option('pause', 1500);

const run = promisify(execFile);
const kubectl = async (...args) =>
  (await run('kubectl', args, { encoding: 'utf8' })).stdout.trim();
const ms = v => `${v.toFixed(0)} ms`;
const summary = values => {
  const s = [...values].sort((a, b) => a - b);
  return `p50 ${ms(quantile(s, 0.5))}, p95 ${ms(quantile(s, 0.95))}, max ${ms(
    s[s.length - 1],
  )}`;
};
const loadavg = () =>
  os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');

const browser = await launchChromium();
try {
  console.log(`load average at the start: ${loadavg()}`);
  const page = await browser.newPage({
    viewport: { width: 1600, height: 1000 },
  });
  const signalFrames = [];
  let subscribed;
  const subscribedOnce = new Promise(resolve => {
    subscribed = resolve;
  });
  page.on('websocket', ws => {
    if (!ws.url().includes('/api/signals')) return;
    ws.on('framereceived', f => signalFrames.push(String(f.payload)));
    ws.on('framesent', f => {
      if (String(f.payload).includes('"kubemate:entity:')) subscribed();
    });
    ws.on('close', () => console.log('signals connection closed'));
  });
  await page.goto(`${BASE}/catalog/default/component/payments-api`);
  // The development build may still be compiling on a busy machine.
  await page.getByRole('button', { name: 'Enter' }).click({ timeout: 180_000 });
  const tab = page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Workloads', exact: true });
  await tab.waitFor({ timeout: 180_000 });
  await tab.click();

  // The Ready cell ("ready/desired") of the Deployment's row in the Workloads table, read in
  // the page on every animation frame; resolves with the page's clock once it shows `want`.
  const shown = (want, timeout = 120_000) =>
    page
      .waitForFunction(
        ({ name, desired, ready }) => {
          for (const row of document.querySelectorAll('tr')) {
            const cells = [...row.querySelectorAll('td')].map(td =>
              td.textContent.trim(),
            );
            if (!cells.includes(name)) continue;
            const m = cells.map(c => /^(\d+)\/(\d+)$/.exec(c)).find(Boolean);
            if (
              m &&
              Number(m[2]) === desired &&
              (ready === undefined || Number(m[1]) === ready)
            )
              return Date.now();
          }
          return false;
        },
        { name: DEPLOYMENT, ...want },
        { polling: 'raf', timeout },
      )
      .then(handle => handle.jsonValue());

  const desired = () =>
    kubectl(
      'get',
      'deployment',
      DEPLOYMENT,
      '-n',
      NAMESPACE,
      '-o',
      'jsonpath={.spec.replicas}',
    ).then(Number);
  const initial = await desired();
  await shown({ desired: initial });
  // Steady state: the page's signal connection is open and subscribed (on a busy machine its
  // first attempt can time out; Backstage's client retries after 5 s).
  await Promise.race([
    subscribedOnce,
    sleep(60_000).then(() => {
      throw new Error('the page never subscribed to its signal channel');
    }),
  ]);
  await sleep(1000);
  console.log(
    `${DEPLOYMENT} shows ${initial} desired replicas; scaling it ${CHANGES} times`,
  );

  const fromStart = [];
  const fromApplied = [];
  const toReady = [];
  for (let i = 0; i < CHANGES; i++) {
    const target = initial + (i % 2 === 0 ? 1 : 0);
    const onScreen = shown({ desired: target }, 90_000);
    const startedAt = Date.now();
    await kubectl(
      'scale',
      'deployment',
      DEPLOYMENT,
      '-n',
      NAMESPACE,
      `--replicas=${target}`,
    );
    const appliedAt = Date.now();
    const seenAt = await onScreen;
    fromStart.push(seenAt - startedAt);
    fromApplied.push(Math.max(0, seenAt - appliedAt));
    const readyAt = await shown({ desired: target, ready: target }, 60_000);
    toReady.push(readyAt - startedAt);
    console.log(
      `  ${i + 1}/${CHANGES}: scaled to ${target}; on screen ${ms(
        seenAt - startedAt,
      )} after kubectl started (${ms(
        seenAt - appliedAt,
      )} after it returned), all ready ${ms(readyAt - startedAt)}`,
    );
    await sleep(PAUSE_MS);
  }

  const p95 = values =>
    quantile(
      [...values].sort((a, b) => a - b),
      0.95,
    );
  console.log(`
Workloads tab of payments-api, ${CHANGES} × kubectl scale deployment/${DEPLOYMENT}
  kubectl scale started → new desired count on screen    ${summary(fromStart)}
  kubectl scale returned → new desired count on screen   ${summary(fromApplied)}
  kubectl scale started → all new pods shown ready       ${summary(
    toReady,
  )} (includes the simulator's pod start-up)
  signal messages received by the page                   ${
    signalFrames.filter(f => f.includes('kubemate:entity:')).length
  }
  target: p95 ≤ 1 s from kubectl scale to the screen     ${
    p95(fromApplied) <= 1000 ? 'MET' : 'NOT MET'
  } from the write (kubectl returned, ${ms(p95(fromApplied))}); ${
    p95(fromStart) <= 1000 ? 'MET' : 'NOT MET'
  } counting kubectl's own start-up (${ms(p95(fromStart))})
  load average at the end: ${loadavg()}
`);
  console.log(JSON.stringify({ fromStart, fromApplied, toReady }));
} finally {
  await browser.close();
}
