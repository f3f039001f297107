import fs from 'fs';
import os from 'os';
import path from 'path';
import { api } from '../__testUtils__/http';
import { startSimulator, Simulator } from '../simulator';

describe('faults, tokens and impersonation', () => {
  let sim: Simulator;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-tokens-'));
    fs.writeFileSync(
      path.join(dir, 'tokens.yaml'),
      'tokens:\n  - {token: root-token, user: root, groups: [system:masters]}\n  - {token: dev-token, user: dev, groups: [devs]}\n',
    );
    sim = await startSimulator({
      port: 0,
      tls: false,
      controllers: false,
      tokens: path.join(dir, 'tokens.yaml'),
    });
  });
  afterAll(async () => {
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads tokens from a file and uses the masters token as admin', async () => {
    expect(sim.token).toBe('root-token');
    expect((await api(sim).get('/api/v1/namespaces')).status).toBe(200);
    expect(
      (await api(sim, 'kubemate-admin-token').get('/version')).status,
    ).toBe(401);
    expect(
      (await api(sim, 'dev-token').get('/api/v1/namespaces')).body.message,
    ).toBe(
      'namespaces is forbidden: User "dev" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
  });

  it('grants access through RoleBindings to groups, with resourceNames', async () => {
    const admin = api(sim);
    await admin.post(
      '/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles',
      {
        metadata: { name: 'one-cm' },
        rules: [
          {
            apiGroups: [''],
            resources: ['configmaps'],
            verbs: ['get'],
            resourceNames: ['kube-root-ca.crt'],
          },
        ],
      },
    );
    await admin.post(
      '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings',
      {
        metadata: { name: 'devs' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name: 'one-cm',
        },
        subjects: [
          {
            kind: 'Group',
            name: 'devs',
            apiGroup: 'rbac.authorization.k8s.io',
          },
        ],
      },
    );
    await admin.post('/api/v1/namespaces/default/configmaps', {
      metadata: { name: 'kube-root-ca.crt' },
    });
    const dev = api(sim, 'dev-token');
    expect(
      (await dev.get('/api/v1/namespaces/default/configmaps/kube-root-ca.crt'))
        .status,
    ).toBe(200);
    expect(
      (await dev.get('/api/v1/namespaces/default/configmaps/other')).status,
    ).toBe(403);
    expect(
      (await dev.get('/api/v1/namespaces/default/configmaps')).status,
    ).toBe(403);
    const ssar = await dev.post(
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            namespace: 'default',
            verb: 'get',
            resource: 'configmaps',
            name: 'kube-root-ca.crt',
          },
        },
      },
    );
    expect(ssar.status).toBe(201);
    expect(ssar.body.status.allowed).toBe(true);
    const asDev = await api(sim).get(
      '/api/v1/namespaces/default/configmaps/kube-root-ca.crt',
      { 'Impersonate-User': 'someone', 'Impersonate-Group': 'devs' },
    );
    expect(asDev.status).toBe(200);
    const devImpersonates = await dev.get('/api/v1/namespaces', {
      'Impersonate-User': 'root',
    });
    expect(devImpersonates.body.message).toBe(
      'users "root" is forbidden: User "dev" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });

  it('injects errors per verb/resource and latency, and clears them', async () => {
    const admin = api(sim);
    const set = await admin.post('/simulator/faults', {
      latencyMs: 150,
      rules: [
        { verb: 'list', resource: 'configmaps', errorRate: 1, code: 503 },
      ],
    });
    expect(set.status).toBe(200);
    const t0 = Date.now();
    const failed = await admin.get('/api/v1/namespaces/default/configmaps');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      code: 503,
    });
    expect(
      (
        await admin.get(
          '/api/v1/namespaces/default/configmaps/kube-root-ca.crt',
        )
      ).status,
    ).toBe(200);
    await admin.del('/simulator/faults');
    expect(
      (await admin.get('/api/v1/namespaces/default/configmaps')).status,
    ).toBe(200);
    expect(
      (await api(sim, 'dev-token').post('/simulator/faults', {})).status,
    ).toBe(403);
  });

  it('drops watches after the configured time', async () => {
    sim.faults.set({ dropWatchesAfterMs: 200 });
    const t0 = Date.now();
    const { events } = await api(sim).watch(
      '/api/v1/namespaces/default/configmaps?watch=1',
      3000,
    );
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(events.length).toBeGreaterThanOrEqual(1);
    sim.faults.set({});
  });
});

describe('unsupported streaming subresources', () => {
  it('answers exec with a Status instead of hanging', async () => {
    const sim = await startSimulator({
      port: 0,
      tls: false,
      controllers: false,
    });
    const c = api(sim);
    await c.post('/api/v1/namespaces/default/pods', {
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'busybox:1.36' }] },
    });
    const r = await c.post(
      '/api/v1/namespaces/default/pods/p/exec?command=ls',
      '',
    );
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('Upgrade request required');
    await sim.stop();
  });
});
