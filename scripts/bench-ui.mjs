// The browser half of scripts/bench-ui.sh (run that, not this): expects the portal on :3000
// and the simulator behind $KUBECONFIG. Prints figures; asserts nothing about timings.
import { execFileSync } from 'node:child_process';
import {
  BASE,
  DEPLOYMENT,
  NAMESPACE,
  launchChromium,
  option,
  quantile,
  sleep,
} from './browser-bench.mjs';
const REPLICAS = option('replicas', 500);
// Pixels per animation frame while scrolling: two rows, a brisk scroll.
const STEP = option('step', 88);

const kubectl = (...args) =>
  execFileSync('kubectl', args, { encoding: 'utf8' }).trim();
const ms = v => `${v.toFixed(1)} ms`;

async function scaleAndWait() {
  const before = kubectl(
    'get',
    'deployment',
    DEPLOYMENT,
    '-n',
    NAMESPACE,
    '-o',
    'jsonpath={.spec.replicas}',
  );
  kubectl(
    'scale',
    'deployment',
    DEPLOYMENT,
    '-n',
    NAMESPACE,
    `--replicas=${REPLICAS}`,
  );
  const started = Date.now();
  for (;;) {
    const ready = Number(
      kubectl(
        'get',
        'deployment',
        DEPLOYMENT,
        '-n',
        NAMESPACE,
        '-o',
        'jsonpath={.status.readyReplicas}',
      ) || 0,
    );
    if (ready >= REPLICAS) break;
    if (Date.now() - started > 300_000)
      throw new Error(`only ${ready}/${REPLICAS} pods ready after 5 min`);
    await sleep(1000);
  }
  console.log(
    `scaled ${NAMESPACE}/${DEPLOYMENT} from ${before} to ${REPLICAS} replicas; all ready after ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s`,
  );
  return Number(
    kubectl(
      'get',
      'pods',
      '-n',
      NAMESPACE,
      '-l',
      'backstage.io/kubernetes-id=payments-api',
      '--no-headers',
    ).split('\n').length,
  );
}

