import type { Simulator } from '@kubemate/kube-simulator';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
  testComponent as component,
} from '../../__testUtils__/simulatorBackend';

jest.setTimeout(90_000);

const entities = [
  component('payments-api', {
    'backstage.io/kubernetes-id': 'payments-api',
    'backstage.io/kubernetes-namespace': 'bank-payments',
  }),
];
const PAYMENTS = '/api/kubemate/entities/component/default/payments-api';
const CONFIG = {
  cluster: 'sim',
  namespace: 'bank-payments',
  kind: 'ConfigMap',
  name: 'payments-api-config',
};
const SECRET = {
  cluster: 'sim',
  namespace: 'bank-payments',
  kind: 'Secret',
  name: 'payments-api-db',
};

type AuditItem = Record<string, any>;

async function auditOf(server: Server, query: Record<string, string>) {
  const res = await request(server).get('/api/kubemate/audit').query(query);
  expect(res.status).toBe(200);
  return res.body.items as AuditItem[];
}

describe('ConfigMap and Secret keys against the Kubernetes simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  type Stored = {
    metadata: { resourceVersion: string };
    data: Record<string, string>;
  };
  const configMap = () =>
    sim.store.get('/configmaps', CONFIG.namespace, CONFIG.name) as Stored;
  const secret = () =>
    sim.store.get('/secrets', SECRET.namespace, SECRET.name) as Stored;

  it('edits, renames and removes keys after a preview, refuses a stale edit, and restores a version from the history', async () => {
    const backend = await startKubemateBackend({ sim, entities });
    const server = backend.server;
    const seeded = { ...configMap().data } as Record<string, string>;
    const seen = configMap().metadata.resourceVersion as string;

    const edit = {
      ...CONFIG,
      resourceVersion: seen,
      changes: [
        { op: 'set', key: 'LOG_LEVEL', value: 'debug' },
        { op: 'set', key: 'feature-flags.properties', value: 'fast=true\n' },
      ],
    };
    const preview = await request(server)
      .post(`${PAYMENTS}/configdata/preview`)
      .send(edit);
    expect(preview.status).toBe(200);
    expect(preview.body.diff.split('\n')).toEqual(
      expect.arrayContaining(['-  LOG_LEVEL: info', '+  LOG_LEVEL: debug']),
    );
    expect(preview.body.keys).toEqual({
      added: ['feature-flags.properties'],
      removed: [],
      changed: ['LOG_LEVEL'],
      renamed: [],
    });
    // The dry run stored nothing.
    expect(configMap().metadata.resourceVersion).toBe(seen);

    const applied = await request(server)
      .post(`${PAYMENTS}/configdata/apply`)
      .send(edit);
    expect(applied.status).toBe(200);
    expect(configMap().data.LOG_LEVEL).toBe('debug');
    const second = applied.body.resourceVersion as string;
    expect(second).not.toBe(seen);

    // The same edit on the version first loaded: refused, nothing overwritten, on record.
    const stale = await request(server)
      .post(`${PAYMENTS}/configdata/apply`)
      .send({
        ...edit,
        changes: [{ op: 'set', key: 'LOG_LEVEL', value: 'warn' }],
      });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/changed since you loaded it/);
    expect(configMap().data.LOG_LEVEL).toBe('debug');

    const renamed = await request(server)
      .post(`${PAYMENTS}/configdata/apply`)
      .send({
        ...CONFIG,
        resourceVersion: second,
        changes: [
          {
            op: 'rename',
            key: 'feature-flags.properties',
            to: 'flags.properties',
          },
          { op: 'remove', key: 'LOG_LEVEL' },
        ],
      });
    expect(renamed.status).toBe(200);
    expect(renamed.body.keys).toEqual({
      added: [],
      removed: ['LOG_LEVEL'],
      changed: [],
      renamed: [{ from: 'feature-flags.properties', to: 'flags.properties' }],
    });
    expect(Object.keys(configMap().data).sort()).toEqual([
      'application.yaml',
      'flags.properties',
    ]);

    // A key that is not there, a name Kubernetes refuses: 400, nothing changed.
    const missing = await request(server)
      .post(`${PAYMENTS}/configdata/preview`)
      .send({
        ...CONFIG,
        resourceVersion: renamed.body.resourceVersion,
        changes: [{ op: 'remove', key: 'nope' }],
      });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/no such key/);
    const badName = await request(server)
      .post(`${PAYMENTS}/configdata/preview`)
      .send({
        ...CONFIG,
        resourceVersion: renamed.body.resourceVersion,
        changes: [{ op: 'set', key: 'bad key', value: 'x' }],
      });
    expect(badName.status).toBe(400);

    // A YAML apply of the ConfigMap is part of its history too, its keys told apart.
    const yaml = await request(server).get(`${PAYMENTS}/yaml`).query(CONFIG);
    const applied2 = await request(server)
      .post(`${PAYMENTS}/yaml/apply`)
      .send({
        ...CONFIG,
        yaml: yaml.body.yaml.replace(
          'flags.properties: |',
          'flags.properties: |\n    slow=false',
        ),
      });
    expect(applied2.status).toBe(200);
    const current = configMap().metadata.resourceVersion;

    const history = await request(server)
      .get(`${PAYMENTS}/configdata/history`)
      .query(CONFIG);
    expect(history.status).toBe(200);
    const items = history.body.items as AuditItem[];
    expect(items.map(i => i.operation)).toEqual([
      'yaml-apply',
      'configdata-edit',
      'configdata-edit',
    ]);
    expect(items[0].keys).toEqual({
      added: [],
      removed: [],
      changed: ['flags.properties'],
      renamed: [],
    });
    items.shift();
    expect(items[1]).toMatchObject({
      actor: expect.stringMatching(/^user:/),
      keys: { changed: ['LOG_LEVEL'], added: ['feature-flags.properties'] },
      restorable: ['before', 'after'],
    });

    // Restoring the version before the first edit: previewed, then applied.
    const restore = {
      ...CONFIG,
      resourceVersion: current,
      restore: { auditId: items[1].id, version: 'before' },
    };
    const restorePreview = await request(server)
      .post(`${PAYMENTS}/configdata/preview`)
      .send(restore);
    expect(restorePreview.status).toBe(200);
    expect(restorePreview.body.diff).toMatch(/^\+ {2}LOG_LEVEL: info$/m);
    const restored = await request(server)
      .post(`${PAYMENTS}/configdata/apply`)
      .send(restore);
    expect(restored.status).toBe(200);
    expect(configMap().data).toEqual(seeded);
    // A restore on a stale version is refused as any edit.
    const staleRestore = await request(server)
      .post(`${PAYMENTS}/configdata/apply`)
      .send(restore);
    expect(staleRestore.status).toBe(409);

    const audit = await auditOf(server, {
      entityRef: 'component:default/payments-api',
      kind: 'ConfigMap',
    });
    expect(audit.map(a => `${a.operation}:${a.result}`)).toEqual([
      'configdata-restore:denied',
      'configdata-restore:succeeded',
      'yaml-apply:succeeded',
      'configdata-edit:succeeded',
      'configdata-edit:denied',
      'configdata-edit:succeeded',
    ]);
    expect(audit[1].parameters.restore).toEqual({
      auditId: items[1].id,
      version: 'before',
    });
    expect(audit[4].error).toMatch(/changed since you loaded it/);
    await backend.stop();
  });

  it('refuses edits without kubemate.workload.configmap.update, and objects of other entities, on record', async () => {
    const backend = await startKubemateBackend({
      sim,
      entities,
      permissions: permissionsDenying('kubemate.workload.configmap.update'),
    });
    const server = backend.server;
    const denied = await request(server)
      .post(`${PAYMENTS}/configdata/apply`)
      .send({
        ...CONFIG,
        resourceVersion: configMap().metadata.resourceVersion,
        changes: [{ op: 'set', key: 'LOG_LEVEL', value: 'trace' }],
      });
    expect(denied.status).toBe(403);
    expect(configMap().data.LOG_LEVEL).not.toBe('trace');
    const records = await auditOf(server, {
      operation: 'configdata-edit',
      result: 'denied',
    });
    expect(records[0]).toMatchObject({
      ...CONFIG,
      entityRef: 'component:default/payments-api',
      error:
        "Missing permission 'kubemate.workload.configmap.update' on 'component:default/payments-api'",
      parameters: { changes: [{ op: 'set', key: 'LOG_LEVEL' }] },
    });
    // Another team's ConfigMap through this entity: not found, and on record.
    const foreign = await request(server)
      .post(`${PAYMENTS}/secrets/reveal`)
      .send({
        cluster: 'sim',
        namespace: 'erp-finance',
        name: 'erp-finance-smtp',
        key: 'password',
      });
    expect(foreign.status).toBe(404);
    expect(
      (
        await auditOf(server, { operation: 'secret-read', result: 'denied' })
      )[0],
    ).toMatchObject({ namespace: 'erp-finance', name: 'erp-finance-smtp' });
    await backend.stop();
  });

  it('reveals one Secret key on record (name, never value), refuses it without secret.read, and edits Secret keys without logging values', async () => {
    const backend = await startKubemateBackend({ sim, entities });
    const server = backend.server;
    const { kind: _kind, ...where } = SECRET;

    // The workloads answer has sizes, never values.
    const answer = await request(server).get(`${PAYMENTS}/workloads`);
    const served = (
      answer.body.clusters[0].resources.secrets as AuditItem[]
    ).find(s => s.metadata.name === SECRET.name)!;
    expect(Object.values(served.data).every(v => v === '')).toBe(true);
    expect(served.dataSizes).toMatchObject({ username: 8, password: 18 });

    const reveal = await request(server)
      .post(`${PAYMENTS}/secrets/reveal`)
      .send({ ...where, key: 'password' });
    expect(reveal.status).toBe(200);
    expect(reveal.headers['cache-control']).toBe('no-store');
    expect(reveal.body).toMatchObject({
      key: 'password',
      value: 's3cr3t-payments-db',
      encoding: 'utf-8',
    });
    const reads = await auditOf(server, { operation: 'secret-read' });
    expect(reads[0]).toMatchObject({
      ...SECRET,
      result: 'succeeded',
      parameters: { via: 'reveal', key: 'password' },
    });
    expect(JSON.stringify(reads)).not.toMatch(/s3cr3t/);

    const edit = {
      ...SECRET,
      resourceVersion: secret().metadata.resourceVersion,
      changes: [{ op: 'set', key: 'password', value: 'n3w-secret-value' }],
    };
    const preview = await request(server)
      .post(`${PAYMENTS}/configdata/preview`)
      .send(edit);
    expect(preview.status).toBe(200);
    expect(preview.body.diff).toMatch(/^\+password: 16 bytes \(new value\)$/m);
    expect(JSON.stringify(preview.body)).not.toMatch(/s3cr3t|n3w-secret/);
    const applied = await request(server)
      .post(`${PAYMENTS}/configdata/apply`)
      .send(edit);
    expect(applied.status).toBe(200);
    expect(Buffer.from(secret().data.password, 'base64').toString()).toBe(
      'n3w-secret-value',
    );
    const edits = await auditOf(server, {
      operation: 'configdata-edit',
      kind: 'Secret',
    });
    expect(edits[0].parameters.keys.changed).toEqual(['password']);
    const stored = JSON.stringify(edits);
    expect(stored).not.toMatch(/n3w-secret|bjN3LXNlY3JldC12YWx1ZQ|s3cr3t/);

    const history = await request(server)
      .get(`${PAYMENTS}/configdata/history`)
      .query(SECRET);
    expect(history.body.items[0]).toMatchObject({
      keys: { changed: ['password'] },
      restorable: [],
    });
    // Secrets are never restored: their values are not in the log.
    const restore = await request(server)
      .post(`${PAYMENTS}/configdata/preview`)
      .send({
        ...SECRET,
        resourceVersion: applied.body.resourceVersion,
        restore: { auditId: history.body.items[0].id, version: 'before' },
      });
    expect(restore.status).toBe(400);
    // Put the seeded value back for the other tests.
    await request(server)
      .post(`${PAYMENTS}/configdata/apply`)
      .send({
        ...SECRET,
        resourceVersion: applied.body.resourceVersion,
        changes: [{ op: 'set', key: 'password', value: 's3cr3t-payments-db' }],
      })
      .expect(200);
    await backend.stop();

    const refusing = await startKubemateBackend({
      sim,
      entities,
      permissions: permissionsDenying('kubemate.workload.secret.read'),
    });
    const refused = await request(refusing.server)
      .post(`${PAYMENTS}/secrets/reveal`)
      .send({ ...where, key: 'password' });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toMatch(/s3cr3t/);
    const refusedEdit = await request(refusing.server)
      .post(`${PAYMENTS}/configdata/preview`)
      .send({
        ...SECRET,
        resourceVersion: secret().metadata.resourceVersion,
        changes: [{ op: 'remove', key: 'password' }],
      });
    expect(refusedEdit.status).toBe(403);
    const denials = await auditOf(refusing.server, { result: 'denied' });
    expect(
      denials.map(d => `${d.operation}:${d.parameters.key ?? ''}`),
    ).toEqual(['configdata-edit:', 'secret-read:password']);
    await refusing.stop();
  });
});
