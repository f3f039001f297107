import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  componentWithId,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(60_000);

const ENTITY = '/api/kubemate/entities/component/default/payments-api';
const entities = [
  {
    ...componentWithId('payments-api'),
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-id': 'payments-api',
        'backstage.io/kubernetes-namespace': 'bank-payments',
      },
    },
  },
];

/** A scale of payments-api-v1, the action both cluster timeouts are tried with. */
const scaleV1 = (server: Parameters<typeof request>[0]) =>
  request(server).post(`${ENTITY}/actions/scale`).send({
    cluster: 'sim',
    namespace: 'bank-payments',
    kind: 'Deployment',
    name: 'payments-api-v1',
    replicas: 2,
  });

describe('every call ends', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterEach(() => sim.faults.set({}));
  afterAll(() => sim.stop());

  it('answers 504 naming the cluster when the API server does not answer within kubemate.kubernetes.requestTimeoutMs', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities,
      kubemate: { kubernetes: { requestTimeoutMs: 500 } },
    });
    await request(tb.server).get(`${ENTITY}/workloads`).expect(200);
    sim.faults.set({ latencyMs: 3000 });
    const started = Date.now();
    const scale = await scaleV1(tb.server);
    // Status and message together, so a failure shows what answered instead.
    expect({
      status: scale.status,
      message: scale.body.error?.message,
    }).toEqual({
      status: 504,
      message: expect.stringContaining(
        'cluster sim did not answer within 500 ms',
      ),
    });
    expect(Date.now() - started).toBeLessThan(2500);
    await tb.stop();
  });

  it('answers 504 too when the watch caches could not list the cluster in time', async () => {
    sim.faults.set({ latencyMs: 3000 });
    const tb = await startKubemateBackend({
      sim,
      entities,
      kubemate: {
        kubernetes: { requestTimeoutMs: 500 },
        workloads: { syncTimeoutMs: 1500 },
      },
    });
    try {
      const scale = await scaleV1(tb.server);
      expect({
        status: scale.status,
        message: scale.body.error?.message,
      }).toEqual({
        status: 504,
        message: expect.stringMatching(
          /^Cluster sim could not be read: .*(did not answer within)/,
        ),
      });
    } finally {
      await tb.stop();
    }
  });

  it('answers 504 naming the catalog when it does not answer within kubemate.catalog.timeoutMs', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities,
      kubemate: { catalog: { timeoutMs: 300 } },
      catalog: catalogServiceMock.mock({
        getEntityByRef: () => new Promise(() => {}),
      }).factory,
    });
    const started = Date.now();
    const page = await request(tb.server).get(`${ENTITY}/workloads`);
    expect(page.status).toBe(504);
    expect(page.body.error.message).toContain(
      'The catalog did not answer within 300 ms',
    );
    expect(Date.now() - started).toBeLessThan(2000);
    await tb.stop();
  });
});
