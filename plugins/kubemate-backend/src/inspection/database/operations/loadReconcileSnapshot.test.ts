import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { ALL, CLUSTER, createStore, fail } from '../__testUtils__/fixtures';
import {
  loadReconcileSnapshot,
  reconcileSnapshotPages,
} from './loadReconcileSnapshot';

jest.setTimeout(60_000);

describe('loadReconcileSnapshot', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it("reads one cluster's findings with what reconciliation needs", async () => {
      const { knex, run, store } = await createStore(databases, id);
      const a = fail('r1', 'a');
      const b = fail('r2', 'b', { namespace: 'pay' });
      await run([a, b]);
      await run([fail('r1', 'a', { cluster: 'staging' })], ALL, 'staging');
      await store.ignore(b.fingerprint, {
        reason: 'accepted-risk',
        actor: 'user:default/jane',
      });
      const snapshot = await loadReconcileSnapshot(knex, CLUSTER);
      const byFp = new Map(snapshot.map(r => [r.fingerprint, r]));
      expect(snapshot).toHaveLength(2);
      expect(byFp.get(a.fingerprint)).toEqual({
        fingerprint: a.fingerprint,
        state: 'new',
        resume_state: null,
        ignored_until: null,
        rule_id: 'r1',
        namespace: 'shop',
        host: null,
        content_hash: expect.stringMatching(/^[0-9a-f]{40}$/),
      });
      expect(byFp.get(b.fingerprint)).toMatchObject({
        state: 'ignored',
        resume_state: 'new',
        namespace: 'pay',
      });
      expect(await loadReconcileSnapshot(knex, 'none')).toEqual([]);
    });

    it('reads the same rows a page at a time', async () => {
      const { knex, run } = await createStore(databases, id);
      await run(
        ['a', 'b', 'c', 'd', 'e'].map(n => fail('r1', n)),
        ALL,
        CLUSTER,
      );
      await run([fail('r1', 'x', { cluster: 'staging' })], ALL, 'staging');
      const all = await loadReconcileSnapshot(knex, CLUSTER);
      const pages: Array<typeof all> = [];
      for await (const page of reconcileSnapshotPages(knex, CLUSTER, 2)) {
        pages.push(page);
      }
      expect(pages.map(p => p.length)).toEqual([2, 2, 1]);
      const byFp = (list: typeof all) =>
        [...list].sort((x, y) => x.fingerprint.localeCompare(y.fingerprint));
      expect(byFp(pages.flat())).toEqual(byFp(all));
      expect(all).toHaveLength(5);
      const exact: Array<typeof all> = [];
      for await (const page of reconcileSnapshotPages(knex, CLUSTER, 5)) {
        exact.push(page);
      }
      expect(exact.map(p => p.length)).toEqual([5]);
      for await (const page of reconcileSnapshotPages(knex, 'none')) {
        throw new Error(`unexpected page ${page}`);
      }
    });
  });
});
