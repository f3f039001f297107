import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

type Obj = Record<string, any>;

describe('namespace quotas and limit ranges in the admin console', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it('gives each namespace its quotas (hard and used as the API server counts) and limit ranges', async () => {
    const tb = await startKubemateBackend({ sim, entities: [] });
    const res = await request(tb.server).get(
      '/api/kubemate/clusters/sim/quotas',
    );
    expect(res.status).toBe(200);
    const payments = (res.body.items as Obj[]).find(
      i => i.namespace === 'bank-payments',
    )!;
    const quota = sim.store.get(
      '/resourcequotas',
      'bank-payments',
      'bank-payments-quota',
    ) as Obj;
    const pods = payments.quotas[0].resources.find(
      (r: Obj) => r.resource === 'pods',
    );
    expect(pods.hard).toBe('50');
    expect(pods.used).toBe(String(quota.status?.used?.pods));
    expect(payments.quotas[0].resources.map((r: Obj) => r.resource)).toEqual(
      [...payments.quotas[0].resources.map((r: Obj) => r.resource)].sort(),
    );
    expect(payments.limitRanges).toEqual([
      {
        name: 'bank-payments-limits',
        limits: [
          {
            type: 'Container',
            default: { cpu: '500m', memory: '512Mi' },
            defaultRequest: { cpu: '100m', memory: '128Mi' },
            max: { cpu: '2', memory: '4Gi' },
          },
        ],
      },
    ]);
    await tb.stop();
  });

  it('answers 403 without kubemate.admin.read', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      permissions: permissionsDenying('kubemate.admin.read'),
    });
    expect(
      (await request(tb.server).get('/api/kubemate/clusters/sim/quotas'))
        .status,
    ).toBe(403);
    await tb.stop();
  });
});
