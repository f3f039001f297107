import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { createStore, UNKNOWN_RUN_ID } from '../__testUtils__/fixtures';
import { toDate } from '../mapRows';
import { RUNS } from '../rows';
import { heartbeatRun } from './heartbeatRun';

jest.setTimeout(60_000);

describe('heartbeatRun', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('moves the heartbeat of a running run, and says when the run is no longer running', async () => {
      const { knex, start, store } = await createStore(databases, id);
      const run = await start();
      const heartbeat = async () =>
        toDate((await knex(RUNS).where({ id: run.id }).first()).heartbeat_at);
      expect(await heartbeat()).toEqual(run.startedAt);

      const later = new Date(run.startedAt!.getTime() + 15_000);
      expect(await heartbeatRun(knex, run.id, later)).toBe(true);
      expect(await heartbeat()).toEqual(later);

      await store.failRun(run.id, 'failed as stale by another replica');
      const after = new Date(later.getTime() + 15_000);
      expect(await heartbeatRun(knex, run.id, after)).toBe(false);
      expect(await heartbeat()).toEqual(later);
      expect(await heartbeatRun(knex, UNKNOWN_RUN_ID, after)).toBe(false);
    });
  });
});
