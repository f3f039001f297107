import { computeScore } from '@kubemate/plugin-kubemate-node';
import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import {
  CLUSTER,
  createStore,
  fail,
  MIXED_RUN,
  pass,
} from '../__testUtils__/fixtures';
import { currentSummary } from './currentSummary';

jest.setTimeout(60_000);

describe('currentSummary', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('summarizes a cluster, namespace or entity', async () => {
      const { knex, run } = await createStore(databases, id);
      await run(MIXED_RUN);

      const shop = await currentSummary(knex, {
        entityRef: 'component:default/shop',
      });
      expect(shop).toMatchObject({ passed: 1, failed: 2, total: 3 });
      expect(shop.score).toBe(31.3); // 100 × 5 / (5 + 10 + 1), one decimal
      const pay = await currentSummary(knex, {
        cluster: CLUSTER,
        namespace: 'pay',
      });
      expect(pay).toMatchObject({
        passed: 0,
        failed: 3,
        risksBySeverity: { high: 1, medium: 1, low: 1 },
      });
      expect(pay.score).toBe(0);
      const whole = await currentSummary(knex);
      expect(whole).toMatchObject({ passed: 1, failed: 5, passRate: 1 / 6 });
      expect(await currentSummary(knex, { cluster: 'none' })).toMatchObject({
        runIds: [],
        total: 0,
        score: 100,
      });
    });

    it('scores like the engine scores the run (one formula)', async () => {
      const { knex, run } = await createStore(databases, id);
      const results = [
        ...MIXED_RUN,
        pass('r3', 'f', { severity: 'high' }),
        pass('r1', 'g', { severity: 'low', namespace: 'pay' }),
        fail('r2', 'h', { severity: 'high', namespace: 'pay' }),
      ];
      const stored = await run(results);
      const engine = computeScore(results);
      const summary = await currentSummary(knex, { cluster: CLUSTER });
      expect(stored.summary!.score).toBe(engine.score);
      expect(summary).toMatchObject({
        total: engine.total,
        passed: engine.passed,
        failed: engine.failed,
        passRate: engine.passRate,
        score: engine.score,
        risksBySeverity: engine.failedBySeverity,
      });
      // The same holds for a scope: the checks of the namespace only.
      const pay = results.filter(r => r.resource.namespace === 'pay');
      expect(
        (await currentSummary(knex, { cluster: CLUSTER, namespace: 'pay' }))
          .score,
      ).toBe(computeScore(pay).score);
    });
  });
});
