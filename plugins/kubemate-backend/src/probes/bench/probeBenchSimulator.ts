/**
 * Child process of the probe benchmark: a simulated cluster with namespace `bench`, `count`
 * Services each with a Ready Deployment behind it. Its own process, so its CPU is not counted
 * as the backend's. Sends `{ type: 'ready', url, token }`, stops on `{ type: 'stop' }`.
 */
// A dev-only script (never part of the plugin build): the simulator is a dev dependency.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { startSimulator } from '@kubemate/kube-simulator';

const NS = 'bench';

async function main() {
  const count = Number(process.argv[2] ?? 30);
  const sim = await startSimulator({
    port: 0,
    controllers: { startDelayMs: 50, scheduleDelayMs: 50, tickMs: 100 },
  });
  sim.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }]);
  for (let i = 0; i < count; i++) {
    const name = `svc-${i}`;
    sim.apply([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: NS },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: { containers: [{ name: 'app', image: `bench/${name}:1` }] },
          },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace: NS },
        spec: { selector: { app: name }, ports: [{ port: 80 }] },
      },
    ]);
  }
  for (let i = 0; i < 10; i++) await sim.reconcileNow();
  process.send?.({ type: 'ready', url: sim.url, token: sim.token });
  process.on('message', async (m: { type?: string }) => {
    if (m?.type === 'stop') {
      await sim.stop();
      process.exit(0);
    }
  });
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
