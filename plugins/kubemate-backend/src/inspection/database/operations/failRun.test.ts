import { ConflictError, NotFoundError } from '@backstage/errors';
import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import {
  ALL,
  createStore,
  fail,
  UNKNOWN_RUN_ID,
} from '../__testUtils__/fixtures';
import { failRun } from './failRun';
import { getRun } from './getRun';
import { listFindings } from './listFindings';

jest.setTimeout(60_000);

describe('failRun', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('ends a running run as failed, once, without touching findings', async () => {
      const { knex, store, run, start } = await createStore(databases, id);
      await run([fail('r1', 'a')]);
      const r = await start();
      const now = new Date('2026-11-22T12:00:00.000Z');
      await failRun(knex, r.id, 'lost connection to the API server', now);
      expect(await getRun(knex, r.id)).toMatchObject({
        status: 'failed',
        error: 'lost connection to the API server',
        finishedAt: now,
      });
      await expect(failRun(knex, r.id, 'again', now)).rejects.toBeInstanceOf(
        ConflictError,
      );
      await expect(store.completeRun(r.id, [], ALL)).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect((await listFindings(knex, { state: 'new' })).total).toBe(1);

      const other = await start();
      await failRun(knex, other.id, '', now);
      expect((await getRun(knex, other.id)).error).toBe('unknown error');
      await expect(
        failRun(knex, UNKNOWN_RUN_ID, 'x', now),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        failRun(knex, "1' or '1'='1", 'x', now),
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
