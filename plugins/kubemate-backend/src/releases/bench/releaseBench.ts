/**
 * Release benchmark: N concurrent releases with 10 s steps driven by one backend's engine, as
 * the plugin runs it (a 1 s tick, the store's claims, a real Prometheus for every decision, the
 * simulator's routes written through client-node). Prints the step-decision lag (how late each
 * decision came after its step was due) and the backend process's CPU.
 *
 *   yarn workspace @kubemate/plugin-kubemate-backend bench:releases [--releases=200]
 *     [--interval=10] [--seconds=60]
 *
 * Needs Debian's `prometheus` (/usr/bin/prometheus). The simulator and Prometheus run in their
 * own processes; only this process's CPU is the backend's.
 */
import { ConfigReader } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  readConfigClusters,
  type KubemateCluster,
} from '@kubemate/plugin-kubemate-node';
import { releasePlanSchema } from '@kubemate/plugin-kubemate-common';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { knex as createKnex } from 'knex';
// A dev-only script: it starts a real Prometheus the way the tests do.
// eslint-disable-next-line no-restricted-imports
import {
  prometheusInstalled,
  startPrometheus,
  waitForQuery,
} from '../../__testUtils__/prometheus';
import { createClusterClients } from '../../clusters/ClusterClients';
import { migrateKubemateDatabase } from '../../database/migrations';
import { PrometheusMetricsProvider } from '../../metrics/PrometheusMetricsProvider';
import { TrafficRouters } from '../../traffic/TrafficRouters';
import { ReleaseEngine } from '../ReleaseEngine';
import { ReleaseStore } from '../ReleaseStore';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map(a => /^--([^=]+)=(.*)$/.exec(a))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(m => [m[1], m[2]]),
);
const RELEASES = Number(args.releases ?? 200);
const INTERVAL = Number(args.interval ?? 10);
const SECONDS = Number(args.seconds ?? 60);

