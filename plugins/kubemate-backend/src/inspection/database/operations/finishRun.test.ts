import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { ALL, createStore, fail, pass } from '../__testUtils__/fixtures';
import { groupResults, planReconciliation, summarize } from '../../reconcile';
import { finishRun } from './finishRun';
import { getRun } from './getRun';

jest.setTimeout(60_000);

describe('finishRun', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('marks a run succeeded with its summary and coverage', async () => {
      const { knex, start } = await createStore(databases, id);
      const r = await start();
      const results = [fail('r1', 'a'), pass('r2', 'a')];
      const grouped = groupResults(results);
      const now = new Date('2026-11-22T11:00:00.000Z');
      const summary = summarize(
        results,
        grouped,
        planReconciliation([], grouped, ALL, now),
      );
      await finishRun(knex, r.id, {
        summary,
        coverage: ALL,
        results: results.length,
        now,
      });
      expect(await getRun(knex, r.id)).toMatchObject({
        status: 'succeeded',
        finishedAt: now,
        summary,
        coverage: ALL,
        progress: { total: 2, done: 2 },
      });
    });
  });
});