const browser = await launchChromium(['--enable-precise-memory-info']);
try {
  const expectedPods = await scaleAndWait();
  const page = await browser.newPage({
    viewport: { width: 1600, height: 1000 },
  });
  // Long tasks from the first script on, so loading and scrolling can be told apart later.
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver(list => {
      for (const e of list.getEntries())
        window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${BASE}/catalog/default/component/payments-api`);
  await page.getByRole('button', { name: 'Enter' }).click();
  const tab = page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Workloads', exact: true });
  await tab.waitFor({ timeout: 120_000 });
  const podsShown = () =>
    page.waitForFunction(
      min =>
        [...document.querySelectorAll('h5')].some(
          h => Number(h.textContent.match(/^Pods \((\d+)\)$/)?.[1]) >= min,
        ),
      REPLICAS,
      { timeout: 120_000 },
    );
  const logsButton = page
    .getByRole('region', { name: 'Pods table' })
    .getByRole('button', { name: /^Logs of / })
    .first();
  // Interactive: the table holds every pod, its first row's buttons are there, and the main
  // thread answers the next frame.
  const openTab = async () => {
    const clickedAt = await page.evaluate(() => performance.now());
    await tab.click();
    await podsShown();
    await logsButton.waitFor();
    const at = await page.evaluate(
      () =>
        new Promise(resolve =>
          requestAnimationFrame(() =>
            setTimeout(() => resolve(performance.now()), 0),
          ),
        ),
    );
    return { clickedAt, ms: at - clickedAt };
  };
  // First visit: loads the tab's code and the workloads; the revisit renders from the cache
  // while it refreshes, as when someone switches tabs.
  const cdp = await page.context().newCDPSession(page);
  // Live objects only: collect garbage first, then read the heap.
  const heapMB = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 2 ** 20;
  };
  // Frame times with nothing to do: the floor set by this machine and headless Chromium.
  const idleFrames = () =>
    page.evaluate(
      () =>
        new Promise(resolve => {
          const frames = [];
          let last;
          const tick = now => {
            if (last !== undefined) frames.push(now - last);
            last = now;
            if (frames.length < 120) requestAnimationFrame(tick);
            else resolve(frames);
          };
          requestAnimationFrame(tick);
        }),
    );
  const first = await openTab();
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Overview', exact: true })
    .click();
  await page
    .getByRole('region', { name: 'Pods table' })
    .waitFor({ state: 'detached' });
  await sleep(1000);
  const heapBeforeMB = await heapMB();
  const idle = [...(await idleFrames())].sort((a, b) => a - b);
  const { clickedAt, ms: revisitMs } = await openTab();
  const shownPods = await page.evaluate(() =>
    Math.max(
      ...[...document.querySelectorAll('h5')].map(h =>
        Number(h.textContent.match(/^Pods \((\d+)\)$/)?.[1] ?? 0),
      ),
    ),
  );
  const loadLongTasks = await page.evaluate(
    from => window.__longTasks.filter(t => t.start >= from),
    clickedAt,
  );
  const rowsInDom = await page
    .getByRole('region', { name: 'Pods table' })
    .locator('tbody tr[aria-rowindex]')
    .count();

  const scroll = await page.evaluate(async step => {
    const scroller = document.querySelector('[aria-label="Pods table"]');
    scroller.scrollIntoView();
    await new Promise(r => setTimeout(r, 500));
    const startedAt = performance.now();
    const frames = [];
    let last = performance.now();
    await new Promise(resolve => {
      const tick = now => {
        frames.push(now - last);
        last = now;
        if (
          scroller.scrollTop + scroller.clientHeight >=
          scroller.scrollHeight - 1
        )
          return resolve();
        scroller.scrollTop += step;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(now => {
        last = now;
        requestAnimationFrame(tick);
      });
    });
    await new Promise(r => setTimeout(r, 200));
    const lastRow = scroller
      .querySelector('tbody tr[aria-rowindex]:last-of-type')
      ?.getAttribute('aria-rowindex');
    return {
      durationMs: performance.now() - startedAt,
      frames,
      longTasks: window.__longTasks.filter(t => t.start >= startedAt),
      lastRowIndex: Number(lastRow),
      rowsInDom: scroller.querySelectorAll('tbody tr[aria-rowindex]').length,
    };
  }, STEP);

  const frames = [...scroll.frames].sort((a, b) => a - b);
  const longest = ts => (ts.length ? Math.max(...ts.map(t => t.duration)) : 0);
  const figures = {
    pods: shownPods,
    podsInNamespace: expectedPods,
    timeToInteractiveMs: first.ms,
    timeToInteractiveRevisitMs: revisitMs,
    loadLongTasks: loadLongTasks.length,
    loadLongestTaskMs: longest(loadLongTasks),
    rowsInDomAtLoad: rowsInDom,
    scroll: {
      durationMs: scroll.durationMs,
      frames: frames.length,
      p50FrameMs: quantile(frames, 0.5),
      p95FrameMs: quantile(frames, 0.95),
      maxFrameMs: frames[frames.length - 1] ?? 0,
      framesOver50Ms: frames.filter(f => f > 50).length,
      longTasks: scroll.longTasks.length,
      longestTaskMs: longest(scroll.longTasks),
      reachedRow: scroll.lastRowIndex - 1,
      rowsInDomAtEnd: scroll.rowsInDom,
    },
    idleFrameP50Ms: quantile(idle, 0.5),
    idleFrameP95Ms: quantile(idle, 0.95),
    jsHeapOverviewMB: heapBeforeMB,
    jsHeapAfterScrollMB: await heapMB(),
  };
  console.log(`
Workloads tab, ${
    figures.pods
  } pods of payments-api (${REPLICAS} replicas of ${DEPLOYMENT})
  time until the pod table is interactive   ${ms(
    figures.timeToInteractiveMs,
  )} first visit, ${ms(
    figures.timeToInteractiveRevisitMs,
  )} revisit (tab click → all pods listed, first row's buttons, next frame)
  long tasks while it loaded (revisit)      ${
    figures.loadLongTasks
  }, longest ${ms(figures.loadLongestTaskMs)}
  table rows in the DOM                     ${
    figures.rowsInDomAtLoad
  } at the top, ${figures.scroll.rowsInDomAtEnd} at the bottom (of ${
    figures.pods
  })
  scripted scroll top → bottom              ${ms(figures.scroll.durationMs)}, ${
    figures.scroll.frames
  } frames, ${STEP} px/frame, reached row ${figures.scroll.reachedRow}
  frame time p50 / p95 / max                ${ms(
    figures.scroll.p50FrameMs,
  )} / ${ms(figures.scroll.p95FrameMs)} / ${ms(figures.scroll.maxFrameMs)}
  dropped frames (> 50 ms)                  ${figures.scroll.framesOver50Ms}
  long tasks while scrolling                ${
    figures.scroll.longTasks
  }, longest ${ms(figures.scroll.longestTaskMs)}
  idle frames p50 / p95 (no work, baseline) ${ms(
    figures.idleFrameP50Ms,
  )} / ${ms(figures.idleFrameP95Ms)}
  JS heap after GC                          ${figures.jsHeapOverviewMB.toFixed(
    1,
  )} MB on the Overview tab, ${figures.jsHeapAfterScrollMB.toFixed(
    1,
  )} MB with the 500-pod table after scrolling
  targets: no long task > 200 ms while scrolling (${
    figures.scroll.longestTaskMs <= 200 ? 'met' : 'MISSED'
  }), p95 frame ≤ 50 ms (${figures.scroll.p95FrameMs <= 50 ? 'met' : 'MISSED'})
`);
  console.log(JSON.stringify(figures));
} finally {
  await browser.close();
}
