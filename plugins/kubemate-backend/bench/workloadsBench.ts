/*
 * Benchmark: an entity's workloads from Kubemate (watch caches) vs Backstage's own
 * kubernetes-backend (a fan-out of LISTs per request), both hosted by one real Backstage backend
 * (startTestBackend) and pointed at the same simulated cluster.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs plugins/kubemate-backend/bench/workloadsBench.ts \
 *     [--pods=10000] [--deployments=3000] [--namespaces=500] [--app-deployments=10] \
 *     [--app-replicas=20] [--requests=300] [--warmup=20] [--changes=20] [--only=1|2]
 *
 * Kubemate is asked twice per round: as a browser's repeated view does (If-None-Match with the
 * ETag it holds, gzip accepted) and for the full body (gzip). After the rounds, `--changes`
 * scales of one of the entity's Deployments measure the first request after each change.
 *
 * The simulator runs in a child process (its own event loop and memory, like a remote API
 * server) and counts every request it serves, so the report shows how many Kubernetes API calls
 * each side made, and the backend's RSS is the bench process's alone. See docs/benchmarks.md.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import kubematePlugin from '@kubemate/plugin-kubemate-backend';
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance as nodePerformance } from 'node:perf_hooks';
import type {
  SimProcessRequest,
  SimWorkerInput,
  SimWorkerMessage,
} from './simulatorProcess';

type Args = {
  pods: number;
  deployments: number;
  namespaces: number;
  appDeployments: number;
  appReplicas: number;
  requests: number;
  warmup: number;
  changes: number;
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
    changes: 20,
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

/** The simulator's child process and its request/reply channel. */
class SimulatorProcess {
  private readonly child: ChildProcess;
  private pending: Array<(m: SimWorkerMessage) => void> = [];
  readonly ready: Promise<Extract<SimWorkerMessage, { type: 'ready' }>>;

  constructor(input: SimWorkerInput) {
    // execArgv carries -r nodeTransform.cjs, so the child loads TypeScript too.
    this.child = fork(
      // .ts through the TypeScript loader, .js when run compiled (runCompiled.mjs).
      path.join(__dirname, `simulatorProcess${path.extname(__filename)}`),
      [JSON.stringify(input)],
      { execArgv: process.execArgv },
    );
    // Never leave the simulator behind, whatever way this process ends.
    process.once('exit', () => this.child.kill());
    this.ready = new Promise((resolve, reject) => {
      this.child.once('error', reject);
      this.child.once('exit', code =>
        reject(new Error(`simulator process exited with ${code}`)),
      );
      this.child.on('message', (m: SimWorkerMessage) => {
        if (m.type === 'ready') resolve(m);
        else this.pending.shift()?.(m);
      });
    });
  }

  private ask<T extends SimWorkerMessage['type']>(
    request: SimProcessRequest,
  ): Promise<Extract<SimWorkerMessage, { type: T }>> {
    const reply = new Promise<SimWorkerMessage>(resolve =>
      this.pending.push(resolve),
    );
    this.child.send(request);
    return reply as Promise<Extract<SimWorkerMessage, { type: T }>>;
  }

  counts() {
    return this.ask<'counts'>({ type: 'counts' });
  }

  scale(namespace: string, name: string, replicas: number) {
    return this.ask<'scaled'>({ type: 'scale', namespace, name, replicas });
  }

