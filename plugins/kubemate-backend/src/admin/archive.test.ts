import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import { parse } from 'yaml';
import * as zlib from 'node:zlib';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';
import { buildTarGz, buildZip, tarGzFiles } from './__testUtils__/archives';
import { safeEntryPath } from './archive';

jest.setTimeout(120_000);

type Obj = Record<string, any>;

const NS = 'bank-payments';

/** Permissions allowing everything; Secret values only when `secretValues`. */
const permissionsWith = (options: {
  secretValues: boolean;
  denied?: string[];
}) =>
  mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: options.denied?.includes(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
    authorizeConditional: async requests =>
      requests.map(() => ({
        result: options.secretValues
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      })) as any,
  }).factory;

const cm = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: ${value}\n`;

const manifests = [
  {
    path: 'b/service.yaml',
    data: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: archive-test-svc\nspec:\n  ports: [{ port: 80 }]\n  selector: { app: archive-test }\n',
  },
  {
    path: 'a/config.yml',
    data: `${cm(
      'archive-test-one',
      'one',
    )}---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Archive_Test_Broken\nspec: {}\n`,
  },
  {
    path: 'c/config.json',
    data: JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'archive-test-json' },
      data: { value: 'json' },
    }),
  },
  { path: 'README.md', data: '# not a manifest' },
  { path: 'a/', tarType: '5' },
];

const summary = (body: Obj) =>
  body.objects.map(
    (o: Obj) => `${o.path}#${o.index} ${o.kind} ${o.name} ${o.action}`,
  );

