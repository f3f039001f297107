/* eslint-disable no-console */
import http from 'http';
import { startSimulator } from './simulator';

/** Load figures for the simulator: big lists, selectors, single gets and watch fan-out. */

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(
  url: string,
  token: string,
): Promise<{ ms: number; bytes: number; status: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(
        url,
        {
          agent,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'application/json',
          },
        },
        res => {
          let bytes = 0;
          res.on('data', (d: Buffer) => (bytes += d.length));
          res.on('end', () =>
            resolve({
              ms: performance.now() - t0,
              bytes,
              status: res.statusCode ?? 0,
            }),
          );
        },
      )
      .on('error', reject);
  });
}

async function measure(
  name: string,
  n: number,
  fn: () => Promise<{ ms: number; bytes: number }>,
) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const r = await fn();
    times.push(r.ms);
    bytes = r.bytes;
  }
  console.log(
    `${name.padEnd(44)} p50 ${pct(times, 50)
      .toFixed(1)
      .padStart(7)} ms   p99 ${pct(times, 99)
      .toFixed(1)
      .padStart(7)} ms   (${n} runs, ${(bytes / 1024 / 1024).toFixed(2)} MiB)`,
  );
}

export async function main() {
  const spec = process.argv[2] ?? 'pods=10000,deployments=3000,namespaces=500';
  const t0 = performance.now();
  const sim = await startSimulator({
    port: 0,
    tls: false,
    generate: spec,
    controllers: { resyncMs: 10_000 },
  });
  console.log(
    `generated ${spec} and started in ${(performance.now() - t0).toFixed(
      0,
    )} ms; ${sim.store.count('/pods')} pods, ${sim.store.count(
      'apps/deployments',
    )} deployments`,
  );
  const base = sim.url;
  const tok = sim.token;
  await measure('list all pods', 20, () => request(`${base}/api/v1/pods`, tok));
  await measure('list all pods, limit=500 (first page)', 50, () =>
    request(`${base}/api/v1/pods?limit=500`, tok),
  );
  await measure('list pods by label (all namespaces)', 50, () =>
    request(
      `${base}/api/v1/pods?labelSelector=backstage.io%2Fkubernetes-id%3Dapp-42`,
      tok,
    ),
  );
  await measure('list deployments by label in a namespace', 100, () =>
    request(
      `${base}/apis/apps/v1/namespaces/gen-ns-42/deployments?labelSelector=backstage.io%2Fkubernetes-id%3Dapp-42`,
      tok,
    ),
  );
  const pod = sim.store.list('/pods')[1234];
  await measure('get one pod', 500, () =>
    request(
      `${base}/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`,
      tok,
    ),
  );

  // watch fan-out: W watchers on pods, N writes; time until every watcher saw each write
  const W = 200;
  const N = 50;
  const seen = new Map<string, number>();
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const reqs: http.ClientRequest[] = [];
  await Promise.all(
    Array.from(
      { length: W },
      () =>
        new Promise<void>(resolve => {
          const r = http.get(
            `${base}/api/v1/namespaces/gen-ns-1/configmaps?watch=1&resourceVersion=${sim.store.currentRv()}`,
            {
              agent: new http.Agent(),
              headers: { Authorization: `Bearer ${tok}` },
            },
            res => {
              let buf = '';
              res.on('data', (d: Buffer) => {
                buf += d.toString();
                for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
                  const ev = JSON.parse(buf.slice(0, i));
                  buf = buf.slice(i + 1);
                  const name = ev.object?.metadata?.name as string;
                  const n = (seen.get(name) ?? 0) + 1;
                  seen.set(name, n);
                  if (n === W && sentAt.has(name))
                    latencies.push(performance.now() - sentAt.get(name)!);
                }
              });
              resolve();
            },
          );
          reqs.push(r);
        }),
    ),
  );
  await new Promise(r => setTimeout(r, 200));
  const def = sim.registry.lookup('', 'v1', 'configmaps')!;
  for (let i = 0; i < N; i++) {
    const name = `fan-${i}`;
    sentAt.set(name, performance.now());
    sim.objects.create(
      def,
      'gen-ns-1',
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name },
        data: { i: String(i) },
      },
      { manager: 'bench' },
    );
    await new Promise(r => setTimeout(r, 10));
  }
  await new Promise(r => setTimeout(r, 1000));
  console.log(
    `${`watch fan-out (${W} watchers, ${N} writes)`.padEnd(44)} p50 ${pct(
      latencies,
      50,
    )
      .toFixed(1)
      .padStart(7)} ms   p99 ${pct(latencies, 99)
      .toFixed(1)
      .padStart(7)} ms   (${latencies.length}/${N} delivered to all)`,
  );
  reqs.forEach(r => r.destroy());
  agent.destroy();
  await sim.stop();
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    e => {
      console.error(e);
      process.exit(1);
    },
  );
}
