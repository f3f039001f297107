import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { kubematePlugin } from './plugin';
import { startVersionServer } from './__testUtils__/fakeClusterServers';

jest.setTimeout(60_000);

/**
 * The development database is a SQLite file per plugin: what the backend learned before a
 * restart (when each cluster was last seen) must still be there after it.
 */
describe('kubemate backend with a SQLite file database', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubemate-sqlite-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const backendWith = (clusterUrl: string) =>
    startTestBackend({
      features: [
        kubematePlugin,
        databaseServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: {
                client: 'better-sqlite3',
                connection: { directory: dir },
              },
            },
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'c1',
                      url: clusterUrl,
                      authProvider: 'serviceAccount',
                      skipTLSVerify: true,
                    },
                  ],
                },
              ],
            },
            kubemate: { clusterStatus: { probeTimeoutMs: 1000 } },
          },
        }),
      ],
    });

  it('remembers when a cluster was last seen across a restart', async () => {
    const cluster = await startVersionServer();
    const first = await backendWith(cluster.url);
    const before = await request(first.server).get('/api/kubemate/clusters');
    expect(before.body.items[0]).toMatchObject({ name: 'c1', reachable: true });
    const lastSeenAt = before.body.items[0].lastSeenAt;
    await first.stop();
    await cluster.close();

    expect(fs.readdirSync(dir).some(f => f.includes('kubemate'))).toBe(true);

    const second = await backendWith(cluster.url);
    const after = await request(second.server).get('/api/kubemate/clusters');
    expect(after.body.items[0]).toMatchObject({
      name: 'c1',
      reachable: false,
      lastSeenAt,
    });
    await second.stop();
  });
});
