import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { CLUSTER, createStore, fail } from '../__testUtils__/fixtures';
import { failStaleRuns } from './failStaleRuns';
import { getRun } from './getRun';

jest.setTimeout(60_000);

describe('failStaleRuns', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('fails only runs still running that started before the cutoff', async () => {
      const { knex, store, run, clock } = await createStore(databases, id);
      const done = await run([fail('r1', 'a')]);
      const start = (startedAt: Date) =>
        store.startRun({
          cluster: CLUSTER,
          profile: 'x',
          trigger: 'change',
          startedAt,
        });
      const old = await start(new Date('2026-11-01T00:00:00.000Z'));
      const recent = await start(clock.now());
      const now = new Date('2026-11-23T00:00:00.000Z');

      expect(
        await failStaleRuns(knex, new Date('2026-10-01'), 'gone', now),
      ).toBe(0);
      expect(
        await failStaleRuns(knex, new Date('2026-11-02'), 'gone', now),
      ).toBe(1);
      expect(await getRun(knex, old.id)).toMatchObject({
        status: 'failed',
        error: 'gone',
        finishedAt: now,
      });
      expect((await getRun(knex, recent.id)).status).toBe('running');
      expect(
        await failStaleRuns(knex, new Date('2100-01-01'), 'gone', now),
      ).toBe(1);
      expect((await getRun(knex, recent.id)).status).toBe('failed');
      expect((await getRun(knex, done.id)).status).toBe('succeeded');
    });
  });
});
