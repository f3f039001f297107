import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { kubematePlugin } from './plugin';
import {
  closedPort,
  startVersionServer,
} from './__testUtils__/fakeClusterServers';

describe('kubemate backend plugin', () => {
  let live: Awaited<ReturnType<typeof startVersionServer>>;
  let deadPort: number;

  beforeAll(async () => {
    live = await startVersionServer();
    deadPort = await closedPort();
  });
  afterAll(() => live.close());

  const config = () =>
    mockServices.rootConfig.factory({
      data: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'live',
                  title: 'Live',
                  url: live.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'tok-1',
                  skipTLSVerify: true,
                },
                {
                  name: 'down',
                  url: `http://127.0.0.1:${deadPort}`,
                  authProvider: 'serviceAccount',
                  skipTLSVerify: true,
                },
              ],
            },
          ],
        },
        kubemate: { clusterStatus: { probeTimeoutMs: 2000 } },
      },
    });

  it('lists clusters with live reachability and version, and reports unreachable ones', async () => {
    const { server } = await startTestBackend({
      features: [kubematePlugin, config()],
    });

    const res = await request(server).get('/api/kubemate/clusters');
    expect(res.status).toBe(200);
    const [liveCluster, down] = res.body.items;
    expect(liveCluster).toMatchObject({
      name: 'live',
      title: 'Live',
      source: 'config',
      url: live.url,
      reachable: true,
      version: { major: '1', minor: '32', gitVersion: 'v1.32.4' },
    });
    expect(Date.parse(liveCluster.lastSeenAt)).not.toBeNaN();
    expect(down).toMatchObject({ name: 'down', reachable: false });
    expect(down.error).toMatch(/ECONNREFUSED|fetch failed/);
    expect(down.lastSeenAt).toBeUndefined();
    expect(live.tokens).toContain('Bearer tok-1');
    expect(JSON.stringify(res.body)).not.toContain('tok-1');
  });

  it('refuses callers without kubemate.cluster.read', async () => {
    const { server } = await startTestBackend({
      features: [
        kubematePlugin,
        config(),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const res = await request(server).get('/api/kubemate/clusters');
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: "Missing permission 'kubemate.cluster.read'",
    });
  });

  it('refuses unauthenticated callers', async () => {
    const { server } = await startTestBackend({
      features: [kubematePlugin, config()],
    });
    const res = await request(server)
      .get('/api/kubemate/clusters')
      .set('Authorization', 'Bearer not-a-valid-token');
    expect(res.status).toBe(401);
  });
});
