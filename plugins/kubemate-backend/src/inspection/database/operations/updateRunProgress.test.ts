import { ConflictError, NotFoundError } from '@backstage/errors';
import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { createStore, UNKNOWN_RUN_ID } from '../__testUtils__/fixtures';
import { getRun } from './getRun';
import { updateRunProgress } from './updateRunProgress';

jest.setTimeout(60_000);

describe('updateRunProgress', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('patches the progress of a running run only', async () => {
      const { knex, store, start } = await createStore(databases, id);
      const r = await start();
      await updateRunProgress(knex, r.id, { total: 10, message: 'listing' });
      await updateRunProgress(knex, r.id, { done: 3 });
      await updateRunProgress(knex, r.id, {});
      expect((await getRun(knex, r.id)).progress).toEqual({
        total: 10,
        done: 3,
        message: 'listing',
      });
      await store.failRun(r.id, 'lost connection to the API server');
      await expect(
        updateRunProgress(knex, r.id, { done: 4 }),
      ).rejects.toBeInstanceOf(ConflictError);
      expect((await getRun(knex, r.id)).progress.done).toBe(3);
      await expect(
        updateRunProgress(knex, UNKNOWN_RUN_ID, { done: 1 }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
