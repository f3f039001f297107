/**
 * Probe benchmark: N probes every `interval` seconds run by one backend's engine as the plugin
 * runs it (the store's claims on SQLite, a scheduled tick, the cluster layer's clients against
 * the simulator in its own process). A mix of kinds: API round trips, Service endpoints and
 * Deployment lifecycles (create, Ready, scale to 2, delete). Prints the scheduling lag (how late
 * each run was claimed after it was due), run durations and outcomes, and this process's CPU.
 *
 *   yarn workspace @kubemate/plugin-kubemate-backend bench:probes [--probes=100]
 *     [--interval=30] [--seconds=120] [--tick=5]
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { probeDefinitionSchema } from '@kubemate/plugin-kubemate-common';
import { readConfigClusters } from '@kubemate/plugin-kubemate-node';
import { knex as createKnex } from 'knex';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClusterService } from '../../clusters/ClusterService';
import { migrateKubemateDatabase } from '../../database/migrations';
import type { LoadedProbe } from '../definitions';
import { ProbeEngine } from '../ProbeEngine';
import { ProbeRunner } from '../ProbeRunner';
import { ProbeStore } from '../ProbeStore';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map(a => /^--([^=]+)=(.*)$/.exec(a))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(m => [m[1], m[2]]),
);
const PROBES = Number(args.probes ?? 100);
const INTERVAL = Number(args.interval ?? 30);
const SECONDS = Number(args.seconds ?? 120);
const TICK = Number(args.tick ?? 5);
const SERVICES = 30;

const quantile = (sorted: number[], q: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
    : NaN;

function probes(): LoadedProbe[] {
  return Array.from({ length: PROBES }, (_, i) => {
    const common = {
      id: `bench-${i}`,
      title: `bench ${i}`,
      cluster: 'sim',
      namespace: 'bench',
      timeoutSeconds: 25,
      schedule: { intervalSeconds: INTERVAL },
    };
    const kind = i % 10;
    let definition;
    if (kind < 4) definition = { ...common, type: 'api-roundtrip' };
    else if (kind < 8) {
      definition = {
        ...common,
        type: 'service-endpoints',
        params: { service: `svc-${i % SERVICES}` },
      };
    } else definition = { ...common, type: 'workload-lifecycle' };
    return {
      definition: probeDefinitionSchema.parse(definition),
      source: 'bench:1',
    };
  });
}

async function main() {
  // Run from the source tree only (never part of the plugin build).
  // eslint-disable-next-line no-restricted-syntax
  const child = fork(path.join(__dirname, 'probeBenchSimulator.ts'), [
    String(SERVICES),
  ]);
  const sim = await new Promise<{ url: string; token: string }>(
    (resolve, reject) => {
      child.on('message', (m: { type?: string }) => {
        if (m?.type === 'ready') resolve(m as never);
      });
      child.once('exit', code => reject(new Error(`simulator exited ${code}`)));
    },
  );
  const file = path.join(
    os.tmpdir(),
    `kubemate-probe-bench-${process.pid}.sqlite`,
  );
  const db = createKnex({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
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
  const clusters = new ClusterService({
    clusters: readConfigClusters(
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
    ),
    logger,
  });
  try {
    await migrateKubemateDatabase({ getClient: async () => db });
    const store = new ProbeStore(db);
    // How late each run was claimed after it was due.
    const lags: number[] = [];
    const claimDue = store.claimDue.bind(store);
    store.claimDue = async (...a: Parameters<typeof claimDue>) => {
      const due = await store.nextRuns();
      const claimed = await claimDue(...a);
      const now = Date.now();
      for (const c of claimed) {
        const at = due.get(c.probeId);
        if (at) lags.push(now - at.getTime());
      }
      return claimed;
    };
    const engine = new ProbeEngine({
      store,
      owner: 'bench',
      logger,
      runner: new ProbeRunner({ clusters, store, logger, pollMs: 250 }),
    });
    await engine.setProbes(probes());
    process.stdout.write(
      `${PROBES} probes every ${INTERVAL} s, tick ${TICK} s, for ${SECONDS} s…\n`,
    );
    const cpuStart = process.cpuUsage();
    const wallStart = Date.now();
    // As the plugin's scheduled task: every TICK seconds, never overlapping itself.
    while (Date.now() - wallStart < SECONDS * 1000) {
      const t0 = Date.now();
      await engine.tick();
      await new Promise(r =>
        setTimeout(r, Math.max(0, TICK * 1000 - (Date.now() - t0))),
      );
    }
    const cpu = process.cpuUsage(cpuStart);
    const wall = Date.now() - wallStart;
    await engine.drain();
    const runs = await db('kubemate_probe_runs').select(
      'status',
      'duration_ms',
    );
    const durations = runs
      .map(r => Number(r.duration_ms))
      .filter(n => Number.isFinite(n))
      .sort((a, b) => a - b);
    const byStatus: Record<string, number> = {};
    for (const r of runs) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    lags.sort((a, b) => a - b);
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const lines = [
      `runs: ${runs.length} (${Object.entries(byStatus)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
      `scheduling lag: p50 ${s(quantile(lags, 0.5))}, p99 ${s(
        quantile(lags, 0.99),
      )}, max ${s(lags[lags.length - 1] ?? NaN)}`,
      `run duration: p50 ${s(quantile(durations, 0.5))}, p99 ${s(
        quantile(durations, 0.99),
      )}`,
      `backend CPU: ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(
        1,
      )} % of a core over ${s(wall)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await clusters.stop();
    await db.destroy();
    fs.rmSync(file, { force: true });
    child.send({ type: 'stop' });
  }
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
