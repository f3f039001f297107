import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { CLUSTER, createStore } from '../__testUtils__/fixtures';
import { newRunRow } from '../mapRows';
import { RUNS } from '../rows';
import { getRun } from './getRun';
import { insertRun } from './insertRun';

jest.setTimeout(60_000);

describe('insertRun', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('records a running run once', async () => {
      const { knex } = await createStore(databases, id);
      const now = new Date('2026-11-22T10:00:00.000Z');
      const row = newRunRow(
        {
          cluster: CLUSTER,
          profile: 'default',
          trigger: 'manual',
          requestedBy: 'user:default/jane',
        },
        now,
      );
      await insertRun(knex, row);
      expect(await getRun(knex, row.id)).toEqual({
        id: row.id,
        cluster: CLUSTER,
        profile: 'default',
        trigger: 'manual',
        source: 'engine',
        status: 'running',
        requestedBy: 'user:default/jane',
        startedAt: now,
        finishedAt: undefined,
        error: undefined,
        progress: { total: undefined, done: undefined, message: undefined },
        summary: undefined,
        coverage: undefined,
      });
      // The same id twice (an ingested run: not held to one running run per cluster).
      const ingested = newRunRow(
        {
          cluster: CLUSTER,
          profile: 'kube-bench',
          trigger: 'ingest',
          source: 'generic',
        },
        now,
      );
      await insertRun(knex, ingested);
      await expect(insertRun(knex, ingested)).rejects.toMatchObject({
        message: expect.stringMatching(/unique/i),
      });
    });

    it('admits one running engine run per cluster, whoever inserts it', async () => {
      const { knex } = await createStore(databases, id);
      const now = new Date('2026-11-22T10:00:00.000Z');
      const engine = (cluster: string) =>
        newRunRow({ cluster, profile: 'default', trigger: 'manual' }, now);
      const first = engine(CLUSTER);
      await insertRun(knex, first);
      await expect(insertRun(knex, engine(CLUSTER))).rejects.toMatchObject({
        name: 'ConflictError',
        message: `a run is already in progress for cluster '${CLUSTER}' (${first.id})`,
      });
      // Other clusters, and the same cluster once the run is over, are free.
      await insertRun(knex, engine('other'));
      await knex(RUNS).where({ id: first.id }).update({ status: 'failed' });
      await insertRun(knex, engine(CLUSTER));
    });
  });
});
