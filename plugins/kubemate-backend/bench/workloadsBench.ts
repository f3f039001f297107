/*
 * Benchmark: an entity's workloads from Kubemate (watch caches) vs Backstage's own
 * kubernetes-backend (a fan-out of LISTs per request), both hosted by one real Backstage backend
 * (startTestBackend) and pointed at the same simulated cluster.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs plugins/kubemate-backend/bench/workloadsBench.ts \
 *     [--pods=10000] [--deployments=3000] [--namespaces=500] [--app-deployments=10] \
 *     [--app-replicas=20] [--requests=300] [--warmup=20] [--only=1|2]
 *
 * The simulator runs in a worker thread (its own event loop, like a remote API server) and counts
 * every request it serves, so the report shows how many Kubernetes API calls each side made while
 * it was being measured. See docs/benchmarks.md.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import kubematePlugin from '@kubemate/plugin-kubemate-backend';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance as nodePerformance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { SimWorkerInput, SimWorkerMessage } from './simulatorWorker';

type Args = {
  pods: number;
  deployments: number;
  namespaces: number;
  appDeployments: number;
  appReplicas: number;
  requests: number;
  warmup: number;
  /** 0 = both endpoints, 1 = Kubemate only, 2 = Backstage only (for profiling with --cpu-prof). */
  only: number;
};

function parseArgs(argv: string[]): Args {
  const args: Args = {
    pods: 10_000,
    deployments: 3_000,
    namespaces: 500,
    appDeployments: 10,
    appReplicas: 20,
    requests: 300,
    warmup: 20,
    only: 0,
  };
  for (const a of argv) {
    const m = /^--([a-z-]+)=(\d+)$/.exec(a);
    const key = m?.[1].replace(/-([a-z])/g, (_, c: string) =>
      c.toUpperCase(),
    ) as keyof Args | undefined;
    if (!m || !key || !(key in args))
      throw new Error(
        `unknown argument ${a} (expected --name=<number>, one of ${Object.keys(
          args,
        ).join(', ')})`,
      );
    args[key] = Number(m[2]);
  }
  return args;
}

const APP = 'bench-app';
const ENTITY_REF = `component:default/${APP}`;

class SimulatorThread {
  private readonly worker: Worker;
  private pending: Array<(m: SimWorkerMessage) => void> = [];
  readonly ready: Promise<Extract<SimWorkerMessage, { type: 'ready' }>>;

  constructor(input: SimWorkerInput) {
    // eval + require: the worker inherits execArgv (-r nodeTransform.cjs), so TypeScript loads.
    this.worker = new Worker(
      `require(${JSON.stringify(path.join(__dirname, 'simulatorWorker.ts'))})`,
      { eval: true, workerData: input },
    );
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.once('exit', code =>
        reject(new Error(`simulator worker exited with ${code}`)),
      );
      this.worker.on('message', (m: SimWorkerMessage) => {
        if (m.type === 'ready') resolve(m);
        else this.pending.shift()?.(m);
      });
    });
  }

  async counts() {
    const reply = new Promise<SimWorkerMessage>(resolve =>
      this.pending.push(resolve),
    );
    this.worker.postMessage({ type: 'counts' });
    return (await reply) as Extract<SimWorkerMessage, { type: 'counts' }>;
  }

  async stop() {
    this.worker.removeAllListeners('exit');
    this.worker.postMessage({ type: 'stop' });
    await new Promise(resolve => this.worker.once('exit', resolve));
  }
}

