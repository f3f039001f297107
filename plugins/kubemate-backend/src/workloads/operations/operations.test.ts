import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
  ACCOUNTS_DEPLOYMENT,
  componentWithId,
} from '../../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

const entities = [
  componentWithId('accounts-service'),
  componentWithId('ledger-worker'),
  componentWithId('payments-api'),
];
const ACCOUNTS = '/api/kubemate/entities/component/default/accounts-service';
const deployment = ACCOUNTS_DEPLOYMENT;

async function eventually<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 100; i++) {
    last = await probe();
    if (ok(last)) return last;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(
    `${what} did not happen; last value: ${JSON.stringify(last)}`,
  );
}

describe('workload operations against the Kubernetes simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  const deploymentIn = (server: unknown) => async () =>
    (
      await request(server as never).get(`${ACCOUNTS}/workloads`)
    ).body.clusters[0].resources.deployments.find(
      (d: { metadata: { name: string } }) =>
        d.metadata.name === 'accounts-service',
    );

  it('scales, restarts and rolls back a Deployment, and records each in the audit log', async () => {
    const backend = await startKubemateBackend({ sim, entities });
    const server = backend.server;
    const current = deploymentIn(server);
    await eventually(current, d => d !== undefined, 'first sync');

    const scaled = await request(server)
      .post(`${ACCOUNTS}/actions/scale`)
      .send({ ...deployment, replicas: 3 });
    expect(scaled.status).toBe(200);
    expect(scaled.body.object.spec.replicas).toBe(3);
    await eventually(
      current,
      d => d.status?.readyReplicas === 3,
      'scale to 3 ready replicas',
    );

    const restarted = await request(server)
      .post(`${ACCOUNTS}/actions/restart`)
      .send(deployment);
    expect(restarted.status).toBe(200);
    expect(
      restarted.body.object.spec.template.metadata.annotations[
        'kubectl.kubernetes.io/restartedAt'
      ],
    ).toBeDefined();
    await eventually(
      current,
      d => d.metadata.annotations['deployment.kubernetes.io/revision'] === '2',
      'revision 2',
    );

    const history = await request(server)
      .get(`${ACCOUNTS}/history`)
      .query(deployment);
    expect(history.status).toBe(200);
    expect(
      history.body.items.map((r: { revision: number }) => r.revision),
    ).toEqual([2, 1]);
    expect(history.body.items[0]).toMatchObject({ current: true });

    const undone = await request(server)
      .post(`${ACCOUNTS}/actions/rollback`)
      .send({ ...deployment, revision: 1 });
    expect(undone.status).toBe(200);
    expect(
      undone.body.object.spec.template.metadata.annotations?.[
        'kubectl.kubernetes.io/restartedAt'
      ],
    ).toBeUndefined();
    await eventually(
      current,
      d => d.metadata.annotations['deployment.kubernetes.io/revision'] === '3',
      'rollback as revision 3',
    );

    const missing = await request(server)
      .post(`${ACCOUNTS}/actions/rollback`)
      .send({ ...deployment, revision: 42 });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/has no revision 42/);

    const audit = await request(server)
      .get('/api/kubemate/audit')
      .query({ entityRef: 'component:default/accounts-service' });
    expect(audit.status).toBe(200);
    expect(
      audit.body.items.map(
        (e: { operation: string; result: string }) =>
          `${e.operation}:${e.result}`,
      ),
    ).toEqual([
      'rollback:failed',
      'rollback:succeeded',
      'restart:succeeded',
      'scale:succeeded',
    ]);
    const scaleEvent = audit.body.items[3];
    expect(scaleEvent).toMatchObject({
      actor: expect.stringMatching(/^user:/),
      cluster: 'sim',
      namespace: 'bank-core',
      kind: 'Deployment',
      name: 'accounts-service',
      parameters: { replicas: 3 },
    });
    expect(scaleEvent.beforeYaml).toMatch(/replicas: 2/);
    expect(scaleEvent.afterYaml).toMatch(/replicas: 3/);
    await backend.stop();
  });

  it('deletes a pod (its ReplicaSet replaces it), triggers a CronJob, and reads logs', async () => {
    const backend = await startKubemateBackend({ sim, entities });
    const server = backend.server;
    const LEDGER = '/api/kubemate/entities/component/default/ledger-worker';
    const resources = async () =>
      (await request(server).get(`${ACCOUNTS}/workloads`)).body.clusters[0]
        .resources;
    // A running pod that no earlier scale is taking away (under load one may still be going).
    const settled = (p: any) =>
      p.status?.phase === 'Running' && !p.metadata.deletionTimestamp;
    const before = await eventually(
      resources,
      r => r.pods.some(settled),
      'pods listed',
    );
    const victim = before.pods.find(settled).metadata.name;

    const deleted = await request(server)
      .post(`${ACCOUNTS}/actions/delete-pod`)
      .send({
        cluster: 'sim',
        namespace: 'bank-core',
        kind: 'Pod',
        name: victim,
      });
    expect(deleted.status).toBe(200);
    await eventually(
      resources,
      r =>
        !r.pods.some(
          (p: { metadata: { name: string } }) => p.metadata.name === victim,
        ),
      'pod gone',
    );

    const triggered = await request(server)
      .post(`${LEDGER}/actions/trigger`)
      .send({
        cluster: 'sim',
        namespace: 'bank-core',
        kind: 'CronJob',
        name: 'ledger-reconcile',
      });
    expect(triggered.status).toBe(200);
    expect(triggered.body.object.metadata.name).toMatch(
      /^ledger-reconcile-manual-/,
    );
    expect(
      triggered.body.object.metadata.annotations[
        'cronjob.kubernetes.io/instantiate'
      ],
    ).toBe('manual');

    const running = await eventually(
      resources,
      r =>
        r.pods.some(
          (p: { status?: { phase?: string } }) => p.status?.phase === 'Running',
        ),
      'a running pod',
    );
    const pod = running.pods.find(
      (p: { status?: { phase?: string } }) => p.status?.phase === 'Running',
    );
    const logs = await eventually(
      () =>
        request(server).get(`${ACCOUNTS}/logs`).query({
          cluster: 'sim',
          namespace: 'bank-core',
          name: pod.metadata.name,
          tailLines: 5,
        }),
      r => r.status === 200 && r.text.length > 0,
      'log lines',
    );
    expect(logs.headers['content-type']).toMatch(/text\/plain/);
    expect(logs.text.trim().split('\n').length).toBeLessThanOrEqual(5);

    const download = await request(server).get(`${ACCOUNTS}/logs`).query({
      cluster: 'sim',
      namespace: 'bank-core',
      name: pod.metadata.name,
      download: 'true',
    });
    expect(download.headers['content-disposition']).toMatch(
      /attachment; filename=".*\.log"/,
    );
    // Who read which log is on record, with what they asked for.
    const reads = await request(server)
      .get('/api/kubemate/audit')
      .query({ operation: 'logs', name: pod.metadata.name });
    expect(reads.body.items[0]).toMatchObject({
      operation: 'logs',
      result: 'succeeded',
      kind: 'Pod',
      namespace: 'bank-core',
      actor: expect.stringMatching(/^user:/),
      parameters: expect.objectContaining({ container: expect.any(String) }),
    });
    await backend.stop();
  });

  it("refuses and audits what the caller may not do, and what is not the entity's", async () => {
    const backend = await startKubemateBackend({
      sim,
      entities,
      permissions: permissionsDenying(
        'kubemate.workload.scale',
        'kubemate.workload.logs',
      ),
    });
    const server = backend.server;
    const denied = await request(server)
      .post(`${ACCOUNTS}/actions/scale`)
      .send({ ...deployment, replicas: 5 });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      "Missing permission 'kubemate.workload.scale' on 'component:default/accounts-service'",
    );
    const audit = await request(server)
      .get('/api/kubemate/audit')
      .query({ result: 'denied' });
    expect(audit.body.items[0]).toMatchObject({
      operation: 'scale',
      result: 'denied',
      parameters: { replicas: 5 },
    });

    const logs = await request(server)
      .get(`${ACCOUNTS}/logs`)
      .query({ cluster: 'sim', namespace: 'bank-core', name: 'x' });
    expect(logs.status).toBe(403);
    const deniedRead = await request(server)
      .get('/api/kubemate/audit')
      .query({ operation: 'logs' });
    expect(deniedRead.body.items[0]).toMatchObject({
      result: 'denied',
      name: 'x',
    });

    const foreign = await request(server)
      .post(`${ACCOUNTS}/actions/restart`)
      .send({
        cluster: 'sim',
        namespace: 'bank-payments',
        kind: 'Deployment',
        name: 'payments-api-v1',
      });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toMatch(
      /is not a workload of component:default\/accounts-service/,
    );

    const bad = await request(server)
      .post(`${ACCOUNTS}/actions/restart`)
      .send({ ...deployment, name: 'Not_A_Name' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/name: must be a DNS-1123 name/);
    const badParams = await request(server)
      .post(`${ACCOUNTS}/actions/rollback`)
      .send({ ...deployment, revision: 'two' });
    expect(badParams.status).toBe(400);
    const wrongKind = await request(server)
      .post(`${ACCOUNTS}/actions/scale`)
      .send({ ...deployment, kind: 'DaemonSet', replicas: 1 });
    expect(wrongKind.status).toBe(400);
    const unknown = await request(server)
      .post(`${ACCOUNTS}/actions/explode`)
      .send(deployment);
    expect(unknown.status).toBe(404);
    // Names of Object.prototype members are unknown actions too, not a 500.
    for (const name of ['constructor', 'toString', '__proto__']) {
      const inherited = await request(server)
        .post(`${ACCOUNTS}/actions/${name}`)
        .send({ ...deployment, replicas: 1 });
      expect(inherited.status).toBe(404);
      expect(inherited.body.error.name).toBe('NotFoundError');
    }
    await backend.stop();
  });
});

