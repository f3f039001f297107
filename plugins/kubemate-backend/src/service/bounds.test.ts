import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  componentWithId,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(60_000);

const API = '/api/kubemate';
const ENTITY = `${API}/entities/component/default/accounts-service`;
const RUN = '8d3b2f6e-4a61-4c1b-9a57-0c1f3e2d4b5a';

describe('sizes a caller asks for are bounded (400 naming the field)', () => {
  let sim: Simulator;
  let tb: Awaited<ReturnType<typeof startKubemateBackend>>;
  beforeAll(async () => {
    sim = await startSeededSimulator();
    tb = await startKubemateBackend({
      sim,
      entities: [componentWithId('accounts-service')],
    });
  });
  afterAll(async () => {
    await tb.stop();
    await sim.stop();
  });

  it.each([
    [
      'log tail lines',
      `${ENTITY}/logs?cluster=sim&namespace=bank-core&name=p&tailLines=100001`,
      /^Invalid log query: tailLines: Too big/,
    ],
    [
      'log since seconds',
      `${ENTITY}/logs?cluster=sim&namespace=bank-core&name=p&sinceSeconds=31536001`,
      /^Invalid log query: sinceSeconds: Too big/,
    ],
    ['audit page size', `${API}/audit?limit=501`, /limit: Too big/],
    ['run page size', `${API}/inspection/runs?limit=201`, /limit: Too big/],
    [
      'finding page size',
      `${API}/inspection/findings?limit=501`,
      /limit: Too big/,
    ],
    [
      'run diff size',
      `${API}/inspection/runs/${RUN}/diff?limit=10001`,
      /^Invalid query: limit: Too big/,
    ],
  ])('refuses a too large %s', async (_what, url, message) => {
    const res = await request(tb.server).get(url);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});
