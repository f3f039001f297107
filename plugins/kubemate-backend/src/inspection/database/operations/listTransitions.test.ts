import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { createStore, fail } from '../__testUtils__/fixtures';
import { SYSTEM_ACTOR } from '../../InspectionStore';
import { listTransitions } from './listTransitions';

jest.setTimeout(60_000);

describe('listTransitions', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it("groups each finding's transitions, oldest first", async () => {
      const { knex, run } = await createStore(databases, id);
      const a = fail('r1', 'a');
      const b = fail('r1', 'b');
      const r1 = await run([a, b]);
      const r2 = await run([a]);
      const history = await listTransitions(knex, [
        a.fingerprint,
        b.fingerprint,
        '0'.repeat(64),
      ]);
      expect(history.get(a.fingerprint)!.map(t => [t.from, t.to])).toEqual([
        [undefined, 'new'],
        ['new', 'open'],
      ]);
      expect(history.get(b.fingerprint)).toEqual([
        expect.objectContaining({
          fingerprint: b.fingerprint,
          to: 'new',
          actor: SYSTEM_ACTOR,
          runId: r1.id,
        }),
        expect.objectContaining({ from: 'new', to: 'fixed', runId: r2.id }),
      ]);
      expect(history.has('0'.repeat(64))).toBe(false);
      expect((await listTransitions(knex, [])).size).toBe(0);
    });
  });
});
