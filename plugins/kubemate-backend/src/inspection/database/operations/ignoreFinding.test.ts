import { ConflictError, NotFoundError } from '@backstage/errors';
import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { createStore, fail } from '../__testUtils__/fixtures';
import { getFinding } from './getFinding';
import { ignoreFinding, unignoreFinding } from './ignoreFinding';

jest.setTimeout(60_000);

describe('ignoreFinding and unignoreFinding', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('ignores with who, why and until when, and returns where it was', async () => {
      const { knex, run } = await createStore(databases, id);
      const a = fail('r1', 'a');
      await run([a]);
      await run([a]);
      const t1 = new Date('2026-11-23T00:00:00.000Z');
      const until = new Date('2026-12-01T00:00:00.000Z');
      await ignoreFinding(
        knex,
        a.fingerprint,
        {
          reason: 'accepted-risk',
          comment: 'legacy app',
          until,
          actor: 'user:default/jane',
        },
        t1,
      );
      const ignored = await getFinding(knex, a.fingerprint);
      expect(ignored).toMatchObject({
        state: 'ignored',
        stateChangedAt: t1,
        ignored: {
          reason: 'accepted-risk',
          comment: 'legacy app',
          by: 'user:default/jane',
          at: t1,
          until,
        },
      });
      expect(ignored.history!.at(-1)).toMatchObject({
        from: 'open',
        to: 'ignored',
        actor: 'user:default/jane',
        reason: 'accepted-risk',
        comment: 'legacy app',
      });

      // Ignored again: new reason, same state change time, still returns to open.
      const t2 = new Date('2026-11-24T00:00:00.000Z');
      await ignoreFinding(
        knex,
        a.fingerprint,
        { reason: 'false-positive', actor: 'user:default/joe' },
        t2,
      );
      const again = await getFinding(knex, a.fingerprint);
      expect(again).toMatchObject({
        stateChangedAt: t1,
        ignored: { reason: 'false-positive', by: 'user:default/joe', at: t2 },
      });
      expect(again.ignored!.until).toBeUndefined();
      expect(again.history!.at(-1)).toMatchObject({
        from: 'ignored',
        to: 'ignored',
      });

      const t3 = new Date('2026-11-25T00:00:00.000Z');
      await unignoreFinding(knex, a.fingerprint, 'user:default/joe', t3);
      const back = await getFinding(knex, a.fingerprint);
      expect(back).toMatchObject({ state: 'open', stateChangedAt: t3 });
      expect(back.ignored).toBeUndefined();
      expect(back.history!.at(-1)).toMatchObject({
        from: 'ignored',
        to: 'open',
        actor: 'user:default/joe',
        reason: 'unignored',
      });
      expect(
        await knex('kubemate_inspection_findings')
          .where({ fingerprint: a.fingerprint })
          .first(
            'resume_state',
            'ignored_reason',
            'ignored_by',
            'ignored_at',
            'ignored_until',
          ),
      ).toEqual({
        resume_state: null,
        ignored_reason: null,
        ignored_by: null,
        ignored_at: null,
        ignored_until: null,
      });
    });

    it('refuses unknown findings and unignoring what is not ignored', async () => {
      const { knex, run } = await createStore(databases, id);
      const a = fail('r1', 'a');
      await run([a]);
      const now = new Date();
      await expect(
        ignoreFinding(
          knex,
          '0'.repeat(64),
          { reason: 'accepted-risk', actor: 'user:default/jane' },
          now,
        ),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        unignoreFinding(knex, '0'.repeat(64), 'user:default/jane', now),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        unignoreFinding(knex, a.fingerprint, 'user:default/jane', now),
      ).rejects.toBeInstanceOf(ConflictError);
      expect((await getFinding(knex, a.fingerprint)).history).toHaveLength(1);
    });
  });
});
