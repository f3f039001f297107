import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { createStore, fail, pass } from '../__testUtils__/fixtures';
import type { StoreCheckResult } from '../../InspectionStore';
import { FINDINGS } from '../rows';

/** The store reads the stored findings in pages of one or two here (SNAPSHOT_PAGE otherwise). */
let pageSize: number | undefined;
jest.mock('./loadReconcileSnapshot', () => {
  const actual = jest.requireActual('./loadReconcileSnapshot');
  return {
    ...actual,
    reconcileSnapshotPages: (db: unknown, cluster: string) =>
      actual.reconcileSnapshotPages(db, cluster, pageSize),
  };
});

jest.setTimeout(60_000);

describe('reconciliation against the stored findings in pages', () => {
  const databases = createTestDatabases();

  /** The same sequence of runs, with an ignore; every run's summary and the findings' states. */
  async function history(id: Parameters<typeof databases.init>[0]) {
    const { knex, run, store } = await createStore(databases, id);
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(n => fail('r1', n));
    const runs: StoreCheckResult[][] = [
      [a, b, c, d, pass('r2', 'x')],
      [a, c, e],
      [b, c, e, pass('r1', 'a')],
      [a, b, c, d, e],
    ];
    const summaries = [];
    for (const [i, results] of runs.entries()) {
      if (i === 2) {
        await store.ignore(c.fingerprint, {
          reason: 'accepted-risk',
          actor: 'user:default/jane',
        });
      }
      const finished = await run(results);
      summaries.push(finished.summary);
    }
    const states = await knex(FINDINGS)
      .select('fingerprint', 'state', 'resume_state', 'times_seen')
      .orderBy('fingerprint');
    return { summaries, states };
  }

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('ends in the same states and summaries as with one page', async () => {
      pageSize = undefined;
      const whole = await history(id);
      pageSize = 1;
      const paged = await history(id);
      pageSize = 2;
      const inPairs = await history(id);
      expect(whole.states).toHaveLength(5);
      expect(whole.states.map(s => s.state).sort()).toEqual([
        'ignored', // c
        'open', // e
        'reopened', // a, b and d: fixed in between
        'reopened',
        'reopened',
      ]);
      expect(paged).toEqual(whole);
      expect(inPairs).toEqual(whole);
    });
  });
});
