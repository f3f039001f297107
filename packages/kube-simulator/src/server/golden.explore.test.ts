import { GoldenClient, VOLATILE, loadScenario, startGoldenSimulator } from '../__testUtils__/golden';

const SCEN = (process.env.SCEN ?? '').split(',').filter(Boolean);
const d = SCEN.length ? describe : describe.skip;

d('explore', () => {
  it.each(SCEN)('%s', async name => {
    const sim = await startGoldenSimulator();
    const client = new GoldenClient(sim);
    const out: string[] = [];
    for (const rec of loadScenario(name)) {
      if (!rec.request) {
        await new Promise(r => setTimeout(r, 300));
        continue;
      }
      await new Promise(r => setTimeout(r, 150));
      const { diffs } = await client.check(rec, { ignoreKeys: VOLATILE });
      if (diffs.length) out.push(`${rec.step}: ${diffs.slice(0, 6).join('\n     ')}`);
    }
    await sim.stop();
    // eslint-disable-next-line no-console
    console.log(out.join('\n'));
  }, 60000);
});