describe('admin console archives against the Kubernetes simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  const upload = (
    server: any,
    step: 'preview' | 'apply',
    archive: Buffer,
    type: string,
    namespace = NS,
  ) =>
    request(server)
      .post(
        `/api/kubemate/admin/yaml/${step}?cluster=sim&namespace=${namespace}`,
      )
      .set('Content-Type', type)
      .send(archive);

  it.each([
    ['tar.gz', 'application/gzip', NS, () => buildTarGz(manifests)],
    [
      'zip',
      'application/zip',
      'erp-finance',
      () => buildZip(manifests.filter(m => !m.tarType)),
    ],
  ])(
    'dry-runs then applies a %s archive: entries in path order, a failing object reported, the rest applied',
    async (_format, type, ns, build) => {
      const tb = await startKubemateBackend({ sim, entities: [] });
      const archive = build();
      const preview = await upload(tb.server, 'preview', archive, type, ns);
      expect(preview.status).toBe(200);
      expect(preview.body.dryRun).toBe(true);
      expect(summary(preview.body)).toEqual([
        'a/config.yml#0 ConfigMap archive-test-one created',
        'a/config.yml#1 Deployment Archive_Test_Broken failed',
        'b/service.yaml#0 Service archive-test-svc created',
        'c/config.json#0 ConfigMap archive-test-json created',
      ]);
      expect(preview.body.ignored).toEqual(['README.md']);
      expect(preview.body.objects[1].error).toContain('Archive_Test_Broken');
      expect(
        sim.store.get('/configmaps', ns, 'archive-test-one'),
      ).toBeUndefined();

      const applied = await upload(tb.server, 'apply', archive, type, ns);
      expect(applied.status).toBe(200);
      expect(summary(applied.body)).toEqual(summary(preview.body));
      expect(
        sim.store.get('/configmaps', ns, 'archive-test-one')!.data,
      ).toEqual({ value: 'one' });
      expect(
        sim.store.get('/configmaps', ns, 'archive-test-json')!.data,
      ).toEqual({ value: 'json' });
      expect(sim.store.get('/services', ns, 'archive-test-svc')).toBeDefined();

      const audit = await request(tb.server).get(
        `/api/kubemate/audit?operation=admin-yaml-apply&namespace=${ns}&limit=500`,
      );
      const records = (audit.body.items as Obj[]).map(
        e => `${e.kind} ${e.name} ${e.result} ${e.parameters?.path}`,
      );
      expect(records).toEqual(
        expect.arrayContaining([
          'ConfigMap archive-test-one succeeded a/config.yml',
          'Deployment Archive_Test_Broken failed a/config.yml',
        ]),
      );
      // Applied again: nothing changes.
      const again = await upload(tb.server, 'apply', archive, type, ns);
      expect(again.body.objects[0].action).toBe('unchanged');
      await tb.stop();
    },
  );

  it('exports a namespace without server-set and cluster-made objects; imported elsewhere it exports the same', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      permissions: permissionsWith({ secretValues: true }),
    });
    sim.apply([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'archive-test-secret', namespace: NS },
        type: 'Opaque',
        data: { password: Buffer.from('s3cret').toString('base64') },
      },
    ]);
    const res = await request(tb.server)
      .get(`/api/kubemate/admin/namespaces/sim/${NS}/export`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/gzip');
    expect(res.headers['content-disposition']).toContain(
      `filename="sim-${NS}.tar.gz"`,
    );
    const files = tarGzFiles(res.body);
    const paths = Object.keys(files);
    expect(paths).toContain('ConfigMap/archive-test-one.yaml');
    expect(paths).toContain('Secret/archive-test-secret.yaml');
    expect(paths).toContain('EXPORT-NOTES.txt');
    expect(paths).not.toContain('ConfigMap/kube-root-ca.crt.yaml');
    expect(paths.some(p => p.startsWith('Event/'))).toBe(false);
    expect(paths.some(p => p.startsWith('Endpoints/'))).toBe(false);
    const pods = (sim.store.list('/pods', NS) as Obj[]).filter(p =>
      (p.metadata.ownerReferences ?? []).some((o: Obj) => o.controller),
    );
    expect(pods.length).toBeGreaterThan(0);
    for (const p of pods) {
      expect(paths).not.toContain(`Pod/${p.metadata.name}.yaml`);
    }
    expect(paths.some(p => p.startsWith('ReplicaSet/'))).toBe(false);
    for (const [path, text] of Object.entries(files)) {
      if (!path.endsWith('.yaml')) continue;
      const o = parse(text);
      expect(o.status).toBeUndefined();
      for (const field of [
        'uid',
        'resourceVersion',
        'creationTimestamp',
        'managedFields',
        'namespace',
        'ownerReferences',
        'generation',
      ]) {
        expect([path, o.metadata[field]]).toEqual([path, undefined]);
      }
    }
    const services = Object.entries(files).filter(([p]) =>
      p.startsWith('Service/'),
    );
    expect(services.length).toBeGreaterThan(0);
    for (const [path, text] of services) {
      const spec = parse(text).spec;
      expect([path, spec.clusterIP, spec.clusterIPs]).toEqual([
        path,
        undefined,
        undefined,
      ]);
    }
    expect(parse(files['Secret/archive-test-secret.yaml']).data.password).toBe(
      Buffer.from('s3cret').toString('base64'),
    );

    // Into a new namespace: the same objects.
    const copy = 'archive-test-copy';
    sim.apply([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: copy } },
    ]);
    const imported = await upload(
      tb.server,
      'apply',
      res.body,
      'application/gzip',
      copy,
    );
    expect(imported.status).toBe(200);
    expect(
      (imported.body.objects as Obj[]).filter(o => o.action === 'failed'),
    ).toEqual([]);
    expect(imported.body.ignored).toEqual(['EXPORT-NOTES.txt']);
    const again = await request(tb.server)
      .get(`/api/kubemate/admin/namespaces/sim/${copy}/export`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const copied = tarGzFiles(again.body);
    const manifestsOf = (f: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(f).filter(([p]) => p !== 'EXPORT-NOTES.txt'),
      );
    expect(manifestsOf(copied)).toEqual(manifestsOf(files));

    const audit = await request(tb.server).get(
      `/api/kubemate/audit?operation=admin-namespace-export&namespace=${NS}`,
    );
    expect(audit.body.items[0]).toEqual(
      expect.objectContaining({
        result: 'succeeded',
        parameters: expect.objectContaining({ secretValues: true }),
      }),
    );
    await tb.stop();
  });

  it('redacts Secret values for a caller who may not read them all, and answers 403 to a non-admin', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      permissions: permissionsWith({ secretValues: false }),
    });
    sim.apply([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'archive-test-secret', namespace: NS },
        type: 'Opaque',
        data: { password: Buffer.from('s3cret').toString('base64') },
      },
    ]);
    const res = await request(tb.server)
      .get(`/api/kubemate/admin/namespaces/sim/${NS}/export`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const files = tarGzFiles(res.body);
    const text = files['Secret/archive-test-secret.yaml'];
    expect(text).toContain('values redacted');
    expect(parse(text).data.password).toBe('');
    expect(files['EXPORT-NOTES.txt']).toContain('archive-test-secret');
    await tb.stop();

    const denied = await startKubemateBackend({
      sim,
      entities: [],
      permissions: permissionsDenying('kubemate.admin.read'),
    });
    const refused = await request(denied.server).get(
      `/api/kubemate/admin/namespaces/sim/${NS}/export`,
    );
    expect(refused.status).toBe(403);
    const missing = await request(tb.server).get(
      `/api/kubemate/admin/namespaces/sim/Not_A_Name/export`,
    );
    expect(missing.status).toBeGreaterThanOrEqual(400);
    await denied.stop();
  });

  it('refuses zip bombs, escaping paths, links and devices, naming the entry', async () => {
    const tb = await startKubemateBackend({ sim, entities: [] });
    const expect400 = async (
      archive: Buffer,
      type: string,
      message: string | RegExp,
    ) => {
      const started = Date.now();
      const res = await upload(tb.server, 'apply', archive, type);
      expect([res.status, res.body.error?.message]).toEqual([
        400,
        expect.stringMatching(message),
      ]);
      return Date.now() - started;
    };
    const zeros = Buffer.alloc(60 * 1024 * 1024, 0x20);
    // One entry expanding to 60 MiB: stopped at the per-entry limit.
    const bomb = buildZip([{ path: 'bomb.yaml', data: zeros }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect400(bomb, 'application/zip', /"bomb.yaml".*2 MiB/);
    // Many entries under the per-entry limit, over 50 MiB together.
    const chunk = Buffer.alloc(2 * 1024 * 1024 - 1, 0x20);
    const many = Array.from({ length: 30 }, (_, i) => ({
      path: `part-${String(i).padStart(2, '0')}.yaml`,
      data: chunk,
    }));
    await expect400(buildZip(many), 'application/zip', /more than 50 MiB/);
    await expect400(
      buildTarGz([{ path: 'bomb.yaml', data: zeros }]),
      'application/gzip',
      /"bomb.yaml".*2 MiB|more than 50 MiB/,
    );
    await expect400(buildTarGz(many), 'application/gzip', /more than 50 MiB/);

    await expect400(
      buildZip([
        { path: 'ok.yaml', data: cm('archive-test-never', 'x') },
        { path: '../evil.yaml', data: cm('archive-test-evil', 'x') },
      ]),
      'application/zip',
      /"\.\.\/evil\.yaml".*escape/,
    );
    await expect400(
      buildTarGz([{ path: '/etc/evil.yaml', data: cm('x', 'y') }]),
      'application/gzip',
      /"\/etc\/evil\.yaml".*absolute/,
    );
    await expect400(
      buildTarGz([{ path: 'a/../../evil.yaml', data: cm('x', 'y') }]),
      'application/gzip',
      /escape/,
    );
    await expect400(
      buildTarGz([{ path: 'link.yaml', tarType: '2' }]),
      'application/gzip',
      /"link.yaml".*symbolic links/,
    );
    await expect400(
      buildTarGz([{ path: 'hard.yaml', tarType: '1' }]),
      'application/gzip',
      /"hard.yaml".*hard links/,
    );
    await expect400(
      buildTarGz([{ path: 'dev', tarType: '3' }]),
      'application/gzip',
      /"dev".*devices/,
    );
    await expect400(
      buildZip([{ path: 'link.yaml', data: 'target', unixMode: 0o120777 }]),
      'application/zip',
      /"link.yaml".*symbolic links/,
    );
    expect(
      sim.store.get('/configmaps', NS, 'archive-test-never'),
    ).toBeUndefined();
    // A refused upload of a real apply is on record.
    const audit = await request(tb.server).get(
      `/api/kubemate/audit?operation=admin-yaml-apply&result=denied&namespace=${NS}`,
    );
    expect(
      (audit.body.items as Obj[]).some(e =>
        String(e.error).includes('evil.yaml'),
      ),
    ).toBe(true);
    await tb.stop();
  });

  it('enforces the archive size, entry count and content type', async () => {
    const tb = await startKubemateBackend({ sim, entities: [] });
    const tooMany = buildZip(
      Array.from({ length: 1001 }, (_, i) => ({
        path: `f${i}.txt`,
        data: 'x',
      })),
    );
    const many = await upload(tb.server, 'preview', tooMany, 'application/zip');
    expect(many.status).toBe(400);
    expect(many.body.error.message).toContain('at most 1000');
    const manyTar = await upload(
      tb.server,
      'preview',
      buildTarGz(
        Array.from({ length: 1001 }, (_, i) => ({ path: `f${i}.txt` })),
      ),
      'application/gzip',
    );
    expect(manyTar.status).toBe(400);
    expect(manyTar.body.error.message).toContain('more than 1000 entries');

    const random = Buffer.alloc(11 * 1024 * 1024);
    for (let i = 0; i < random.length; i += 4) {
      random.writeUInt32LE((Math.random() * 0xffffffff) >>> 0, i);
    }
    const large = await upload(
      tb.server,
      'preview',
      buildZip([{ path: 'big.bin', data: random, stored: true }]),
      'application/zip',
    );
    expect(large.status).toBe(400);
    expect(large.body.error.message).toContain('larger than 10 MiB');

    const wrongType = await upload(
      tb.server,
      'preview',
      buildTarGz(manifests),
      'application/zip',
    );
    expect(wrongType.status).toBe(400);
    const noTarget = await request(tb.server)
      .post('/api/kubemate/admin/yaml/preview')
      .set('Content-Type', 'application/gzip')
      .send(buildTarGz(manifests));
    expect(noTarget.status).toBe(400);
    const garbage = await upload(
      tb.server,
      'preview',
      Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(100, 7)]),
      'application/gzip',
    );
    expect(garbage.status).toBe(400);
    const truncated = zlib.gzipSync(Buffer.alloc(700, 1));
    expect(
      (await upload(tb.server, 'preview', truncated, 'application/gzip'))
        .status,
    ).toBe(400);
    await tb.stop();
  });

  it('takes an archive uploaded as a multipart/form-data file part, and refuses a form without one', async () => {
    const tb = await startKubemateBackend({ sim, entities: [] });
    const archive = buildTarGz(manifests);
    const preview = await request(tb.server)
      .post('/api/kubemate/admin/yaml/preview')
      .field('cluster', 'sim')
      .field('namespace', 'bank-core')
      .attach('archive', archive, 'manifests.tar.gz');
    expect(preview.status).toBe(200);
    expect(preview.body.namespace).toBe('bank-core');
    expect(summary(preview.body)).toContain(
      'a/config.yml#0 ConfigMap archive-test-one created',
    );
    expect(
      sim.store.get('/configmaps', 'bank-core', 'archive-test-one'),
    ).toBeUndefined();
    const missing = await request(tb.server)
      .post('/api/kubemate/admin/yaml/preview')
      .field('cluster', 'sim')
      .field('namespace', 'bank-core');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('"archive"');
    await tb.stop();
  });

  it('normalizes safe entry paths', () => {
    expect(safeEntryPath('./a//b.yaml')).toBe('a/b.yaml');
    expect(() => safeEntryPath('C:\\x.yaml')).toThrow(/absolute/);
    expect(() => safeEntryPath('a\\..\\..\\x.yaml')).toThrow(/escape/);
  });
});
