import { computeScore } from '@kubemate/plugin-kubemate-node';
import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import {
  CLUSTER,
  createStore,
  fail,
  pass,
  threeRuns,
} from '../__testUtils__/fixtures';
import { trend } from './trend';

jest.setTimeout(60_000);

describe('trend', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('reports the trend of a cluster from the run summaries', async () => {
      const { knex, run } = await createStore(databases, id);
      const { r1, r2, r3 } = await threeRuns(run);

      const points = await trend(knex, { cluster: CLUSTER });
      expect(
        points.map(t => [
          t.runId,
          t.failed,
          t.passed,
          t.newFindings,
          t.fixedFindings,
        ]),
      ).toEqual([
        [r1.id, 2, 1, 2, 0],
        [r2.id, 2, 1, 1, 1],
        [r3.id, 1, 3, 0, 1],
      ]);
      expect(points[2].score).toBeGreaterThan(points[0].score);
      expect(
        (await trend(knex, { cluster: CLUSTER, limit: 2 })).map(t => t.runId),
      ).toEqual([r2.id, r3.id]);
      expect(await trend(knex, { cluster: 'none' })).toEqual([]);
    });

    it('reports the trend of a namespace or entity', async () => {
      const { knex, run } = await createStore(databases, id);
      const shop = { entityRef: 'component:default/shop' };
      const pay = { namespace: 'pay', entityRef: 'component:default/pay' };
      const r1 = await run([
        fail('r1', 'a', shop),
        fail('r1', 'b', { ...shop, severity: 'high' }),
        fail('r1', 'c', pay),
        pass('r2', 'a', shop),
      ]);
      const second = [
        fail('r1', 'a', shop),
        pass('r1', 'b', { ...shop, severity: 'high' }),
        fail('r1', 'c', pay),
        fail('r2', 'd', pay),
        pass('r2', 'a', shop),
      ];
      const r2 = await run(second);
      const points = await trend(knex, {
        cluster: CLUSTER,
        entityRef: 'component:default/shop',
      });
      expect(
        points.map(t => [
          t.runId,
          t.passed,
          t.failed,
          t.newFindings,
          t.fixedFindings,
        ]),
      ).toEqual([
        [r1.id, 1, 2, 2, 0],
        [r2.id, 2, 1, 0, 1],
      ]);
      expect(points[0].failedBySeverity).toEqual({
        high: 1,
        medium: 1,
        low: 0,
      });
      expect(points[1].score).toBe(75); // (5 + 10) / (5 + 10 + 5)
      // The scoped score is the engine's score of the scope's checks.
      expect(points[1].score).toBe(
        computeScore(second.filter(r => r.entityRef === shop.entityRef)).score,
      );
      const ns = await trend(knex, { cluster: CLUSTER, namespace: 'pay' });
      expect(ns.map(t => [t.failed, t.newFindings, t.score])).toEqual([
        [1, 1, 0],
        [2, 1, 0],
      ]);
      expect(await trend(knex, { cluster: 'none', namespace: 'pay' })).toEqual(
        [],
      );
    });
  });
});
