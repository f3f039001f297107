import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { CLUSTER, createStore, fail } from '../__testUtils__/fixtures';
import { findIngestedRun, recordIngestDigest } from './ingestDigests';

jest.setTimeout(60_000);

describe('ingest digests', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('remembers which run stored a report, once per digest', async () => {
      const { knex, run, clock } = await createStore(databases, id);
      const r = await run([fail('r1', 'a')]);
      const digest = 'ab'.repeat(32);
      expect(await findIngestedRun(knex, digest)).toBeUndefined();
      const row = {
        digest,
        run_id: r.id,
        cluster: CLUSTER,
        source: 'ansible',
        created_at: clock.now(),
      };
      await recordIngestDigest(knex, row);
      expect(await findIngestedRun(knex, digest)).toBe(r.id);
      // A second claim of the same digest fails: that is what rolls a concurrent ingest back.
      await expect(recordIngestDigest(knex, row)).rejects.toMatchObject({
        message: expect.stringMatching(/unique/i),
      });
      expect(await findIngestedRun(knex, 'cd'.repeat(32))).toBeUndefined();
    });
  });
});
