import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { CLUSTER, createStore } from '../__testUtils__/fixtures';
import { newRunRow } from '../mapRows';
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
      await expect(insertRun(knex, row)).rejects.toMatchObject({
        message: expect.stringMatching(/unique/i),
      });
    });
  });
});