  async stop() {
    this.child.removeAllListeners('exit');
    const exited = new Promise(resolve => this.child.once('exit', resolve));
    this.child.send({ type: 'stop' } satisfies SimProcessRequest);
    await exited;
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
const loadavg = () =>
  os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');

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
  if (!res.ok && res.status !== 304)
    throw new Error(`${ep.name}: HTTP ${res.status} ${text.slice(0, 500)}`);
  const length = res.headers.get('content-length');
  return {
    elapsed,
    status: res.status,
    /** Decoded body size. */
    bytes: Buffer.byteLength(text),
    /** Bytes on the wire, when the response said (chunked responses do not). */
    wireBytes: length !== null ? Number(length) : undefined,
    encoding: res.headers.get('content-encoding') ?? 'identity',
    // Parsed on demand only, so the measurement loop does not add GC work to the backend.
    body: () => JSON.parse(text) as unknown,
  };
}

interface Tally {
  samples: number[];
  busyMs: number;
  calls: Record<string, number>;
  statuses: Record<number, number>;
  first?: Awaited<ReturnType<typeof timed>>;
}

/**
 * `n` rounds; each round sends one request to every endpoint, sequentially, alternating the order
 * between rounds so that all see the same background load. The simulator's request counters are
 * read before and after every request (outside the timed span) to attribute API calls to it, and
 * the bench process's event-loop busy time is summed per endpoint (backend + client, not the
 * simulator process).
 */
async function measure(
  endpoints: Endpoint[],
  sim: SimulatorProcess,
  n: number,
) {
  const tallies = new Map<Endpoint, Tally>(
    endpoints.map(ep => [
      ep,
      { samples: [], busyMs: 0, calls: {}, statuses: {} },
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
      t.statuses[r.status] = (t.statuses[r.status] ?? 0) + 1;
      for (const [k, v] of Object.entries(
        diffCounts((await sim.counts()).counts, before),
      )) {
        t.calls[k] = (t.calls[k] ?? 0) + v;
      }
      t.first ??= r;
    }
  }
  return endpoints.map(ep => {
    const t = tallies.get(ep)!;
    return {
      ep,
      r: {
        stats: stats(t.samples),
        first: t.first!,
        statuses: t.statuses,
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
    `workloads benchmark: cluster ${generate} + entity ${APP} (${args.appDeployments} Deployments × ${args.appReplicas} pods); ${args.requests} rounds of sequential requests (one per endpoint, alternating order) after ${args.warmup} warm-up rounds; ${args.changes} changes`,
  );
  log(
    `machine: ${os.cpus().length} × ${
      os.cpus()[0]?.model ?? 'cpu'
    }, load average ${loadavg()}, Node ${process.version}`,
  );

  const appNamespace = `${APP}-ns`;
  const sim = new SimulatorProcess({
    generate,
    appName: APP,
    appNamespace,
    appDeployments: args.appDeployments,
    appReplicas: args.appReplicas,
  });
  const ready = await sim.ready;
  log(
    `simulator (own process): ${ready.url}, ${Object.entries(ready.objects)
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
  const rssBefore = process.memoryUsage().rss;
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

  const url = `${base}/api/kubemate/entities/component/default/${APP}/workloads`;
  const kubemateLists = (body: any) =>
    Object.entries(body.clusters?.[0]?.resources ?? {}) as Array<
      [string, unknown[]]
    >;
  // Like a browser's HTTP cache: the ETag of the last full answer goes back as If-None-Match.
  let etag: string | undefined;
  const kubemate: Endpoint = {
    name: `Kubemate GET ${url.slice(
      base.length,
    )} (repeated view: If-None-Match, gzip)`,
    call: async () => {
      const res = await fetch(url, {
        headers: {
          'accept-encoding': 'gzip',
          ...(etag ? { 'if-none-match': etag } : {}),
        },
      });
      if (res.status === 200) etag = res.headers.get('etag') ?? undefined;
      return res;
    },
    lists: kubemateLists,
  };
  const kubemateFull: Endpoint = {
    name: `Kubemate GET ${url.slice(base.length)} (full body, gzip)`,
    call: () => fetch(url, { headers: { 'accept-encoding': 'gzip' } }),
    lists: kubemateLists,
  };
  const backstage: Endpoint = {
    name: 'Backstage POST /api/kubernetes/resources/workloads/query (gzip)',
    call: () =>
      fetch(`${base}/api/kubernetes/resources/workloads/query`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'accept-encoding': 'gzip',
        },
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

  const heapAfterGc = async () => {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise(resolve => setTimeout(resolve, 200));
    return process.memoryUsage();
  };
  const beforeCold = await heapAfterGc();

  // Cold start: Kubemate's first request lists every workload resource and starts the watches.
  const coldBefore = (await sim.counts()).counts;
  const cold = await timed(kubemateFull);
  const coldCalls = diffCounts((await sim.counts()).counts, coldBefore);
  log(
    `\nKubemate first (cold) request: ${ms(cold.elapsed)}, ${kib(
      cold.bytes,
    )}, ${podsOf(kubemateFull, cold.body())} pods; API calls: ${JSON.stringify(
      coldCalls,
    )}`,
  );

  const afterCold = await heapAfterGc();
  log(
    `memory after a full GC: before the first request RSS ${mib(
      beforeCold.rss,
    )}, heap ${mib(
      beforeCold.heapUsed,
    )}; with the whole cluster cached RSS ${mib(afterCold.rss)}, heap ${mib(
      afterCold.heapUsed,
    )} (the cache: +${mib(afterCold.heapUsed - beforeCold.heapUsed)} heap)`,
  );

  const endpoints = (
    [
      [kubemate, 1],
      [kubemateFull, 1],
      [backstage, 2],
    ] as const
  )
    .filter(([, side]) => !args.only || args.only === side)
    .map(([ep]) => ep);
  // Kubemate warms up first, so the peak RSS of Kubemate alone (cold list, whole cluster cached,
  // full answers built and gzipped) is known before Backstage's plugin allocates in this process.
  const kubemateSide = endpoints.filter(ep => ep !== backstage);
  for (let i = 0; i < args.warmup; i++) {
    for (const ep of kubemateSide) await timed(ep);
  }
  const kubematePeakRss = process.resourceUsage().maxRSS * 1024;
  for (let i = 0; i < args.warmup; i++) {
    for (const ep of endpoints) await timed(ep);
  }

  const results = await measure(endpoints, sim, args.requests);

  log('');
  for (const { ep, r } of results) {
    const s = r.stats;
    const first = r.first;
    log(`${ep.name}`);
    log(
      `  n=${s.n}  p50 ${ms(s.p50)}  p90 ${ms(s.p90)}  p99 ${ms(
        s.p99,
      )}  max ${ms(s.max)}  mean ${ms(s.mean)}  statuses ${JSON.stringify(
        r.statuses,
      )}`,
    );
    log(
      first.status === 304
        ? `  response 304 Not Modified, no body; main-thread busy ${ms(
            r.busyMsPerRequest,
          )} per request (backend + client)`
        : `  response ${kib(first.bytes)}${
            first.wireBytes !== undefined
              ? ` (${kib(first.wireBytes)} on the wire)`
              : ''
          }, content-encoding ${first.encoding}, ${podsOf(
            ep,
            first.body(),
          )} pods; main-thread busy ${ms(
            r.busyMsPerRequest,
          )} per request (backend + client)`,
    );
    if (first.status !== 304)
      log(`  contents: ${describeContents(ep, first.body())}`);
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

  // Changes: scale one of the entity's Deployments, then revalidate until the new answer shows.
  const changes: { visibleMs: number; rebuildMs: number }[] = [];
  if (args.only !== 2) {
    for (let i = 0; i < args.changes; i++) {
      const replicas = args.appReplicas + 1 + (i % 2);
      const t = performance.now();
      await sim.scale(appNamespace, `${APP}-0`, replicas);
      for (;;) {
        const r = await timed(kubemate);
        if (r.status === 200) {
          changes.push({
            visibleMs: performance.now() - t,
            rebuildMs: r.elapsed,
          });
          break;
        }
        if (performance.now() - t > 10_000)
          throw new Error('a change did not show within 10 s');
        await new Promise(resolve => setTimeout(resolve, 2));
      }
    }
    if (changes.length) {
      const visible = stats(changes.map(c => c.visibleMs));
      const rebuild = stats(changes.map(c => c.rebuildMs));
      log(
        `\nafter a change (${
          changes.length
        } scales of ${APP}-0): first request with the new answer p50 ${ms(
          rebuild.p50,
        )}, max ${ms(
          rebuild.max,
        )} (rebuild + serialize + gzip); scale → new answer served p50 ${ms(
          visible.p50,
        )}, max ${ms(visible.max)} (watch delivery + rebuild)`,
      );
    }
  }

  const km = results.find(x => x.ep === kubemate)?.r;
  const full = results.find(x => x.ep === kubemateFull)?.r;
  const bs = results.find(x => x.ep === backstage)?.r;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  // What stays once garbage is collected (needs --expose-gc, which `yarn bench` passes).
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise(resolve => setTimeout(resolve, 500));
  const rss = process.memoryUsage().rss;
  const simMem = await sim.counts();
  log('');
  if (km && bs)
    log(
      `ratio Backstage/Kubemate: repeated view p50 ${(
        bs.stats.p50 / km.stats.p50
      ).toFixed(1)}×, p99 ${(bs.stats.p99 / km.stats.p99).toFixed(1)}×${
        full
          ? `; full body p50 ${(bs.stats.p50 / full.stats.p50).toFixed(
              1,
            )}×, p99 ${(bs.stats.p99 / full.stats.p99).toFixed(1)}×`
          : ''
      }`,
    );
  log(
    `backend process RSS: ${mib(rss)} after a full GC, peak ${mib(
      peakRss,
    )} (before the backend started ${mib(rssBefore)}); heap used ${mib(
      process.memoryUsage().heapUsed,
    )}. Simulator process: RSS ${mib(simMem.rssBytes)}, heap used ${mib(
      simMem.heapUsedBytes,
    )} (not counted)`,
  );
  const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  log('targets:');
  if (km && bs) {
    const ratio = bs.stats.p50 / km.stats.p50;
    log(
      `  Kubemate p50 ≥ 20× faster than Backstage's kubernetes-backend (repeated view): ${verdict(
        ratio >= 20,
      )} (${ratio.toFixed(1)}×)`,
    );
  }
  if (km) {
    log(
      `  Kubemate p99 ≤ 10 ms (repeated view): ${verdict(
        km.stats.p99 <= 10,
      )} (${ms(km.stats.p99)}; full body p99 ${
        full ? ms(full.stats.p99) : 'n/a'
      })`,
    );
    const kmPerRequest = [km, full]
      .flatMap(r => Object.entries(r?.calls ?? {}))
      .filter(([k]) => /^(get|list) /.test(k))
      .reduce((a, [, v]) => a + v, 0);
    log(
      `  no Kubernetes GET/LIST per Kubemate request after warm-up: ${verdict(
        kmPerRequest === 0,
      )} (${kmPerRequest} calls)`,
    );
  }
  log(
    `  backend RSS ≤ 400 MB with the whole cluster cached (Kubemate's peak, simulator apart): ${verdict(
      kubematePeakRss <= 400 * 1000 * 1000,
    )} (${(kubematePeakRss / 1e6).toFixed(
      0,
    )} MB; the process's peak once Backstage's plugin also ran in it: ${(
      peakRss / 1e6
    ).toFixed(0)} MB)`,
  );
  log(`load average at the end: ${loadavg()}`);

  await backend.stop();
  await sim.stop();
  process.exit(0);
}

main().catch(err => {
  // eslint-disable-next-line no-console
  console.error(err);
  process.exit(1);
});
