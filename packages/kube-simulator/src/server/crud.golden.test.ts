import { GoldenClient, VOLATILE, goldenAvailable, loadScenario, startGoldenSimulator } from '../__testUtils__/golden';
import { Simulator } from '../simulator';

const describeGolden = goldenAvailable() ? describe : describe.skip;

describeGolden('golden: crud-configmap', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startGoldenSimulator({ controllers: { tickMs: 20 } });
  });
  afterAll(() => sim.stop());

  it('replays every step with the recorded status codes and bodies', async () => {
    const client = new GoldenClient(sim);
    const recs = loadScenario('crud-configmap');
    const failures: string[] = [];
    for (const rec of recs) {
      let override;
      if (rec.step === '21-delete-precondition-ok') {
        const cm2 = sim.store.get('/configmaps', 'golden-crud-configmap', 'cm2')!;
        override = { body: { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid: cm2.metadata.uid, resourceVersion: cm2.metadata.resourceVersion } } };
      }
      if (rec.step === '06-update-current-rv') {
        const cm = sim.store.get('/configmaps', 'golden-crud-configmap', 'cm1')!;
        override = { body: { ...(rec.request!.body as object), metadata: { ...(rec.request!.body as { metadata: object }).metadata, uid: cm.metadata.uid, resourceVersion: cm.metadata.resourceVersion } } };
      }
      if (rec.step === '14-list') await sim.reconcileNow();
      const { diffs } = await client.check(rec, {
        ignoreKeys: VOLATILE,
        ignorePaths: ['metadata.name', 'items[1].metadata.name', 'items[2].metadata.annotations'],
        override,
      });
      if (diffs.length) failures.push(`${rec.step}: ${diffs.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });
});
