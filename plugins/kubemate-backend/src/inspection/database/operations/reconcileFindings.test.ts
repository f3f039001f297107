import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import type { StoreCheckResult } from '../../InspectionStore';
import {
  ALL,
  CLUSTER,
  createStore,
  fail,
  pass,
} from '../__testUtils__/fixtures';
import { newRunRow, toDate } from '../mapRows';
import { FindingRow, FINDINGS, RUN_STATS, RUNS, TRANSITIONS } from '../rows';
import { insertRun } from './insertRun';
import { reconcileFindings } from './reconcileFindings';

jest.setTimeout(120_000);

describe('reconcileFindings', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    async function setup() {
      const { knex } = await createStore(databases, id);
      let minute = 0;
      const reconcile = async (results: StoreCheckResult[]) => {
        const now = new Date(Date.UTC(2026, 10, 22, 10, ++minute));
        const run = newRunRow(
          { cluster: CLUSTER, profile: 'p', trigger: 'scheduled' },
          now,
        );
        await insertRun(knex, run);
        const summary = await knex.transaction(trx =>
          reconcileFindings(trx, run, results, ALL, now),
        );
        // Over, as finishRun would leave it: the next run of the cluster may start.
        await knex(RUNS).where({ id: run.id }).update({ status: 'succeeded' });
        return { run, now, summary };
      };
      const finding = (fingerprint: string): Promise<FindingRow> =>
        knex(FINDINGS).where({ fingerprint }).first();
      return { knex, reconcile, finding };
    }

    it('writes findings, transitions and aggregates of each run', async () => {
      const { knex, reconcile, finding } = await setup();
      const a = fail('r1', 'a', {
        severity: 'high',
        entityRef: 'component:default/a',
      });
      const b = fail('r2', 'b');
      const first = await reconcile([a, b, pass('r3', 'a')]);
      expect(first.summary).toMatchObject({
        total: 3,
        passed: 1,
        failed: 2,
        newFindings: 2,
      });
      expect(await finding(a.fingerprint)).toMatchObject({
        state: 'new',
        cluster: CLUSTER,
        rule_id: 'r1',
        severity: 'high',
        entity_ref: 'component:default/a',
        first_seen_run_id: first.run.id,
        last_seen_run_id: first.run.id,
        times_seen: 1,
        content_hash: expect.stringMatching(/^[0-9a-f]{40}$/),
      });
      const stats = await knex(RUN_STATS)
        .where({ run_id: first.run.id })
        .orderBy('severity');
      expect(
        stats.map(s => [s.entity_ref, s.severity, s.passed, s.failed]),
      ).toEqual([
        ['component:default/a', 'high', 0, 1],
        ['', 'medium', 1, 1],
      ]);

      // Seen again with the same rule text, and with a changed one; b not reported → fixed.
      const second = await reconcile([
        { ...a, observed: 'still true' },
        { ...fail('r3', 'c'), remediation: 'new text' },
      ]);
      expect(await finding(a.fingerprint)).toMatchObject({
        state: 'open',
        times_seen: 2,
        observed: 'still true',
        last_seen_run_id: second.run.id,
        first_seen_run_id: first.run.id,
      });
      expect(await finding(b.fingerprint)).toMatchObject({
        state: 'fixed',
        fixed_run_id: second.run.id,
      });
      const third = await reconcile([
        { ...a, remediation: 'Do it now', severity: 'low' },
      ]);
      const a3 = await finding(a.fingerprint);
      expect(a3).toMatchObject({
        state: 'open',
        times_seen: 3,
        remediation: 'Do it now',
        severity: 'low',
      });
      // The state did not change, so neither did the time it changed.
      expect(toDate(a3.state_changed_at)).toEqual(second.now);
      expect(toDate(a3.last_seen_at)).toEqual(third.now);
      const moves = await knex(TRANSITIONS)
        .where({ fingerprint: a.fingerprint })
        .orderBy('id');
      expect(moves.map(t => [t.from_state, t.to_state, t.run_id])).toEqual([
        [null, 'new', first.run.id],
        ['new', 'open', second.run.id],
      ]);
      expect(third.summary.fixedFindings).toBe(1); // c
    });

    it('handles more findings than one statement takes', async () => {
      const { knex, reconcile } = await setup();
      const many = Array.from({ length: 1_234 }, (_, i) =>
        fail(`r${(i % 3) + 1}`, `app-${i}`, { namespace: `ns-${i % 7}` }),
      );
      await reconcile(many);
      const again = await reconcile(many.slice(0, 1_000));
      expect(again.summary).toMatchObject({
        failed: 1_000,
        fixedFindings: 234,
      });
      const states = (await knex(FINDINGS)
        .select('state')
        .count({ n: '*' })
        .groupBy('state')
        .orderBy('state')) as Array<{ state: string; n: number | string }>;
      expect(states.map(s => [s.state, Number(s.n)])).toEqual([
        ['fixed', 234],
        ['open', 1_000],
      ]);
      expect(Number((await knex(TRANSITIONS).count({ n: '*' }))[0].n)).toBe(
        1_234 + 1_234,
      );
    });
  });
});
