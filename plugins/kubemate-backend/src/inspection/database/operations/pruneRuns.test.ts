import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { CLUSTER, createStore, threeRuns } from '../__testUtils__/fixtures';
import { INGESTS, RUN_STATS } from '../rows';
import { currentSummary } from './currentSummary';
import { getFinding } from './getFinding';
import { listRuns } from './listRuns';
import { pruneRuns } from './pruneRuns';

jest.setTimeout(60_000);

describe('pruneRuns', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('keeps the latest succeeded run and every finding history', async () => {
      const { knex, run, clock, start } = await createStore(databases, id);
      const { b, r1, r3 } = await threeRuns(run);
      await knex(INGESTS).insert({
        digest: 'a'.repeat(64),
        run_id: r1.id,
        cluster: CLUSTER,
        source: 'ansible',
        created_at: clock.now(),
      });
      const running = await start();

      expect(await pruneRuns(knex, new Date('2100-01-01'))).toBe(2);
      const left = await listRuns(knex, { cluster: CLUSTER });
      expect(left.items.map(r => r.id)).toEqual([running.id, r3.id]);
      expect((await getFinding(knex, b.fingerprint)).history).toHaveLength(2);
      const current = await currentSummary(knex, { cluster: CLUSTER });
      expect(current.runIds).toEqual([r3.id]);
      // The pruned runs' aggregates and digests went with them.
      const statRuns = await knex(RUN_STATS).distinct('run_id');
      expect(statRuns.map(r => r.run_id)).toEqual([r3.id]);
      expect(Number((await knex(INGESTS).count({ n: '*' }))[0].n)).toBe(0);
      // Nothing older than the cutoff: nothing pruned.
      expect(await pruneRuns(knex, new Date('2000-01-01'))).toBe(0);
    });
  });
});
