import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { ALL, CLUSTER, createStore, fail } from '../__testUtils__/fixtures';
import { loadReconcileSnapshot } from './loadReconcileSnapshot';

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
  });
});
