import { startSimulator, type Simulator } from '@kubemate/kube-simulator';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Debian's `prometheus` package (scripts/toolchain.sh: `ensure_debian_package prometheus`). */
export const PROMETHEUS_BIN =
  process.env.KUBEMATE_PROMETHEUS_BIN ?? '/usr/bin/prometheus';

/** Whether a real Prometheus can be started here; tests that need one skip only without it. */
export function prometheusInstalled(): boolean {
  try {
    fs.accessSync(PROMETHEUS_BIN, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface TestPrometheus {
  /** Base URL of its HTTP API, e.g. `http://127.0.0.1:41234`. */
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Test-only: a real Prometheus on loopback scraping the given `/metrics` URLs (the simulator's
 * `metricsUrl`) every `scrapeIntervalSeconds`, with its storage in a temp dir removed on stop.
 * Resolves once `/-/ready` answers.
 */
export async function startPrometheus(options: {
  targets: string[];
  scrapeIntervalSeconds?: number;
  readyTimeoutMs?: number;
}): Promise<TestPrometheus> {
  const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubemate-prometheus-'));
  const targets = options.targets.map(t => new URL(t));
  const config = [
    'global:',
    `  scrape_interval: ${interval}`,
    `  evaluation_interval: ${interval}`,
    'scrape_configs:',
    ...targets.flatMap((t, i) => [
      `  - job_name: target-${i}`,
      `    metrics_path: ${JSON.stringify(t.pathname || '/metrics')}`,
      `    scheme: ${t.protocol.replace(':', '')}`,
      '    static_configs:',
      `      - targets: [${JSON.stringify(t.host)}]`,
    ]),
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), `${config}\n`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // Debian's build defaults to consoles under /etc; none are needed.
      `--web.console.templates=${dir}`,
      `--web.console.libraries=${dir}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', chunk => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killTimer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited (${child.exitCode}): ${stderr}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`, {
        signal: AbortSignal.timeout(1000),
      });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus not ready within the timeout: ${stderr}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
  return { url, stop };
}

/** Test-only: waits until an instant query returns a sample matching `accept`. */
export async function waitForQuery(
  prometheusUrl: string,
  query: string,
  accept: (value: number) => boolean,
  timeoutMs = 30_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const res = await fetch(
      `${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`,
      { signal: AbortSignal.timeout(2000) },
    ).catch(e => e);
    if (res instanceof Response && res.ok) {
      const body = (await res.json()) as {
        data?: { result?: Array<{ value: [number, string] }> };
      };
      last = body.data?.result?.[0]?.value?.[1];
      const v = Number(last);
      if (last !== undefined && accept(v)) return v;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${query} (last ${String(last)})`);
    await new Promise(r => setTimeout(r, 500));
  }
}

/**
 * Test-only: the seeded demo cluster serving Linkerd proxy metrics and a real Prometheus
 * scraping it, once the canary's series has a few scrapes (so increase() is defined).
 */
export async function startMeshedSimulator(): Promise<{
  sim: Simulator;
  prom: TestPrometheus;
  stop(): Promise<void>;
}> {
  const sim = await startSimulator({
    port: 0,
    seed: [path.resolve(__dirname, '../../../../examples/cluster')],
    controllers: { startDelayMs: 10, scheduleDelayMs: 10, tickMs: 20 },
    metricsPort: 0,
  });
  const prom = await startPrometheus({ targets: [sim.metricsUrl!] });
  await waitForQuery(
    prom.url,
    'count_over_time(sum(response_total{deployment="payments-api-v2"})[1m:1s])',
    v => v > 3,
  );
  return {
    sim,
    prom,
    async stop() {
      await prom.stop();
      await sim.stop();
    },
  };
}
