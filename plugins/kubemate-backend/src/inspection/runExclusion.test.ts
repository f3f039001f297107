import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices } from '@backstage/backend-test-utils';
import type { Simulator } from '@kubemate/kube-simulator';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  NO_SCHEDULE,
  startInspectionBackend,
} from '../__testUtils__/inspectionBackend';
import {
  simulatorClusterConfig,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { RUNS } from './database/rows';

jest.setTimeout(180_000);

const api = '/api/kubemate/inspection';
/** Heartbeats every 100 ms, stale after 400 ms: the defaults (15 s / 60 s) scaled down. */
const HEARTBEAT_MS = 100;
const STALE_AFTER_MS = 400;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Two backend replicas of the plugin on one database, as in a deployment with two pods. */
describe('one inspection run per cluster across replicas', () => {
  const databases = createTestDatabases();
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());
  afterEach(() => sim.faults.set({ latencyMs: 0, rules: [] }));

  const replica = (knex: Parameters<typeof mockServices.database>[0]['knex']) =>
    startInspectionBackend({
      clusters: [simulatorClusterConfig(sim)],
      features: [mockServices.database.factory({ knex })],
      kubemate: {
        inspection: {
          clusters: { sim: { schedule: NO_SCHEDULE } },
          runHeartbeatMs: HEARTBEAT_MS,
          staleRunAfterMs: STALE_AFTER_MS,
        },
      },
    });

  const startRun = (server: unknown) =>
    request(server as never)
      .post(`${api}/runs`)
      .send({ cluster: 'sim' });

  async function waitForRun(server: unknown, id: string) {
    for (let i = 0; i < 600; i++) {
      const res = await request(server as never).get(`${api}/runs/${id}`);
      if (res.body.status !== 'running') return res.body;
      await sleep(100);
    }
    throw new Error(`run ${id} did not finish`);
  }

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('starts exactly one of two concurrent manual runs; the other replica gets 409 for as long as the run lives', async () => {
      const knex = await databases.init(id);
      const a = await replica(knex);
      const b = await replica(knex);
      try {
        // Slow API server: the run outlives several stale periods, kept alive by heartbeats.
        sim.faults.set({ latencyMs: 150 });
        const answers = await Promise.all([
          startRun(a.server),
          startRun(b.server),
        ]);
        expect(answers.map(r => r.status).sort()).toEqual([202, 409]);
        const started = answers.find(r => r.status === 202)!;
        const refused = answers.find(r => r.status === 409)!;
        expect(refused.body.error).toMatchObject({
          name: 'ConflictError',
          message: expect.stringMatching(
            /a run is already in progress for cluster 'sim'/,
          ),
        });

        // Later attempts on the other replica are refused while the run lives: its replica's
        // heartbeats keep it from being taken for dead, several stale periods after it began.
        let refusedLater = 0;
        for (let i = 0; i < 4; i++) {
          await sleep(STALE_AFTER_MS);
          const first = await request(b.server).get(
            `${api}/runs/${started.body.id}`,
          );
          if (first.body.status !== 'running') break;
          expect((await startRun(b.server)).status).toBe(409);
          refusedLater++;
        }
        expect(refusedLater).toBeGreaterThanOrEqual(2);
        const done = await waitForRun(a.server, started.body.id);
        expect(done).toMatchObject({ status: 'succeeded' });
        // The refused starts never wrote a row.
        expect(Number((await knex(RUNS).count({ n: '*' }))[0].n)).toBe(1);
      } finally {
        await a.stop();
        await b.stop();
      }
    });

    it('fails a run whose heartbeat stopped, with the reason, and starts the next one', async () => {
      const knex = await databases.init(id);
      const a = await replica(knex);
      try {
        // The run of a replica whose process died: running, and nobody writes its heartbeat.
        const dead = randomUUID();
        const now = new Date();
        await knex(RUNS).insert({
          id: dead,
          cluster: 'sim',
          profile: 'baseline',
          trigger: 'scheduled',
          source: 'engine',
          status: 'running',
          started_at: now,
          heartbeat_at: now,
        });
        // While its heartbeat is fresh it holds the cluster.
        expect((await startRun(a.server)).status).toBe(409);

        await sleep(STALE_AFTER_MS + 100);
        const next = await startRun(a.server);
        expect(next.status).toBe(202);
        const failed = await request(a.server).get(`${api}/runs/${dead}`);
        expect(failed.body).toMatchObject({
          status: 'failed',
          error: expect.stringMatching(/stopped sending heartbeats/),
        });
        expect(await waitForRun(a.server, next.body.id)).toMatchObject({
          status: 'succeeded',
        });
      } finally {
        await a.stop();
      }
    });

    it('runs scheduled work once across replicas: Backstage’s scheduler hands each tick to one of them', async () => {
      const knex = await databases.init(id);
      // Both replicas schedule the cluster every 2 s through the real, database-backed scheduler.
      const scheduled = () =>
        startInspectionBackend({
          clusters: [simulatorClusterConfig(sim)],
          features: [
            mockServices.database.factory({ knex }),
            schedulerServiceFactory,
          ],
          kubemate: {
            inspection: {
              clusters: {
                sim: {
                  schedule: {
                    frequency: { seconds: 2 },
                    timeout: { minutes: 1 },
                    initialDelay: { seconds: 0 },
                  },
                },
              },
              runHeartbeatMs: HEARTBEAT_MS,
              staleRunAfterMs: STALE_AFTER_MS * 10,
            },
          },
        });
      const a = await scheduled();
      const b = await scheduled();
      try {
        await sleep(7_000);
      } finally {
        await a.stop();
        await b.stop();
      }
      const runs: Array<{
        started_at: Date | string;
        finished_at: Date | string | null;
      }> = await knex(RUNS)
        .where({ trigger: 'scheduled' })
        .orderBy('started_at');
      // One run per tick (3–4 in 7 s, one more when the second replica registers the task):
      // with each replica running each tick it would be about twice as many.
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(runs.length).toBeLessThanOrEqual(5);
      // And never two at a time.
      const time = (t: Date | string | null) => new Date(t ?? 0).getTime();
      for (let i = 1; i < runs.length; i++) {
        expect(time(runs[i].started_at)).toBeGreaterThanOrEqual(
          time(runs[i - 1].finished_at),
        );
      }
    });
  });
});
