import { InputError } from '@backstage/errors';
import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { CLUSTER, createStore, threeRuns } from '../__testUtils__/fixtures';
import { listRuns } from './listRuns';

jest.setTimeout(60_000);

describe('listRuns', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('lists runs newest first, filtered and paged', async () => {
      const { knex, run, start } = await createStore(databases, id);
      const { r1, r2, r3 } = await threeRuns(run);
      const finished = await listRuns(knex, { cluster: CLUSTER, limit: 2 });
      expect(finished.total).toBe(3);
      expect(finished.items.map(r => r.id)).toEqual([r3.id, r2.id]);
      const running = await start();

      const runs = await listRuns(knex, { cluster: CLUSTER, limit: 2 });
      expect(runs.total).toBe(4);
      expect(runs.items.map(r => r.id)).toEqual([running.id, r3.id]);
      expect(
        (await listRuns(knex, { cluster: CLUSTER, offset: 2 })).items.map(
          r => r.id,
        ),
      ).toEqual([r2.id, r1.id]);
      const succeeded = await listRuns(knex, { status: 'succeeded' });
      expect(succeeded.total).toBe(3);
      expect(succeeded.items[0]).toMatchObject({
        id: r3.id,
        status: 'succeeded',
        summary: { failed: 1, passed: 3 },
      });
      expect((await listRuns(knex, { cluster: 'other' })).total).toBe(0);
      await expect(listRuns(knex, { limit: -1 })).rejects.toBeInstanceOf(
        InputError,
      );
    });
  });
});
