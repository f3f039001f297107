/**
 * Child process of the inspection run benchmark: a simulated cluster generated at the given
 * scale, in its own process so its memory is not counted as the backend's. Sends
 * `{ type: 'ready', url, token, objects }` once listening, answers `{ type: 'rss' }` with its
 * memory, stops on `{ type: 'stop' }`.
 */
// A dev-only script (never part of the plugin build): the simulator is a dev dependency.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { startSimulator } from '@kubemate/kube-simulator';

async function main() {
  const generate =
    process.argv[2] ?? 'pods=10000,deployments=3000,namespaces=500';
  const sim = await startSimulator({
    port: 0,
    seed: false,
    controllers: false,
    generate,
  });
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'rss') {
      process.send!({
        type: 'rss',
        rss: process.memoryUsage().rss,
        maxRss: process.resourceUsage().maxRSS * 1024,
      });
    } else if (m.type === 'stop') {
      await sim.stop();
      process.exit(0);
    }
  });
  process.send!({ type: 'ready', url: sim.url, token: sim.token });
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
