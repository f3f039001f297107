import {
  createTestDatabases,
  migratingDatabase,
} from '../__testUtils__/testDatabases';
import { ProbeStore } from './ProbeStore';

jest.setTimeout(60_000);

const T0 = new Date('2026-12-06T10:00:00.000Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

describe('ProbeStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    let store: ProbeStore;

    beforeEach(async () => {
      const { knex } = await migratingDatabase(databases, id);
      store = new ProbeStore(knex);
      await store.sync([
        { id: 'a', firstRunAt: at(10) },
        { id: 'b', firstRunAt: at(20) },
        { id: 'manual-only', firstRunAt: undefined },
      ]);
    });

    it('lets one replica claim each due probe, until its claim ends or expires', async () => {
      expect(await store.claimDue('r1', at(5), 60_000, 10)).toEqual([]);
      const [first, second] = await Promise.all([
        store.claimDue('r1', at(25), 60_000, 10),
        store.claimDue('r2', at(25), 60_000, 10),
      ]);
      const ids = [...first, ...second].map(c => c.probeId).sort();
      expect(ids).toEqual(['a', 'b']);
      expect(first.every(c => c.trigger === 'scheduled')).toBe(true);
      // Claimed: nobody else gets them, even when due.
      expect(await store.claimDue('r3', at(30), 60_000, 10)).toEqual([]);
      // Another replica's release does nothing; the owner's sets the next run.
      const claimedA = first.some(c => c.probeId === 'a') ? 'r1' : 'r2';
      await store.release('a', claimedA === 'r1' ? 'r2' : 'r1', at(50));
      expect(await store.claimDue('r3', at(30), 60_000, 10)).toEqual([]);
      await store.release('a', claimedA, at(50));
      expect((await store.nextRuns()).get('a')).toEqual(at(50));
      expect(await store.claimDue('r3', at(49), 60_000, 10)).toEqual([]);
      expect(
        (await store.claimDue('r3', at(51), 60_000, 10)).map(c => c.probeId),
      ).toEqual(['a']);
      // A dead replica's claim (b) expires.
      expect(
        (await store.claimDue('r3', at(25 + 61), 60_000, 10)).map(
          c => c.probeId,
        ),
      ).toEqual(['b']);
    });

    it('moves a run forward on a change, once, and remembers why', async () => {
      await store.requestRun('b', at(3), 'Deployment shop/web updated');
      // A later change does not postpone it.
      await store.requestRun('b', at(8), 'HTTPRoute shop/web changed');
      await store.requestRun('manual-only', at(4), 'Gateway shop/gw changed');
      const claimed = await store.claimDue('r1', at(5), 60_000, 10);
      expect(claimed).toEqual([
        {
          probeId: 'b',
          trigger: 'change',
          reason: 'Deployment shop/web updated',
        },
        {
          probeId: 'manual-only',
          trigger: 'change',
          reason: 'Gateway shop/gw changed',
        },
      ]);
      await store.release('manual-only', 'r1', undefined);
      expect((await store.nextRuns()).has('manual-only')).toBe(false);
    });

    it('tells each failure and each recovery once', async () => {
      expect(await store.markNotified('a', 'failed')).toBe(true);
      expect(await store.markNotified('a', 'failed')).toBe(false);
      expect(await store.notifiedStatus('a')).toBe('failed');
      expect(await store.markNotified('a', 'passed')).toBe(true);
      expect(await store.markNotified('a', 'passed')).toBe(false);
    });

    it('stores runs with steps, events and hint, newest first, and closes abandoned ones', async () => {
      await store.startRun({
        id: '00000000-0000-4000-8000-000000000001',
        probeId: 'a',
        cluster: 'sim',
        trigger: 'scheduled',
        startedAt: at(0),
      });
      await store.startRun({
        id: '00000000-0000-4000-8000-000000000002',
        probeId: 'a',
        cluster: 'sim',
        trigger: 'manual',
        reason: 'user:default/jane',
        startedAt: at(60),
      });
      const done = await store.finishRun(
        '00000000-0000-4000-8000-000000000002',
        {
          status: 'failed',
          finishedAt: at(62),
          durationMs: 2000.4,
          steps: [
            {
              name: 'create ConfigMap',
              status: 'failed',
              latencyMs: 12,
              message: 'HTTP 403',
            },
          ],
          message: 'create ConfigMap: HTTP 403',
          events: [
            {
              type: 'Warning',
              reason: 'Failed',
              message: 'x',
              object: 'Pod/p',
            },
          ],
          hint: { id: 'api-error', title: 't', advice: 'a', evidence: 'e' },
        },
      );
      expect(done).toMatchObject({
        status: 'failed',
        durationMs: 2000,
        reason: 'user:default/jane',
        hint: { id: 'api-error' },
      });
      expect(done.finishedAt).toEqual(at(62));
      const runs = await store.listRuns('a', 10);
      expect(runs.map(r => r.status)).toEqual(['failed', 'running']);
      expect((await store.lastFailure('a'))?.id).toBe(done.id);
      expect(await store.isRunning('a', at(-1))).toBe(true);
      expect(await store.failAbandoned(at(30))).toBe(1);
      expect((await store.listRuns('a', 10))[1]).toMatchObject({
        status: 'error',
        message: expect.stringMatching(/stopped before it ended/),
      });
    });

    it('forgets the state of probes no longer defined', async () => {
      await store.sync([{ id: 'a', firstRunAt: at(10) }]);
      expect([...(await store.nextRuns()).keys()]).toEqual(['a']);
    });
  });
});