const diffCounts = (
  after: Record<string, number>,
  before: Record<string, number>,
) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([k, v]) => [k, v - (before[k] ?? 0)] as const)
      .filter(([, v]) => v > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    p99: percentile(s, 99),
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

interface Endpoint {
  name: string;
  call: () => Promise<Response>;
  /** The response's object lists by resource type. */
  lists: (body: any) => Array<[type: string, items: unknown[]]>;
}

const podsOf = (ep: Endpoint, body: unknown) =>
  ep.lists(body).find(([t]) => t === 'pods')?.[1].length ?? 0;

/** "pods 200 (390 KiB), replicasets 10 (25 KiB), …" for the non-empty lists. */
const describeContents = (ep: Endpoint, body: unknown) =>
  ep
    .lists(body)
    .filter(([, items]) => items.length > 0)
    .map(
      ([t, items]) =>
        `${t} ${items.length} (${kib(
          Buffer.byteLength(JSON.stringify(items)),
        )})`,
    )
    .join(', ');

async function timed(ep: Endpoint) {
  const t0 = performance.now();
  const res = await ep.call();
  const text = await res.text();
  const elapsed = performance.now() - t0;
  if (!res.ok)
    throw new Error(`${ep.name}: HTTP ${res.status} ${text.slice(0, 500)}`);
  return {
    elapsed,
    bytes: Buffer.byteLength(text),
    encoding: res.headers.get('content-encoding') ?? 'identity',
    // Parsed on demand only, so the measurement loop does not add GC work to the backend.
    body: () => JSON.parse(text) as unknown,
  };
}

interface Tally {
  samples: number[];
  busyMs: number;
  calls: Record<string, number>;
  bytes: number;
  pods: number;
  contents: string;
  encoding: string;
}

/**
 * `n` rounds; each round sends one request to every endpoint, sequentially, alternating the order
 * between rounds so that both see the same background load. The simulator's request counters are
 * read before and after every request (outside the timed span) to attribute API calls to it, and
 * the main thread's event-loop busy time is summed per endpoint (backend + client, not the
 * simulator thread).
 */
async function measure(endpoints: Endpoint[], sim: SimulatorThread, n: number) {
  const tallies = new Map<Endpoint, Tally>(
    endpoints.map(ep => [
      ep,
      {
        samples: [],
        busyMs: 0,
        calls: {},
        bytes: 0,
        pods: 0,
        contents: '',
        encoding: '',
      },
    ]),
  );
  for (let i = 0; i < n; i++) {
    const order = i % 2 === 0 ? endpoints : [...endpoints].reverse();
    for (const ep of order) {
      const t = tallies.get(ep)!;
      const before = (await sim.counts()).counts;
      const elu0 = nodePerformance.eventLoopUtilization();
      const r = await timed(ep);
      t.busyMs += nodePerformance.eventLoopUtilization(elu0).active;
      t.samples.push(r.elapsed);
      for (const [k, v] of Object.entries(
        diffCounts((await sim.counts()).counts, before),
      )) {
        t.calls[k] = (t.calls[k] ?? 0) + v;
      }
      if (i === 0) {
        t.bytes = r.bytes;
        t.encoding = r.encoding;
        const body = r.body();
        t.pods = podsOf(ep, body);
        t.contents = describeContents(ep, body);
      }
    }
  }
  return endpoints.map(ep => {
    const t = tallies.get(ep)!;
    return {
      ep,
      r: {
        stats: stats(t.samples),
        bytes: t.bytes,
        pods: t.pods,
        contents: t.contents,
        encoding: t.encoding,
        calls: t.calls,
        busyMsPerRequest: t.busyMs / n,
      },
    };
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const generate = `pods=${args.pods},deployments=${args.deployments},namespaces=${args.namespaces}`;
  const log = (s: string) => process.stdout.write(`${s}\n`);
  log(
    `workloads benchmark: cluster ${generate} + entity ${APP} (${args.appDeployments} Deployments × ${args.appReplicas} pods); ${args.requests} rounds of sequential requests (one per endpoint, alternating order) after ${args.warmup} warm-up requests`,
  );
  log(
    `machine: ${os.cpus().length} × ${
      os.cpus()[0]?.model ?? 'cpu'
    }, load average ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}, Node ${process.version}`,
  );

  const sim = new SimulatorThread({
    generate,
    appName: APP,
    appNamespace: `${APP}-ns`,
    appDeployments: args.appDeployments,
    appReplicas: args.appReplicas,
  });
  const ready = await sim.ready;
  log(
    `simulator: ${ready.url}, ${Object.entries(ready.objects)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')} (started in ${ms(ready.startMs)})`,
  );

  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: APP,
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-id': APP },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-bench' },
  };
  const t0 = performance.now();
  const backend = await startTestBackend({
    features: [
      kubematePlugin,
      kubernetesPlugin,
      catalogServiceMock.factory({ entities: [entity] }),
      mockServices.permissions.factory({ result: 'ALLOW' as never }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'sim',
                    url: ready.url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: ready.token,
                    skipTLSVerify: true,
                  },
                ],
              },
            ],
          },
          kubemate: { workloads: { syncTimeoutMs: 60_000 } },
        },
      }),
    ],
  });
  const base = `http://127.0.0.1:${
    (backend.server.address() as AddressInfo).port
  }`;
  log(
    `backend: ${base} (kubemate + kubernetes plugins, started in ${ms(
      performance.now() - t0,
    )})`,
  );

  const kubemate: Endpoint = {
    name: 'Kubemate GET /api/kubemate/entities/component/default/bench-app/workloads',
    call: () =>
      fetch(`${base}/api/kubemate/entities/component/default/${APP}/workloads`),
    lists: body => Object.entries(body.clusters?.[0]?.resources ?? {}),
  };
  const backstage: Endpoint = {
    name: 'Backstage POST /api/kubernetes/resources/workloads/query',
    call: () =>
      fetch(`${base}/api/kubernetes/resources/workloads/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ entityRef: ENTITY_REF, auth: {} }),
      }),
    lists: body => [
      ...(body.items?.[0]?.resources ?? []).map(
        (r: { type: string; resources: unknown[] }) =>
          [r.type, r.resources] as [string, unknown[]],
      ),
      ['podMetrics', body.items?.[0]?.podMetrics ?? []],
      ['errors', body.items?.[0]?.errors ?? []],
    ],
  };

  // Cold start: Kubemate's first request lists every workload resource and starts the watches.
  const coldBefore = (await sim.counts()).counts;
  const cold = await timed(kubemate);
  const coldCalls = diffCounts((await sim.counts()).counts, coldBefore);
  log(
    `\nKubemate first (cold) request: ${ms(cold.elapsed)}, ${kib(
      cold.bytes,
    )}, ${podsOf(kubemate, cold.body())} pods; API calls: ${JSON.stringify(
      coldCalls,
    )}`,
  );

  const endpoints = [kubemate, backstage].filter(
    (_, i) => !args.only || args.only === i + 1,
  );
  for (let i = 0; i < args.warmup; i++) {
    for (const ep of endpoints) await timed(ep);
  }

  const results = await measure(endpoints, sim, args.requests);

  log('');
  for (const { ep, r } of results) {
    const s = r.stats;
    log(`${ep.name}`);
    log(
      `  n=${s.n}  p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(
        s.p99,
      )}  max ${ms(s.max)}  mean ${ms(s.mean)}`,
    );
    log(
      `  response ${kib(r.bytes)} (content-encoding ${r.encoding}), ${
        r.pods
      } pods; main-thread busy ${ms(
        r.busyMsPerRequest,
      )} per request (backend + client)`,
    );
    log(`  contents: ${r.contents}`);
    const total = Object.entries(r.calls).filter(
      ([k]) => k !== 'http requests',
    );
    log(
      `  Kubernetes API calls during the ${s.n} requests: ${
        r.calls['http requests'] ?? 0
      } HTTP requests (${
        total.length ? total.map(([k, v]) => `${k}: ${v}`).join(', ') : 'none'
      })`,
    );
  }
  const km = results.find(x => x.ep === kubemate)?.r;
  const bs = results.find(x => x.ep === backstage)?.r;
  if (km && bs)
    log(
      `\nratio Backstage/Kubemate: p50 ${(bs.stats.p50 / km.stats.p50).toFixed(
        1,
      )}×, p99 ${(bs.stats.p99 / km.stats.p99).toFixed(1)}×`,
    );
  if (km) {
    const kmPerRequest = Object.entries(km.calls)
      .filter(([k]) => /^(get|list) /.test(k))
      .reduce((a, [, v]) => a + v, 0);
    const target =
      km.stats.p50 <= 20 && km.stats.p99 <= 100 && kmPerRequest === 0;
    log(
      `target (Kubemate p50 ≤ 20 ms, p99 ≤ 100 ms, 0 GET/LIST calls after warm-up): ${
        target ? 'MET' : 'NOT MET'
      } (p50 ${ms(km.stats.p50)}, p99 ${ms(
        km.stats.p99,
      )}, ${kmPerRequest} GET/LIST calls)`,
    );
  }
  const simMem = await sim.counts();
  log(
    `peak RSS ${mib(
      process.resourceUsage().maxRSS * 1024,
    )} (whole process: backend + simulator thread); backend heap used ${mib(
      process.memoryUsage().heapUsed,
    )}, simulator heap used ${mib(simMem.heapUsedBytes)}`,
  );
  log(
    `load average at the end: ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );

  await backend.stop();
  await sim.stop();
  process.exit(0);
}

main().catch(err => {
  // eslint-disable-next-line no-console
  console.error(err);
  process.exit(1);
});
