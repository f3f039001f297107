import { ConflictError, NotFoundError } from '@backstage/errors';
import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { createStore, UNKNOWN_RUN_ID } from '../__testUtils__/fixtures';
import { RUNS } from '../rows';
import { claimRunningRun } from './claimRunningRun';

jest.setTimeout(60_000);

describe('claimRunningRun', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('returns a running run and refuses any other', async () => {
      const { knex, store, start } = await createStore(databases, id);
      const r = await start();
      expect(await claimRunningRun(knex, r.id)).toMatchObject({
        id: r.id,
        status: 'running',
      });
      await store.failRun(r.id, 'boom');
      await expect(claimRunningRun(knex, r.id)).rejects.toBeInstanceOf(
        ConflictError,
      );
      await expect(
        claimRunningRun(knex, UNKNOWN_RUN_ID),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(claimRunningRun(knex, 'nope')).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });
  });

  it('locks the run row until the transaction ends, POSTGRES_15', async () => {
    if (!databases.eachSupportedId().some(([id]) => id === 'POSTGRES_15'))
      return;
    const { knex, start } = await createStore(databases, 'POSTGRES_15');
    const r = await start();
    const tryLock = () =>
      knex.transaction(trx =>
        trx.raw(`select id from ${RUNS} where id = ? for update nowait`, [
          r.id,
        ]),
      );
    await knex.transaction(async trx => {
      await claimRunningRun(trx, r.id, { lock: true });
      await expect(tryLock()).rejects.toThrow(/lock/);
    });
    await expect(tryLock()).resolves.toBeDefined();
  });
});
