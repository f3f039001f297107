import type { Simulator } from '@kubemate/kube-simulator';
import {
  entityMeshResponseSchema,
  kubemateWorkloadReadPermission,
} from '@kubemate/plugin-kubemate-common';
import request from 'supertest';
import {
  componentWithId,
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(60_000);

const PAYMENTS = '/api/kubemate/entities/component/default/payments-api';

describe('mesh view with the built-in router and metrics provider', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim?.stop());

  it("reads the entity's Service routes (HTTPRoute) and says why metrics are missing", async () => {
    const backend = await startKubemateBackend({
      sim,
      entities: [componentWithId('payments-api')],
    });
    try {
      let body: any;
      for (let i = 0; i < 100; i++) {
        const res = await request(backend.server).get(`${PAYMENTS}/mesh`);
        expect(res.status).toBe(200);
        body = res.body;
        if (body.items[0]?.workloads.length) break;
        await new Promise(r => setTimeout(r, 100));
      }
      expect(entityMeshResponseSchema.parse(body)).toEqual(body);
      const [cluster] = body.items;
      expect(cluster.routeKind).toBe('HTTPRoute');
      const byService = Object.fromEntries(
        cluster.routes.map((r: any) => [r.service, r]),
      );
      // The seed splits the Service payments-api 90/10 with a Service-parent HTTPRoute.
      expect(byService['payments-api'].route).toMatchObject({
        kind: 'HTTPRoute',
        name: 'payments-api-split',
        backends: [
          { service: 'payments-api-v1', weight: 90 },
          { service: 'payments-api-v2', weight: 10 },
        ],
      });
      // The version Services have no route of their own.
      expect(byService['payments-api-v1'].route).toBeUndefined();
      expect(byService['payments-api-v1'].problem).toBe(
        'No HTTPRoute routes this Service',
      );
      // No Prometheus configured for the cluster: told, not guessed.
      expect(
        cluster.workloads.map((w: any) => [w.name, w.metrics.status]).sort(),
      ).toEqual([
        ['payments-api-v1', 'not-configured'],
        ['payments-api-v2', 'not-configured'],
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('needs kubemate.workload.read on the entity', async () => {
    const backend = await startKubemateBackend({
      sim,
      entities: [componentWithId('payments-api')],
      permissions: permissionsDenying(kubemateWorkloadReadPermission.name),
    });
    try {
      await request(backend.server).get(`${PAYMENTS}/mesh`).expect(403);
    } finally {
      await backend.stop();
    }
  });
});