const quantile = (sorted: number[], q: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
    : NaN;

async function main() {
  if (!prometheusInstalled()) {
    throw new Error('needs /usr/bin/prometheus (apt-get install prometheus)');
  }
  // Run from the source tree only (never part of the plugin build).
  // eslint-disable-next-line no-restricted-syntax
  const child = fork(path.join(__dirname, 'releaseBenchSimulator.ts'), [
    String(RELEASES),
  ]);
  const sim = await new Promise<{
    url: string;
    token: string;
    metricsUrl: string;
  }>((resolve, reject) => {
    // The TypeScript transform also talks over this channel ({ type: 'watch' }).
    child.on('message', (m: { type?: string }) => {
      if (m?.type === 'ready') resolve(m as never);
    });
    child.once('exit', code => reject(new Error(`simulator exited ${code}`)));
  });
  // A scrape of  apps' proxies is megabytes: every 2 s, as a busy cluster's would be.
  const prom = await startPrometheus({
    targets: [sim.metricsUrl],
    scrapeIntervalSeconds: 2,
  });
  const file = path.join(
    os.tmpdir(),
    `kubemate-release-bench-${process.pid}.sqlite`,
  );
  const db = createKnex({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  try {
    await migrateKubemateDatabase({ getClient: async () => db });
    const last = `app-${RELEASES - 1}-v1`;
    process.stdout.write(`waiting for Prometheus to see ${last}…\n`);
    await waitForQuery(
      prom.url,
      `count_over_time(sum(response_total{deployment="${last}"})[1m:1s])`,
      v => v > 20,
      180_000,
    );
    const [cluster] = readConfigClusters(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'sim',
                  url: sim.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: sim.token,
                  skipTLSVerify: true,
                },
              ],
            },
          ],
        },
      }),
    );
    const config = new ConfigReader({
      kubemate: {
        metrics: { clusters: { sim: { prometheus: { url: prom.url } } } },
      },
    });
    const clients = createClusterClients(cluster.kubeConfig, {
      timeoutMs: 30_000,
    });
    const routers = TrafficRouters.fromConfig(config, () => clients.custom);
    // Where a step's time goes: summed wall time per part (calls overlap across steps).
    const spent: Record<string, { ms: number; calls: number }> = {};
    const timed = <T>(part: string, fn: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      return fn().finally(() => {
        const p = (spent[part] ??= { ms: 0, calls: 0 });
        p.ms += performance.now() - t0;
        p.calls++;
      });
    };
    const prometheus = PrometheusMetricsProvider.fromConfig(config);
    const router = routers.forCluster('sim');
    const timedRouter = {
      kind: router.kind,
      supportsMatches: router.supportsMatches,
      getRoute: (...a: Parameters<typeof router.getRoute>) =>
        timed('route read', () => router.getRoute(...a)),
      setRoute: (...a: Parameters<typeof router.setRoute>) =>
        timed('route write', () => router.setRoute(...a)),
    };
    const store = new ReleaseStore(db);
    // When each claimed step was due, in claim order per release (the lag's reference).
    const dues = new Map<string, number[]>();
    const claimDue = store.claimDue.bind(store);
    store.claimDue = async (...a: Parameters<typeof claimDue>) => {
      const claimed = await claimDue(...a);
      for (const r of claimed) {
        const list = dues.get(r.id) ?? [];
        list.push(Date.parse(r.nextStepAt!));
        dues.set(r.id, list);
      }
      return claimed;
    };
    // Step failures are counted and the first few shown; the rest of the log is dropped.
    let warnings = 0;
    const logger: LoggerService = {
      info: () => {},
      debug: () => {},
      error: m => process.stderr.write(`${m}\n`),
      warn: m => {
        if (++warnings <= 3) process.stderr.write(`${m}\n`);
      },
      child: () => logger,
    };
    const engine = new ReleaseEngine({
      store,
      owner: 'bench',
      cluster: (): KubemateCluster => cluster,
      clients: () => clients,
      router: () => timedRouter,
      metrics: {
        goldenMetrics: q =>
          timed('Prometheus (golden metrics)', () =>
            prometheus.goldenMetrics(q),
          ),
      },
      logger,
    });
    const plan = releasePlanSchema.parse({
      stepWeights: [5, 10, 20, 30, 40, 50, 60, 70, 80, 90],
      intervalSeconds: INTERVAL,
      thresholds: { minSuccessRate: 0.5, maxP99LatencyMs: 10_000 },
      minRequests: 0,
    });
    // As the plugin's scheduled task: every second, never overlapping itself; running while
    // the releases start, one after another across one interval, as people start them:
    // concurrent, not in lockstep (every step of every release due in the same second).
    for (const k of Object.keys(spent)) delete spent[k];
    const cpuStart = process.cpuUsage();
    const wallStart = Date.now();
    let ticks = 0;
    let stepsRun = 0;
    const driving = (async () => {
      while (Date.now() - wallStart < SECONDS * 1000) {
        const tickStart = Date.now();
        stepsRun += await timed('tick (claim)', () => engine.tick());
        ticks++;
        await new Promise(r =>
          setTimeout(r, Math.max(0, 1000 - (Date.now() - tickStart))),
        );
      }
    })();
    const ids = await Promise.all(
      Array.from({ length: RELEASES }, async (_, i) => {
        const at = wallStart + (i * INTERVAL * 1000) / RELEASES;
        await new Promise(r => setTimeout(r, Math.max(0, at - Date.now())));
        const release = await engine.start({
          entityRef: `component:default/app-${i}`,
          cluster: 'sim',
          namespace: 'bench',
          service: `app-${i}`,
          routeKind: 'HTTPRoute',
          stable: `app-${i}-v1`,
          canary: `app-${i}-v2`,
          strategy: 'gray',
          plan,
          weight: 5,
          createdBy: 'user:default/bench',
        });
        return release.id;
      }),
    );
    process.stdout.write(
      `${RELEASES} releases started in ${
        Date.now() - wallStart
      } ms; driving for ${SECONDS} s…\n`,
    );
    await driving;
    await engine.drain();
    const cpu = process.cpuUsage(cpuStart);
    const wall = (Date.now() - wallStart) / 1000;

    // Lag: each engine decision's time (its timeline entry) minus when its step was due.
    const lags: number[] = [];
    const decisions: Record<string, number> = {};
    for (const id of ids) {
      const { timeline } = await store.get(id, true);
      const steps = timeline!.filter(
        e => e.actor === 'kubemate:release-engine',
      );
      const due = dues.get(id) ?? [];
      steps.forEach((e, i) => {
        decisions[e.decision] = (decisions[e.decision] ?? 0) + 1;
        if (due[i] !== undefined) lags.push((Date.parse(e.at) - due[i]) / 1000);
      });
    }
    lags.sort((a, b) => a - b);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const out = [
      `releases ${RELEASES}, step interval ${INTERVAL} s, driven ${wall.toFixed(
        0,
      )} s, ${ticks} ticks, ${stepsRun} steps run`,
      `step failures logged: ${warnings}; decisions: ${Object.entries(decisions)
        .map(([d, n]) => `${d} ${n}`)
        .join(', ')}`,
      `step-decision lag past the interval: p50 ${quantile(lags, 0.5).toFixed(
        2,
      )} s, p95 ${quantile(lags, 0.95).toFixed(2)} s, p99 ${quantile(
        lags,
        0.99,
      ).toFixed(2)} s, max ${(lags[lags.length - 1] ?? NaN).toFixed(
        2,
      )} s (target p99 ≤ 2 s)`,
      `backend CPU: ${cpuSeconds.toFixed(1)} s over ${wall.toFixed(0)} s = ${(
        (cpuSeconds / wall) *
        100
      ).toFixed(0)} % of one core; peak RSS ${Math.round(
        (process.resourceUsage().maxRSS * 1024) / 1e6,
      )} MB; load average ${os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ')} on ${os.cpus().length} cores`,
    ];
    for (const [part, p] of Object.entries(spent)) {
      out.push(
        `  ${part}: ${p.calls} calls, mean ${(p.ms / p.calls).toFixed(0)} ms`,
      );
    }
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await db.destroy();
    fs.rmSync(file, { force: true });
    await prom.stop();
    child.send({ type: 'stop' });
  }
}

main().then(
  () => process.exit(0),
  e => {
    process.stderr.write(`${e?.stack ?? e}\n`);
    process.exit(1);
  },
);
