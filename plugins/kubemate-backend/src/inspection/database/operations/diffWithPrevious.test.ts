import { NotFoundError } from '@backstage/errors';
import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import {
  createStore,
  fail,
  threeRuns,
  UNKNOWN_RUN_ID,
} from '../__testUtils__/fixtures';
import { diffWithPrevious } from './diffWithPrevious';

jest.setTimeout(60_000);

describe('diffWithPrevious', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('lists what a run found and fixed since the previous run', async () => {
      const { knex, run } = await createStore(databases, id);
      const { b, c, r1, r2, r3 } = await threeRuns(run);

      const d2 = await diffWithPrevious(knex, r2.id);
      expect(d2.previousRunId).toBe(r1.id);
      expect(d2.new.map(f => f.fingerprint)).toEqual([c.fingerprint]);
      expect(d2.fixed.map(f => f.fingerprint)).toEqual([b.fingerprint]);
      const d1 = await diffWithPrevious(knex, r1.id);
      expect(d1.previousRunId).toBeUndefined();
      expect(d1.new).toHaveLength(2);
      const d3 = await diffWithPrevious(knex, r3.id);
      expect(d3).toMatchObject({ previousRunId: r2.id, new: [] });
      expect(d3.fixed.map(f => f.fingerprint)).toEqual([c.fingerprint]);
      await expect(
        diffWithPrevious(knex, UNKNOWN_RUN_ID),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lists at most limit findings and says when there were more', async () => {
      const { knex, run } = await createStore(databases, id);
      const many = await run([
        fail('r1', 'a'),
        fail('r1', 'b'),
        fail('r1', 'c'),
      ]);
      const two = await diffWithPrevious(knex, many.id, { limit: 2 });
      expect(two.new).toHaveLength(2);
      expect(two.truncated).toBe(true);
      const all = await diffWithPrevious(knex, many.id, { limit: 3 });
      expect(all.new).toHaveLength(3);
      expect(all.truncated).toBeUndefined();
    });

    it('counts a reopened finding as new, unless it only left an ignore', async () => {
      const { knex, run, store, clock } = await createStore(databases, id);
      const a = fail('r1', 'a');
      await run([a]);
      await run([]);
      const back = await run([a]);
      expect(
        (await diffWithPrevious(knex, back.id)).new.map(f => f.state),
      ).toEqual(['reopened']);
      await run([]);
      await store.ignore(a.fingerprint, {
        reason: 'accepted-risk',
        until: new Date(clock.now().getTime() + 1000),
        actor: 'user:default/jane',
      });
      clock.advance(5000);
      const expired = await run([a]);
      expect((await store.getFinding(a.fingerprint)).state).toBe('reopened');
      expect((await diffWithPrevious(knex, expired.id)).new).toEqual([]);
    });
  });
});
