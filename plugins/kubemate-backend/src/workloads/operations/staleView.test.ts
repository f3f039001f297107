import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  ACCOUNTS_DEPLOYMENT as deployment,
  componentWithId,
  startKubemateBackend,
  startSeededSimulator,
} from '../../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

const ACCOUNTS = '/api/kubemate/entities/component/default/accounts-service';

async function eventually<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 150; i++) {
    last = await probe();
    if (ok(last)) return last;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen; last: ${JSON.stringify(last)}`);
}

type Deployment = {
  metadata: { resourceVersion: string; generation: number };
  spec: { replicas: number };
  status?: { readyReplicas?: number };
};

describe('actions on an object that changed since the user saw it', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it('are refused with 409 and audited; a refreshed view acts, twice in a row', async () => {
    const backend = await startKubemateBackend({
      sim,
      entities: [componentWithId('accounts-service')],
    });
    const server = backend.server;
    // What the Workloads tab shows (the watch cache) and what the API server has now.
    const viewed = async (): Promise<Deployment> =>
      (
        await request(server).get(`${ACCOUNTS}/workloads`)
      ).body.clusters[0].resources.deployments.find(
        (d: { metadata: { name: string } }) =>
          d.metadata.name === deployment.name,
      );
    const onServer = async () =>
      /resourceVersion: "?(\d+)"?/.exec(
        (await request(server).get(`${ACCOUNTS}/yaml`).query(deployment)).body
          .yaml,
      )?.[1];
    /** The page has caught up with the API server and the rollout is done. */
    const refreshedView = async () =>
      (
        await eventually(
          async () => ({ view: await viewed(), server: await onServer() }),
          ({ view, server: rv }) =>
            view !== undefined &&
            view.metadata.resourceVersion === rv &&
            view.status?.readyReplicas === view.spec.replicas,
          'the view catching up',
        )
      ).view;

    const seen = await refreshedView();
    const seenVersion = seen.metadata.resourceVersion;
    // Somebody else scales meanwhile (no resourceVersion: not conditional).
    const other = await request(server)
      .post(`${ACCOUNTS}/actions/scale`)
      .send({ ...deployment, replicas: seen.spec.replicas + 1 });
    expect(other.status).toBe(200);

    for (const [action, params] of [
      ['scale', { replicas: 1 }],
      ['pause', {}],
      ['rollback', { revision: 1 }],
    ] as const) {
      const stale = await request(server)
        .post(`${ACCOUNTS}/actions/${action}`)
        .send({ ...deployment, ...params, resourceVersion: seenVersion });
      expect(stale.status).toBe(409);
      expect(stale.body.error.name).toBe('ConflictError');
      expect(stale.body.error.message).toMatch(
        new RegExp(
          `^Deployment bank-core/accounts-service changed since you loaded it \\(resourceVersion ${seenVersion}, now \\d+\\); reload and try again$`,
        ),
      );
    }
    const refused = await request(server)
      .get('/api/kubemate/audit')
      .query({ operation: 'scale', result: 'denied' });
    expect(refused.body.items[0]).toMatchObject({
      operation: 'scale',
      result: 'denied',
      parameters: { replicas: 1, resourceVersion: seenVersion },
      error: expect.stringMatching(/changed since you loaded it/),
    });
    // Nothing was changed by the refused actions.
    expect((await viewed()).spec.replicas).toBe(seen.spec.replicas + 1);

    // The user's own actions from a view that refreshed after each: no 409.
    for (const replicas of [1, 2]) {
      const view = await refreshedView();
      const scaled = await request(server)
        .post(`${ACCOUNTS}/actions/scale`)
        .send({
          ...deployment,
          replicas,
          resourceVersion: view.metadata.resourceVersion,
        });
      expect(scaled.status).toBe(200);
      expect(scaled.body.object.spec.replicas).toBe(replicas);
    }

    // By generation: a spec change since the view is a 409, named by generation...
    const byGeneration = await refreshedView();
    expect(
      (
        await request(server)
          .post(`${ACCOUNTS}/actions/scale`)
          .send({ ...deployment, replicas: byGeneration.spec.replicas + 1 })
      ).status,
    ).toBe(200);
    const staleSpec = await request(server)
      .post(`${ACCOUNTS}/actions/pause`)
      .send({ ...deployment, generation: byGeneration.metadata.generation });
    expect(staleSpec.status).toBe(409);
    expect(staleSpec.body.error.message).toMatch(
      new RegExp(
        `\\(generation ${byGeneration.metadata.generation}, now \\d+\\)`,
      ),
    );
    // ...while the status updates of the rollout that followed are not: the generation the
    // user's own action answered with still acts after the resourceVersion moved on.
    const own = await request(server)
      .post(`${ACCOUNTS}/actions/scale`)
      .send({ ...deployment, replicas: 1 });
    const answered = own.body.object as Deployment;
    await eventually(
      onServer,
      rv => rv !== undefined && rv !== answered.metadata.resourceVersion,
      'a status update after the scale',
    );
    const paused = await request(server)
      .post(`${ACCOUNTS}/actions/pause`)
      .send({ ...deployment, generation: answered.metadata.generation });
    expect(paused.status).toBe(200);
    const resumed = await request(server)
      .post(`${ACCOUNTS}/actions/resume`)
      .send({
        ...deployment,
        generation: (paused.body.object as Deployment).metadata.generation,
      });
    expect(resumed.status).toBe(200);

    const tooLong = await request(server)
      .post(`${ACCOUNTS}/actions/restart`)
      .send({ ...deployment, resourceVersion: '1'.repeat(65) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(/resourceVersion/);
    await backend.stop();
  });
});
