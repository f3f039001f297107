/**
 * Child process of the release benchmark: a simulated cluster with `count` meshed apps in
 * namespace `bench` (Service `app-N`, Deployments `app-N-v1` and `app-N-v2`, an HTTPRoute with
 * the Service as parent), serving Linkerd proxy metrics. Its own process, so its CPU is not
 * counted as the backend's. Sends `{ type: 'ready', url, token, metricsUrl }`, stops on
 * `{ type: 'stop' }`.
 */
// A dev-only script (never part of the plugin build): the simulator is a dev dependency.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { startSimulator } from '@kubemate/kube-simulator';
import path from 'node:path';

const NS = 'bench';
// Run from the source tree only (never part of the plugin build), so __dirname is the source's.
// eslint-disable-next-line no-restricted-syntax
const HERE = __dirname;
const CRDS = path.resolve(HERE, '../../../../../examples/cluster/00-crds.yaml');

function app(i: number) {
  const name = `app-${i}`;
  const deployment = (version: string, errorRate: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: `${name}-${version}`,
      namespace: NS,
      annotations: {
        'simulator.kubemate.io/error-rate': errorRate,
        'simulator.kubemate.io/latency-ms': '20',
      },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name, version } },
      template: {
        metadata: { labels: { app: name, version } },
        spec: { containers: [{ name: 'app', image: `bench/${name}:1` }] },
      },
    },
  });
  const service = (svc: string, selector: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: svc,
      namespace: NS,
      annotations: { 'simulator.kubemate.io/rps': '20' },
    },
    spec: { selector, ports: [{ port: 8080 }] },
  });
  return [
    deployment('v1', '0.001'),
    deployment('v2', '0.002'),
    service(name, { app: name }),
    service(`${name}-v1`, { app: name, version: 'v1' }),
    service(`${name}-v2`, { app: name, version: 'v2' }),
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name, namespace: NS },
      spec: {
        parentRefs: [{ group: 'core', kind: 'Service', name, port: 8080 }],
        rules: [
          {
            backendRefs: [
              { name: `${name}-v1`, port: 8080, weight: 100 },
              { name: `${name}-v2`, port: 8080, weight: 0 },
            ],
          },
        ],
      },
    },
  ];
}

async function main() {
  const count = Number(process.argv[2] ?? 200);
  const sim = await startSimulator({
    port: 0,
    // Only the demo's CRDs (Gateway API among them); the apps are generated below.
    seed: [CRDS],
    // Room for every pod (110 per node).
    controllers: {
      startDelayMs: 10,
      scheduleDelayMs: 10,
      tickMs: 200,
      nodes: Math.ceil((2 * count) / 100) + 1,
    },
    metricsPort: 0,
  });
  sim.apply([
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NS, annotations: { 'linkerd.io/inject': 'enabled' } },
    },
    ...Array.from({ length: count }, (_, i) => app(i)).flat(),
  ] as never);
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'stop') {
      await sim.stop();
      process.exit(0);
    }
  });
  process.send!({
    type: 'ready',
    url: sim.url,
    token: sim.token,
    metricsUrl: sim.metricsUrl,
  });
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
