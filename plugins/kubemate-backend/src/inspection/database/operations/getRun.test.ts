import { NotFoundError } from '@backstage/errors';
import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import {
  ALL,
  createStore,
  fail,
  UNKNOWN_RUN_ID,
} from '../__testUtils__/fixtures';
import { getRun } from './getRun';

jest.setTimeout(60_000);

describe('getRun', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('reads a run with its summary and coverage', async () => {
      const { knex, run } = await createStore(databases, id);
      const done = await run([fail('r1', 'a')]);
      const read = await getRun(knex, done.id);
      expect(read).toEqual(done);
      expect(read).toMatchObject({
        status: 'succeeded',
        trigger: 'scheduled',
        source: 'engine',
        coverage: ALL,
        progress: { total: 1, done: 1 },
        summary: { failed: 1, newFindings: 1 },
      });
      expect(read.finishedAt!.getTime()).toBeGreaterThan(
        read.startedAt.getTime(),
      );
    });

    it('answers not found for unknown and malformed ids', async () => {
      const { knex } = await createStore(databases, id);
      await expect(getRun(knex, UNKNOWN_RUN_ID)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(getRun(knex, 'not-a-uuid')).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(getRun(knex, "1' or '1'='1")).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });
  });
});
