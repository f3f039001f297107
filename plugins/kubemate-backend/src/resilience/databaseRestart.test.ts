import { mockServices } from '@backstage/backend-test-utils';
import type { Simulator } from '@kubemate/kube-simulator';
import knexFactory, { type Knex } from 'knex';
import net from 'node:net';
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

jest.setTimeout(180_000);

const api = '/api/kubemate/inspection';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * A TCP proxy in front of PostgreSQL that can "restart" it: every open connection is cut and
 * new ones are refused for a while, as clients see a server restart. The real server keeps
 * serving the other tests.
 */
async function restartableProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer(client => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    async restart(downForMs: number) {
      down = true;
      for (const s of sockets) s.destroy();
      await sleep(downForMs);
      down = false;
    },
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('PostgreSQL restarted in the middle of an inspection run', () => {
  const databases = createTestDatabases();
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());
  afterEach(() => sim.faults.set({}));

  const postgres = databases
    .eachSupportedId()
    .filter(([id]) => id.startsWith('POSTGRES'));

  // PostgreSQL is there wherever scripts/test.sh runs (it starts one); SQLite has no server.
  it('fails the run cleanly, and the next run works', async () => {
    if (postgres.length === 0) return;
    // A fresh database of the test server, reached through the proxy.
    const direct = await databases.init(postgres[0][0]);
    const conn = direct.client.config.connection as Knex.PgConnectionConfig;
    const proxy = await restartableProxy({
      host: conn.host ?? '127.0.0.1',
      port: Number(conn.port ?? 5432),
    });
    const knex = knexFactory({
      client: 'pg',
      connection: { ...conn, host: '127.0.0.1', port: proxy.port },
      pool: { min: 0, max: 5 },
      // The refused connections are the point; knex would print each one.
      log: { warn() {}, error() {}, debug() {}, deprecate() {} },
    });
    const backend = await startInspectionBackend({
      clusters: [simulatorClusterConfig(sim)],
      features: [mockServices.database.factory({ knex })],
      kubemate: {
        inspection: {
          clusters: { sim: { schedule: NO_SCHEDULE } },
          runHeartbeatMs: 100,
          staleRunAfterMs: 1000,
        },
      },
    });
    const server = backend.server;
    const runOf = async (id: string) =>
      (await request(server).get(`${api}/runs/${id}`)).body;
    try {
      // A slow API server keeps the run busy while the database goes away.
      sim.faults.set({ latencyMs: 100 });
      const started = await request(server)
        .post(`${api}/runs`)
        .send({ cluster: 'sim' });
      expect(started.status).toBe(202);
      const id = started.body.id as string;
      await sleep(400);
      await proxy.restart(2000);
      sim.faults.set({});

      // Back up: the interrupted run ends failed (by its runner, or by the next start once
      // its heartbeat is stale), never succeeded with half its results.
      let next: request.Response | undefined;
      for (let i = 0; i < 100; i++) {
        next = await request(server)
          .post(`${api}/runs`)
          .send({ cluster: 'sim' });
        if (next.status === 202) break;
        await sleep(200);
      }
      expect(next?.status).toBe(202);
      const interrupted = await runOf(id);
      expect(interrupted.status).toBe('failed');
      expect(interrupted.error).toBeTruthy();

      let second = await runOf(next!.body.id);
      for (let i = 0; i < 300 && second.status === 'running'; i++) {
        await sleep(200);
        second = await runOf(next!.body.id);
      }
      expect(second.status).toBe('succeeded');
      expect(second.summary.failed).toBeGreaterThan(0);
    } finally {
      await backend.stop();
      await knex.destroy();
      await proxy.close();
    }
  });
});
