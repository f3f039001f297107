import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import { parse, stringify } from 'yaml';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

type Obj = Record<string, any>;
const CRD = 'httproutes.gateway.networking.k8s.io';
const BASE = `/api/kubemate/clusters/sim/crds/${CRD}`;

describe('custom resources in the admin console', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it('lists CRDs with group, kind, versions, scope and object counts', async () => {
    const tb = await startKubemateBackend({ sim, entities: [] });
    const res = await request(tb.server).get('/api/kubemate/clusters/sim/crds');
    expect(res.status).toBe(200);
    const routes = (res.body.items as Obj[]).find(c => c.name === CRD)!;
    const stored = (
      sim.store.list('gateway.networking.k8s.io/httproutes') as Obj[]
    ).length;
    expect(routes).toMatchObject({
      group: 'gateway.networking.k8s.io',
      kind: 'HTTPRoute',
      plural: 'httproutes',
      scope: 'Namespaced',
      version: 'v1',
      count: stored,
    });
    expect(stored).toBeGreaterThan(0);
    const classes = (res.body.items as Obj[]).find(
      c => c.name === 'gatewayclasses.gateway.networking.k8s.io',
    )!;
    expect(classes.scope).toBe('Cluster');

    const list = await request(tb.server).get(
      `${BASE}/resources?namespace=bank-payments`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: Obj) => i.name)).toContain('payments-api');
    expect(
      list.body.items.every((i: Obj) => i.namespace === 'bank-payments'),
    ).toBe(true);
    expect(
      (
        await request(tb.server).get(
          '/api/kubemate/clusters/sim/crds/nope.example.com/resources',
        )
      ).status,
    ).toBe(404);
    await tb.stop();
  });

  it('edits a custom resource: dry-run diff, apply (audited), 409 when stale, unknown fields refused', async () => {
    const tb = await startKubemateBackend({ sim, entities: [] });
    const q = '?namespace=bank-payments&name=payments-api';
    const read = await request(tb.server).get(`${BASE}/resource${q}`);
    expect(read.status).toBe(200);
    const object = parse(read.body.yaml) as Obj;
    expect(object.metadata.resourceVersion).toBe(read.body.resourceVersion);
    expect(object.metadata.managedFields).toBeUndefined();
    expect(object.status).toBeUndefined();

    object.metadata.labels = { ...object.metadata.labels, edited: 'yes' };
    const body = {
      namespace: 'bank-payments',
      name: 'payments-api',
      yaml: stringify(object),
    };
    const preview = await request(tb.server)
      .post(`${BASE}/resource/preview`)
      .send(body);
    expect(preview.status).toBe(200);
    expect(preview.body.diff).toContain('+    edited: yes');
    // A dry run changes nothing.
    const stored = () =>
      (sim.store.list('gateway.networking.k8s.io/httproutes') as Obj[]).find(
        r =>
          r.metadata.name === 'payments-api' &&
          r.metadata.namespace === 'bank-payments',
      )!;
    expect(stored().metadata.labels?.edited).toBeUndefined();

    // Refused before the API server: another kind, and no resourceVersion to check against.
    // (The simulator does not validate CRD fields strictly; a real API server answers 400
    // naming an unknown field, relayed as such.)
    const otherKind = parse(body.yaml) as Obj;
    otherKind.kind = 'Gateway';
    const wrong = await request(tb.server)
      .post(`${BASE}/resource/preview`)
      .send({ ...body, yaml: stringify(otherKind) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('must be a HTTPRoute');
    const unversioned = parse(body.yaml) as Obj;
    delete unversioned.metadata.resourceVersion;
    const noVersion = await request(tb.server)
      .post(`${BASE}/resource/apply`)
      .send({ ...body, yaml: stringify(unversioned) });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.message).toContain('resourceVersion');

    const applied = await request(tb.server)
      .post(`${BASE}/resource/apply`)
      .send(body);
    expect(applied.status).toBe(200);
    expect(stored().metadata.labels.edited).toBe('yes');
    expect(applied.body.resourceVersion).not.toBe(read.body.resourceVersion);

    // The same YAML again carries the old resourceVersion: refused as stale.
    const stale = await request(tb.server)
      .post(`${BASE}/resource/apply`)
      .send(body);
    expect(stale.status).toBe(409);

    const audit = await request(tb.server).get(
      '/api/kubemate/audit?operation=admin-custom-resource-edit',
    );
    expect(
      (audit.body.items as Obj[]).map(e => `${e.kind} ${e.name} ${e.result}`),
    ).toEqual(
      expect.arrayContaining([
        'HTTPRoute payments-api succeeded',
        'HTTPRoute payments-api failed',
      ]),
    );
    await tb.stop();
  });

  it('refuses reads without kubemate.admin.read and edits without kubemate.admin.apply (audited)', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      permissions: permissionsDenying(
        'kubemate.admin.read',
        'kubemate.admin.apply',
      ),
    });
    expect(
      (await request(tb.server).get('/api/kubemate/clusters/sim/crds')).status,
    ).toBe(403);
    const res = await request(tb.server)
      .post(`${BASE}/resource/apply`)
      .send({ namespace: 'bank-payments', name: 'payments-api', yaml: 'a: 1' });
    expect(res.status).toBe(403);
    const audit = await request(tb.server).get(
      '/api/kubemate/audit?operation=admin-custom-resource-edit&result=denied',
    );
    expect(audit.body.items.length).toBeGreaterThan(0);
    await tb.stop();
  });
});
