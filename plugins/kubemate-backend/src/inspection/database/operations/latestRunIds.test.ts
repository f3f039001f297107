import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { CLUSTER, createStore } from '../__testUtils__/fixtures';
import { newRunRow } from '../mapRows';
import { RUNS } from '../rows';
import { insertRun } from './insertRun';
import { latestRunIds } from './latestRunIds';

jest.setTimeout(60_000);

describe('latestRunIds', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('picks the latest succeeded run of each cluster and source', async () => {
      const { knex } = await createStore(databases, id);
      const at = (m: number) => new Date(Date.UTC(2026, 10, 22, 10, m));
      const add = async (
        cluster: string,
        source: 'engine' | 'ansible',
        minute: number,
        status: string,
        runId?: string,
      ) => {
        const row = newRunRow(
          { cluster, profile: 'p', trigger: 'scheduled', source },
          at(minute),
        );
        if (runId) row.id = runId;
        await insertRun(knex, row);
        await knex(RUNS).where({ id: row.id }).update({ status });
        return row.id;
      };
      await add(CLUSTER, 'engine', 1, 'succeeded');
      const engine = await add(CLUSTER, 'engine', 2, 'succeeded');
      await add(CLUSTER, 'engine', 3, 'failed');
      await add(CLUSTER, 'engine', 4, 'running');
      // Same start time: the larger id wins, so the answer is stable.
      await add(
        CLUSTER,
        'ansible',
        5,
        'succeeded',
        '00000000-0000-4000-8000-000000000001',
      );
      const ansible = await add(
        CLUSTER,
        'ansible',
        5,
        'succeeded',
        'ffffffff-0000-4000-8000-000000000001',
      );
      const staging = await add('staging', 'engine', 1, 'succeeded');

      expect((await latestRunIds(knex, CLUSTER)).sort()).toEqual(
        [engine, ansible].sort(),
      );
      expect((await latestRunIds(knex)).sort()).toEqual(
        [engine, ansible, staging].sort(),
      );
      expect(await latestRunIds(knex, 'none')).toEqual([]);
    });
  });
});
