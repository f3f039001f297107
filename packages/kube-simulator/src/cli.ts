/* eslint-disable no-console */
import {
  startSimulator,
  SimulatorOptions,
  DEFAULT_VIEWER_TOKEN,
} from './simulator';

interface Args {
  port: number;
  host: string;
  seed: string[];
  kubeconfig?: string;
  tokens?: string;
  generate?: string;
  adminToken?: string;
  noControllers: boolean;
  nodes?: number;
  fast: boolean;
  metricsPort?: number;
  gatewayPort?: number;
}

const HELP = `kube-simulator — a Kubernetes API server simulator

Usage: kube-simulator [options]
  --port N              port to listen on (default 6443; 0 = any free port)
  --host H              address to bind (default 127.0.0.1)
  --seed PATH           file or directory of YAML manifests (repeatable)
  --kubeconfig FILE     write a kubeconfig (context "kubemate-sim") to FILE
  --tokens FILE         tokens file (YAML list of {token,user,groups} or apiserver CSV)
  --admin-token TOKEN   admin bearer token (env KUBE_SIMULATOR_ADMIN_TOKEN)
  --generate SPEC       synthetic scale, e.g. pods=10000,deployments=3000,namespaces=500
  --nodes N             simulated nodes (default 3)
  --metrics-port N      also serve the mesh metrics over plain HTTP on port N
  --gateway-port N      answer HTTP as the Gateways' HTTP listeners would (their HTTPRoutes) on port N
  --fast                short controller delays (pods Running within ~0.3s)
  --no-controllers      API server only
  -h, --help            this help`;

function parse(argv: string[]): Args {
  const a: Args = {
    port: 6443,
    host: '127.0.0.1',
    seed: [],
    noControllers: false,
    fast: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const val = argv[++i];
      if (val === undefined) throw new Error(`${k} needs a value`);
      return val;
    };
    switch (k) {
      case '--port':
        a.port = Number(v());
        break;
      case '--host':
        a.host = v();
        break;
      case '--seed':
        a.seed.push(v());
        break;
      case '--kubeconfig':
        a.kubeconfig = v();
        break;
      case '--tokens':
        a.tokens = v();
        break;
      case '--admin-token':
        a.adminToken = v();
        break;
      case '--generate':
        a.generate = v();
        break;
      case '--nodes':
        a.nodes = Number(v());
        break;
      case '--metrics-port':
        a.metricsPort = Number(v());
        break;
      case '--gateway-port':
        a.gatewayPort = Number(v());
        break;
      case '--fast':
        a.fast = true;
        break;
      case '--no-controllers':
        a.noControllers = true;
        break;
      case '-h':
      case '--help':
        console.log(HELP);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${k}\n\n${HELP}`);
    }
  }
  return a;
}

function fastTimings(fast: boolean) {
  return fast ? { scheduleDelayMs: 50, startDelayMs: 200, tickMs: 50 } : {};
}

export async function main(argv = process.argv.slice(2)) {
  const a = parse(argv);
  const opts: SimulatorOptions = {
    port: a.port,
    host: a.host,
    seed: a.seed.length ? a.seed : false,
    tokens: a.tokens,
    adminToken: a.adminToken,
    generate: a.generate,
    nodes: a.nodes,
    metricsPort: a.metricsPort,
    gatewayPort: a.gatewayPort,
    controllers: a.noControllers ? false : fastTimings(a.fast),
  };
  const t0 = Date.now();
  const sim = await startSimulator(opts);
  if (a.kubeconfig) sim.writeKubeconfig(a.kubeconfig);
  const counts = new Map<string, number>();
  for (const key of sim.store.keys()) counts.set(key, sim.store.count(key));
  const total = [...counts.values()].reduce((n, c) => n + c, 0);
  console.log(
    `kube-simulator listening on ${sim.url} (started in ${Date.now() - t0} ms)`,
  );
  console.log(
    `  serving ${sim.registry.all().length} resource types in ${
      sim.registry.groups().length + 1
    } API groups; ${total} objects`,
  );
  for (const [k, n] of [...counts.entries()].sort())
    if (n) console.log(`    ${k.replace(/^\//, 'core/')}: ${n}`);
  console.log('  tokens:');
  for (const t of sim.tokens)
    console.log(
      `    ${t.user}${t.groups?.length ? ` (${t.groups.join(',')})` : ''}: ${
        t.token
      }`,
    );
  if (!sim.tokens.some(t => t.token === DEFAULT_VIEWER_TOKEN))
    console.log('    (custom token file)');
  if (a.kubeconfig)
    console.log(
      `  kubeconfig written to ${a.kubeconfig} (context kubemate-sim)`,
    );
  console.log(
    `  mesh metrics: ${sim.metricsUrl ?? `${sim.url}/metrics`}   faults: POST ${
      sim.url
    }/simulator/faults`,
  );
  const shutdown = async () => {
    await sim.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch(e => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
