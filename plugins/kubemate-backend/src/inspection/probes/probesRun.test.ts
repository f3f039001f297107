import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import { startSeededSimulator } from '../../__testUtils__/simulatorBackend';
import {
  NO_SCHEDULE,
  startInspectionBackend,
} from '../../__testUtils__/inspectionBackend';

jest.setTimeout(120_000);

const api = '/api/kubemate/inspection';

describe('probes in inspection runs', () => {
  let sim: Simulator;
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    sim = await startSeededSimulator();
    const backend = await startInspectionBackend({
      clusters: [
        {
          name: 'sim',
          url: sim.url,
          authProvider: 'serviceAccount',
          serviceAccountToken: sim.token,
          skipTLSVerify: true,
        },
      ],
      kubemate: {
        inspection: {
          clusters: {
            sim: {
              schedule: NO_SCHEDULE,
              probes: {
                workload: { namespace: 'default', timeoutSeconds: 20 },
                // The simulator's certificate has 365 days left: a finding.
                certificates: { minDaysLeft: 400 },
              },
            },
          },
        },
      },
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await sim?.stop();
  });

  async function run() {
    const started = await request(server)
      .post(`${api}/runs`)
      .send({ cluster: 'sim' })
      .expect(202);
    for (let i = 0; i < 400; i++) {
      const res = await request(server).get(`${api}/runs/${started.body.id}`);
      if (res.body.status !== 'running') return res.body;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error('run did not finish');
  }

  it('reports probes like rules: findings with fingerprints, rule text and lifecycle', async () => {
    const first = await run();
    expect(first.status).toBe('succeeded');
    expect(first.coverage.ruleIds).toEqual(
      expect.arrayContaining([
        'probe-workload-lifecycle',
        'probe-api-certificate-expiry',
      ]),
    );

    const certs = await request(server)
      .get(`${api}/findings`)
      .query({ ruleId: 'probe-api-certificate-expiry' })
      .expect(200);
    expect(certs.body.total).toBe(1);
    const finding = certs.body.items[0];
    expect(finding).toMatchObject({
      cluster: 'sim',
      state: 'new',
      severity: 'high',
      category: 'certificates',
      resource: { kind: 'APIServer' },
      expected: 'at least 400 day(s) left',
      rule: { title: 'API server certificate is not about to expire' },
      links: [],
    });
    expect(finding.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    // The probe pod became Ready and was deleted: no finding, and no pod left behind.
    const lifecycle = await request(server)
      .get(`${api}/findings`)
      .query({ ruleId: 'probe-workload-lifecycle' })
      .expect(200);
    expect(lifecycle.body.total).toBe(0);
    expect(
      sim.store
        .list('/pods', 'default')
        .filter(p => p.metadata.name?.startsWith('kubemate-probe-')),
    ).toEqual([]);

    const second = await run();
    expect(second.status).toBe('succeeded');
    const again = await request(server)
      .get(`${api}/findings/${finding.fingerprint}`)
      .expect(200);
    expect(again.body).toMatchObject({ state: 'open', timesSeen: 2 });

    const rules = await request(server).get(`${api}/rules`).expect(200);
    expect(
      rules.body.items
        .filter((r: any) => r.pack === 'probes')
        .map((r: any) => r.id),
    ).toEqual([
      'probe-api-certificate-expiry',
      'probe-endpoint-certificate-expiry',
      'probe-workload-lifecycle',
    ]);
  });
});
