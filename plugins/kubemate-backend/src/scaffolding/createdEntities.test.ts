import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type { Simulator } from '@kubemate/kube-simulator';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';
import { CreatedEntityProvider } from './CreatedEntityProvider';

jest.setTimeout(60_000);

const guest = mockServices.userInfo.mock({
  getUserInfo: async () => ({
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest', 'group:default/team-banking'],
  }),
}).factory;

const component = (name: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: { 'backstage.io/kubernetes-id': name },
  },
  spec: { type: 'service', lifecycle: 'experimental', owner },
});

const URL = '/api/kubemate/catalog/created-entities';

describe("created apps' catalog entities", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it('registers a Component of one of the caller’s groups and serves it to the catalog', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      features: [guest],
    });
    const dry = await request(tb.server)
      .post(URL)
      .send({ entity: component('hello', 'team-banking'), dryRun: true });
    expect(dry.body).toEqual({
      entityRef: 'component:default/hello',
      dryRun: true,
      changed: true,
    });
    const done = await request(tb.server)
      .post(URL)
      .send({ entity: component('hello', 'team-banking') });
    expect(done.body).toMatchObject({ changed: true, dryRun: false });
    const again = await request(tb.server)
      .post(URL)
      .send({ entity: component('hello', 'team-banking') });
    expect(again.body).toMatchObject({ changed: false });

    // Another team's owner, and a user reading the list, are refused.
    const other = await request(tb.server)
      .post(URL)
      .send({ entity: component('intruder', 'team-erp') });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe(
      'component:default/intruder would be owned by group:default/team-erp, which is not one of your groups',
    );
    expect((await request(tb.server).get(URL)).status).toBe(403);

    const { port } = tb.server.address() as AddressInfo;
    const provider = new CreatedEntityProvider({
      discovery: {
        getBaseUrl: async () => `http://localhost:${port}/api/kubemate`,
        getExternalBaseUrl: async () => '',
      },
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    const applyMutation = jest.fn();
    await provider.connect({
      applyMutation,
      refresh: jest.fn(),
    } as EntityProviderConnection);
    await provider.refresh();
    expect(applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        {
          locationKey: 'kubemate:created-entities',
          entity: expect.objectContaining({
            metadata: expect.objectContaining({
              name: 'hello',
              namespace: 'default',
              annotations: expect.objectContaining({
                'backstage.io/managed-by-location': 'kubemate:created-entities',
              }),
            }),
          }),
        },
      ],
    });

    const audit = await request(tb.server)
      .get('/api/kubemate/audit')
      .query({ operation: 'catalog-register' });
    expect(audit.body.items.map((e: any) => e.result).sort()).toEqual([
      'denied',
      'succeeded',
    ]);
    await tb.stop();
  });
});
