import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { CLUSTER, createStore, fail } from '../__testUtils__/fixtures';
import { RUNS } from '../rows';
import { failStaleRuns } from './failStaleRuns';
import { getRun } from './getRun';
import { heartbeatRun } from './heartbeatRun';

jest.setTimeout(60_000);

describe('failStaleRuns', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('fails only runs still running whose last heartbeat is older than the cutoff', async () => {
      const { knex, store, run } = await createStore(databases, id);
      const done = await run([fail('r1', 'a')]);
      const start = (cluster: string, startedAt: Date) =>
        store.startRun({ cluster, profile: 'x', trigger: 'change', startedAt });
      // Started long ago but alive: its heartbeat is recent.
      const alive = await start(CLUSTER, new Date('2026-11-01T00:00:00.000Z'));
      await heartbeatRun(knex, alive.id, new Date('2026-11-22T23:59:30.000Z'));
      // Started long ago and silent since.
      const dead = await start('other', new Date('2026-11-01T00:00:00.000Z'));
      // From before the heartbeat column: judged by its start.
      const legacy = await start(
        'legacy',
        new Date('2026-11-01T00:00:00.000Z'),
      );
      await knex(RUNS).where({ id: legacy.id }).update({ heartbeat_at: null });
      const now = new Date('2026-11-23T00:00:00.000Z');
      const cutoff = new Date(now.getTime() - 60_000);

      expect(
        await failStaleRuns(knex, new Date('2026-10-01'), 'gone', now),
      ).toBe(0);
      // One cluster only.
      expect(await failStaleRuns(knex, cutoff, 'gone', now, 'other')).toBe(1);
      expect(await getRun(knex, dead.id)).toMatchObject({
        status: 'failed',
        error: 'gone',
        finishedAt: now,
      });
      expect((await getRun(knex, legacy.id)).status).toBe('running');
      expect(await failStaleRuns(knex, cutoff, 'gone', now)).toBe(1);
      expect((await getRun(knex, legacy.id)).status).toBe('failed');
      expect((await getRun(knex, alive.id)).status).toBe('running');
      expect(
        await failStaleRuns(knex, new Date('2100-01-01'), 'gone', now),
      ).toBe(1);
      expect((await getRun(knex, alive.id)).status).toBe('failed');
      expect((await getRun(knex, done.id)).status).toBe('succeeded');
    });
  });
});
