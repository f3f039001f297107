/* eslint-disable no-console */
/**
 * The inspection run benchmark itself; `inspectionRunBench.ts` starts it (compiled by default).
 *
 * End-to-end benchmark of a full baseline inspection run through the backend's runner:
 * list every kind the baseline needs from a simulated cluster (fetch + parse), evaluate the
 * rules, attribute results to catalog entities, reconcile with the stored findings and store
 * them, exactly as a scheduled run does (InspectionRunner.run with the real engine and store).
 *
 *   cd plugins/kubemate-backend && yarn bench:inspection [--pods=10000] [--deployments=3000]
 *     [--namespaces=500] [--runs=2] [--db=sqlite|pg] [--gc=1|0] [--split=0|1] [--sql=0|1]
 *
 * The simulator runs in a child process, so the peak RSS printed is the backend side only
 * (runner + engine + store + client). `--db=pg` uses a fresh database on $PG_URL (default
 * postgresql://postgres@127.0.0.1:5432), dropped afterwards; the default is a SQLite file.
 * Run 1 stores into an empty database (every finding new); later runs reconcile against it.
 */
import {
  resolvePackagePath,
  type AuthService,
  type BackstageCredentials,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { readClusters } from '@kubemate/plugin-kubemate-node';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { knex as createKnex, type Knex } from 'knex';
import { migrateKubemateDatabase } from '../../database/migrations';
import { DatabaseInspectionStore } from '../DatabaseInspectionStore';
import { loadReconcileSnapshot } from '../database/operations/loadReconcileSnapshot';
import { InspectionEngine } from '../InspectionEngine';
import { ClusterService } from '../../clusters/ClusterService';
import { NamespaceTenancy } from '../../tenancy/NamespaceTenancy';
import { InspectionRunner } from '../InspectionRunner';
import type {
  InspectionStore,
  PassedCheckCount,
  RunCoverage,
  StoreCheckResult,
} from '../InspectionStore';
import { groupResults, planReconciliation } from '../reconcile';

const TARGET_TOTAL_S = 3;
const TARGET_RSS_MB = 320;
/** Idle time before each run with --gc=idle. */
const IDLE_MS = 30_000;

function parseArgs(argv: string[]) {
  const args = {
    pods: '10000',
    deployments: '3000',
    namespaces: '500',
    runs: '2',
    db: 'sqlite',
    /** 1: print the slowest SQL statements of each store phase. */
    sql: '0',
    /**
     * 1: also time the in-memory part of reconciliation alone (a second planning pass on the
     * same input before the store's own; left out of the total, but it adds to the memory).
     */
    split: '0',
    /**
     * 1 (default): a full GC before each run, standing for the idle time between real runs
     * (hours for scheduled runs, at least the quiet period for change-triggered ones) in which
     * V8 collects the previous run's garbage; prints the live heap. Needs node --expose-gc.
     * 0: runs back to back. idle: no forced GC; the backend sits idle for 30 s between runs
     * (and before the first), so V8's memory reducer does what it does between real runs.
     */
    gc: '1',
  };
  for (const a of argv) {
    const m = /^--([a-z]+)=(.+)$/.exec(a);
    if (!m || !(m[1] in args)) {
      throw new Error(
        `unknown argument ${a} (expected --name=value, one of ${Object.keys(
          args,
        ).join(', ')})`,
      );
    }
    (args as Record<string, string>)[m[1]] = m[2];
  }
  return args;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

/**
 * Where the RSS is: V8's heap (committed pages resident), malloc's main arena (`[heap]`), other
 * anonymous mappings (V8's code and large pages, malloc's thread arenas and large blocks) and
 * file-backed mappings (the node binary, shared libraries), from /proc/self/smaps on Linux.
 */
function memoryParts(): string {
  const v8heap = `V8 heap ${mb(
    require('node:v8').getHeapStatistics().total_physical_size,
  )}`;
  let text: string;
  try {
    text = fs.readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return v8heap;
  }
  let arena = 0;
  let anon = 0;
  let file = 0;
  let region = '';
  for (const line of text.split('\n')) {
    const m = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (m) {
      if (m[1] !== '0') region = 'file';
      else region = m[2] === '[heap]' ? 'arena' : 'anon';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (!rss) continue;
    const bytes = Number(rss[1]) * 1024;
    if (region === 'arena') arena += bytes;
    else if (region === 'anon') anon += bytes;
    else file += bytes;
  }
  return `${v8heap}, malloc [heap] ${mb(arena)}, other anonymous ${mb(
    anon,
  )}, files ${mb(file)}`;
}

/** Quiet logger: the bench prints its own report. */
const logger: LoggerService = {
  info: () => {},
  debug: () => {},
  warn: m => console.warn(`  warn: ${m}`),
  error: m => console.error(`  error: ${m}`),
  child: () => logger,
};

function startSimulatorProcess(generate: string) {
  // Compiled: the bundle's sibling; from the sources: through the TypeScript transform.
  const script = process.argv[1].endsWith('.js')
    ? path.join(path.dirname(process.argv[1]), 'simulatorProcess.js')
    : resolvePackagePath(
        '@kubemate/plugin-kubemate-backend',
        'src/inspection/bench/simulatorProcess.ts',
      );
  const child: ChildProcess = fork(script, [generate], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: any) => {
        if (m?.type === type) {
          child.off('message', onMessage);
          resolve(m);
        }
      };
      child.on('message', onMessage);
      child.once('exit', code =>
        reject(new Error(`simulator exited with ${code}`)),
      );
    });
  return {
    ready: next<{ url: string; token: string }>('ready'),
    async rss() {
      const reply = next<{ rss: number; maxRss: number }>('rss');
      child.send({ type: 'rss' });
      return reply;
    },
    stop() {
      child.send({ type: 'stop' });
    },
  };
}

/** Phase boundaries of one run, taken from the runner's calls into the store. */
interface Phases {
  started: number;
  fetched?: number;
  evaluated?: number;
  storeStart?: number;
  storeEnd?: number;
  reconcileMs?: number;
  /** The engine's `inspect` alone: rule evaluation without owner attribution or progress. */
  inspectMs?: number;
  /** Time spent on the extra planning pass (--split=1), left out of the total. */
  splitMs?: number;
  results?: number;
  objects?: number;
  /** Live heap (MB) when the objects were listed and when the results were handed to the store. */
  heapFetched?: number;
  heapEvaluated?: number;
  /** Highest RSS sampled in each phase (the event loop must be free to sample). */
  rss: Record<'fetch' | 'evaluate' | 'store', number>;
}

function phaseOf(p: Phases): keyof Phases['rss'] {
  if (p.fetched === undefined) return 'fetch';
  if (p.storeStart === undefined) return 'evaluate';
  return 'store';
}

/**
 * The real store, watched: progress messages mark the end of the fetch ("evaluating …") and of
 * evaluation ("saving …"); completeRun is the reconcile + store phase. The in-memory part of
 * reconciliation (group the results, plan every state change against the stored findings) is
 * timed on its own by repeating it on the same input first (outside the phase times).
 */
function watchedStore(
  store: DatabaseInspectionStore,
  db: Knex,
  phases: () => Phases,
  split: boolean,
): InspectionStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'updateProgress') {
        return async (id: string, progress: { message?: string }) => {
          const now = performance.now();
          const p = phases();
          const m = /^evaluating \d+ rules on (\d+) objects/.exec(
            progress.message ?? '',
          );
          if (m) {
            p.fetched = now;
            p.objects = Number(m[1]);
            p.heapFetched = process.memoryUsage().heapUsed;
          }
          if (/^saving /.test(progress.message ?? '')) {
            p.evaluated = now;
            p.heapEvaluated = process.memoryUsage().heapUsed;
          }
          return value.call(target, id, progress);
        };
      }
      if (prop === 'completeRun') {
        return async (
          id: string,
          results: StoreCheckResult[],
          coverage: RunCoverage,
          passed?: PassedCheckCount[],
        ) => {
          const p = phases();
          // Passed checks come as counts (per namespace, entity, severity), not as results.
          const checks =
            results.length + (passed ?? []).reduce((n, c) => n + c.count, 0);
          if (!split) {
            p.results = checks;
            p.storeStart = performance.now();
            const done = await value.call(
              target,
              id,
              results,
              coverage,
              passed,
            );
            p.storeEnd = performance.now();
            return done;
          }
          const splitStart = performance.now();
          const run = await target.getRun(id);
          const snapshot = await loadReconcileSnapshot(db, run.cluster);
          const t0 = performance.now();
          planReconciliation(
            snapshot,
            groupResults(results),
            coverage,
            new Date(),
          );
          p.reconcileMs = performance.now() - t0;
          p.results = checks;
          p.storeStart = performance.now();
          p.splitMs = p.storeStart - splitStart;
          const done = await value.call(target, id, results, coverage, passed);
          p.storeEnd = performance.now();
          return done;
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as InspectionStore;
}

async function openDatabase(kind: string) {
  if (kind === 'pg') {
    const url = process.env.PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
    const name = `kubemate_bench_${randomUUID()
      .replace(/-/g, '')
      .slice(0, 12)}`;
    const admin = createKnex({ client: 'pg', connection: `${url}/postgres` });
    await admin.raw('create database ??', [name]);
    const db = createKnex({ client: 'pg', connection: `${url}/${name}` });
    await migrateKubemateDatabase({ getClient: async () => db });
    return {
      db,
      label: `PostgreSQL (${name})`,
      async close() {
        await db.destroy();
        await admin.raw('drop database if exists ??', [name]);
        await admin.destroy();
      },
    };
  }
  const file = path.join(
    os.tmpdir(),
    `kubemate-inspection-bench-${process.pid}.sqlite`,
  );
  const db = createKnex({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  await migrateKubemateDatabase({ getClient: async () => db });
  return {
    db,
    label: `SQLite (${file})`,
    async close() {
      await db.destroy();
      fs.rmSync(file, { force: true });
    },
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const generate = `pods=${args.pods},deployments=${args.deployments},namespaces=${args.namespaces}`;
  console.log(`Inspection run benchmark: ${generate}, baseline profile`);

  const t0 = performance.now();
  const sim = startSimulatorProcess(generate);
  const { url, token } = await sim.ready;
  console.log(
    `  simulator ready in a child process (${sec(performance.now() - t0)})`,
  );

  const [cluster] = readClusters(
    new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'bench',
                url,
                authProvider: 'serviceAccount',
                serviceAccountToken: token,
                skipTLSVerify: true,
              },
            ],
          },
        ],
      },
    }),
  );
  // One Component per generated Deployment (they carry backstage.io/kubernetes-id: app-N).
  // In-memory stand-ins (the test utilities alone would add ~90 MB of modules to the RSS).
  const entities: Entity[] = Array.from(
    { length: Number(args.deployments) },
    (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `app-${i}`,
        namespace: 'default',
        annotations: { 'backstage.io/kubernetes-id': `app-${i}` },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'bench' },
    }),
  );
  const catalog = {
    getEntities: async () => ({ items: entities }),
  } as unknown as CatalogService;
  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'service', subject: 'plugin:kubemate' },
  } as BackstageCredentials;
  const auth = {
    getOwnServiceCredentials: async () => credentials,
  } as unknown as AuthService;

  const database = await openDatabase(args.db);
  // Statement timings (with --sql=1): summed per statement shape.
  const sqlTimes = new Map<string, { ms: number; n: number }>();
  const sqlStart = new Map<string, number>();
  if (args.sql === '1') {
    database.db.on('query', (q: { __knexQueryUid: string }) =>
      sqlStart.set(q.__knexQueryUid, performance.now()),
    );
    database.db.on(
      'query-response',
      (_r: unknown, q: { __knexQueryUid: string; sql: string }) => {
        const t = sqlStart.get(q.__knexQueryUid);
        if (t === undefined) return;
        sqlStart.delete(q.__knexQueryUid);
        const key = q.sql.replace(/\s+/g, ' ').slice(0, 90);
        const e = sqlTimes.get(key) ?? { ms: 0, n: 0 };
        e.ms += performance.now() - t;
        e.n++;
        sqlTimes.set(key, e);
      },
    );
  }
  const noRss = () => ({ fetch: 0, evaluate: 0, store: 0 });
  let phases: Phases = { started: 0, rss: noRss() };
  const sampler = setInterval(() => {
    const phase = phaseOf(phases);
    phases.rss[phase] = Math.max(phases.rss[phase], process.memoryUsage.rss());
  }, 20);
  const store = watchedStore(
    DatabaseInspectionStore.fromKnex(database.db),
    database.db,
    () => phases,
    args.split === '1',
  );
  // The real engine, with `inspect` timed on its own.
  const engine = InspectionEngine.load({});
  const inspectorOf = engine.inspector.bind(engine);
  engine.inspector = (profile: string) => {
    const inspector = inspectorOf(profile);
    const inspect = inspector.inspect.bind(inspector);
    inspector.inspect = (...a: Parameters<typeof inspect>) => {
      const t = performance.now();
      try {
        return inspect(...a);
      } finally {
        phases.inspectMs = performance.now() - t;
      }
    };
    return inspector;
  };
  const runner = new InspectionRunner({
    store,
    engine,
    clusters: new ClusterService({ clusters: [cluster], logger }),
    catalog,
    auth,
    logger,
    // The generated namespaces belong to the bench's owner, so every result is attributed.
    tenancy: new NamespaceTenancy(
      Array.from({ length: Number(args.namespaces) }, (_, i) => ({
        namespace: `gen-ns-${i}`,
        owner: 'group:default/bench',
        sharedWith: [],
      })),
    ),
  });
  const rssBefore = process.memoryUsage().rss;
  console.log(
    `  database: ${database.label}; backend RSS before the first run: ${mb(
      rssBefore,
    )}`,
  );

  let ok = true;
  try {
    for (let i = 1; i <= Number(args.runs); i++) {
      const gc = (global as { gc?: () => void }).gc;
      if (args.gc === '1' && !gc) {
        throw new Error(
          '--gc=1 needs node --expose-gc (yarn bench:inspection sets it)',
        );
      }
      if (args.gc === '1' && gc) {
        gc();
        console.log(
          `\n  live heap after a full GC: ${mb(
            process.memoryUsage().heapUsed,
          )} (RSS ${mb(process.memoryUsage().rss)}: ${memoryParts()})`,
        );
      }
      if (args.gc === 'idle') {
        await new Promise(resolve => setTimeout(resolve, IDLE_MS));
        console.log(
          `\n  after ${IDLE_MS / 1000} s idle: heap used ${mb(
            process.memoryUsage().heapUsed,
          )} (RSS ${mb(process.memoryUsage().rss)}: ${memoryParts()})`,
        );
      }
      phases = { started: performance.now(), rss: noRss() };
      const cpuBefore = process.cpuUsage();
      const run = await runner.run({
        cluster: 'bench',
        profile: 'baseline',
        trigger: 'manual',
        requestedBy: 'bench',
      });
      const end = performance.now();
      const cpu = process.cpuUsage(cpuBefore);
      if (run.status !== 'succeeded') {
        throw new Error(`run ${i} ${run.status}: ${run.error}`);
      }
      const p = phases;
      const fetchMs = p.fetched! - p.started;
      const evaluateMs = p.evaluated! - p.fetched!;
      const storeMs = p.storeEnd! - p.storeStart!;
      const totalMs = end - p.started - (p.splitMs ?? 0);
      const s = run.summary!;
      const peak = peakRss();
      console.log(
        `\n  run ${i}${
          i === 1 ? ' (empty database)' : ' (against the stored findings)'
        }: ${p.objects} objects, ${p.results} check results (${
          s.passed
        } passed, ${s.failed} failed, ${s.errors} execution failures, ${
          s.skipped
        } skipped); new ${s.newFindings}, fixed ${s.fixedFindings}`,
      );
      console.log(
        `    fetch (list + parse, ${p.objects} objects)   ${sec(fetchMs)}`,
      );
      console.log(
        `    evaluate (rules + owners)               ${sec(
          evaluateMs,
        )}   (rule evaluation alone ${sec(p.inspectMs!)})`,
      );
      console.log(
        `    reconcile + store (completeRun)         ${sec(storeMs)}${
          p.reconcileMs === undefined
            ? ''
            : `   (of which planning in memory ~${sec(
                p.reconcileMs,
              )}, bulk writes ~${sec(Math.max(0, storeMs - p.reconcileMs))})`
        }`,
      );
      console.log(
        `    other (run row, progress, summary)      ${sec(
          totalMs - fetchMs - evaluateMs - storeMs,
        )}`,
      );
      console.log(
        `    total                                   ${sec(
          totalMs,
        )}   (target ≤ ${TARGET_TOTAL_S} s)`,
      );
      console.log(
        `    CPU time of the backend process           ${sec(
          (cpu.user + cpu.system) / 1000,
        )}   (user ${sec(
          cpu.user / 1000,
        )}; less than the total when it waited for the API server or was not scheduled)`,
      );
      console.log(
        `    rule evaluation / fetch+parse            ${(
          p.inspectMs! / fetchMs
        ).toFixed(2)}`,
      );
      console.log(
        `    heap used when listed ${mb(p.heapFetched!)}, when evaluated ${mb(
          p.heapEvaluated!,
        )}`,
      );
      console.log(
        `    highest RSS sampled during fetch ${mb(p.rss.fetch)}, evaluate ${mb(
          p.rss.evaluate,
        )}, store ${mb(p.rss.store)} (0: the phase kept the event loop busy)`,
      );
      console.log(
        `    peak RSS of the backend process so far   ${mb(
          peak,
        )}   (target ≤ ${TARGET_RSS_MB} MB; now: heap used ${mb(
          process.memoryUsage().heapUsed,
        )} of ${mb(process.memoryUsage().heapTotal)}, external ${mb(
          process.memoryUsage().external,
        )})`,
      );
      console.log(
        `    RSS now ${mb(process.memoryUsage().rss)}: ${memoryParts()}`,
      );
      if (sqlTimes.size) {
        const top = [...sqlTimes.entries()]
          .sort((a, b) => b[1].ms - a[1].ms)
          .slice(0, 6);
        for (const [sql, { ms, n }] of top) {
          console.log(`      ${sec(ms)} ${String(n).padStart(4)}× ${sql}`);
        }
        sqlTimes.clear();
      }
      if (
        totalMs > TARGET_TOTAL_S * 1000 ||
        peak > TARGET_RSS_MB * 1024 * 1024
      ) {
        ok = false;
      }
    }
    const simRss = await sim.rss();
    console.log(
      `\n  simulator process (not counted above): RSS ${mb(
        simRss.rss,
      )}, peak ${mb(simRss.maxRss)}`,
    );
    console.log(ok ? '  within targets' : '  OVER TARGET');
  } finally {
    clearInterval(sampler);
    await runner.stop();
    await database.close();
    sim.stop();
  }
  if (!ok) process.exitCode = 1;
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