describe('YAML view and apply through the plugin', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it('views, previews with a diff, applies, and refuses a stale edit', async () => {
    const backend = await startKubemateBackend({ sim, entities });
    const server = backend.server;
    const view = await request(server)
      .get(`${ACCOUNTS}/yaml`)
      .query(deployment);
    expect(view.status).toBe(200);
    expect(view.body.yaml).toMatch(/kind: Deployment/);
    expect(view.body.yaml).not.toMatch(/managedFields/);

    const edited = view.body.yaml.replace(/replicas: \d+/, 'replicas: 4');
    const preview = await request(server)
      .post(`${ACCOUNTS}/yaml/preview`)
      .send({ ...deployment, yaml: edited });
    expect(preview.status).toBe(200);
    expect(preview.body.diff).toMatch(/^\+\s+replicas: 4$/m);

    const applied = await request(server)
      .post(`${ACCOUNTS}/yaml/apply`)
      .send({ ...deployment, yaml: edited });
    expect(applied.status).toBe(200);
    const stale = await request(server)
      .post(`${ACCOUNTS}/yaml/apply`)
      .send({ ...deployment, yaml: edited });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/reload it and re-apply/);

    const audit = await request(server)
      .get('/api/kubemate/audit')
      .query({ operation: 'yaml-apply' });
    expect(audit.body.items.map((e: { result: string }) => e.result)).toEqual([
      'failed',
      'succeeded',
    ]);
    await backend.stop();
  });
});
