import type { Simulator } from '@kubemate/kube-simulator';
import { parseQuantity } from '@kubemate/plugin-kubemate-common';
import request from 'supertest';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';
import { auditCsvCell } from '../audit/auditCsv';

jest.setTimeout(90_000);

type Obj = Record<string, any>;

/** What the test expects a node's pods to ask for, summed over their containers. */
function expectedSums(pods: Obj[], node: string) {
  const mine = pods.filter(
    p =>
      p.spec?.nodeName === node &&
      !['Succeeded', 'Failed'].includes(p.status?.phase),
  );
  const sum = (field: 'requests' | 'limits', r: 'cpu' | 'memory') =>
    mine
      .flatMap(p => p.spec.containers as Obj[])
      .reduce((s, c) => s + (parseQuantity(c.resources?.[field]?.[r]) ?? 0), 0);
  return {
    podCount: mine.length,
    requested: {
      cpu: sum('requests', 'cpu'),
      memory: sum('requests', 'memory'),
    },
    limited: { cpu: sum('limits', 'cpu'), memory: sum('limits', 'memory') },
  };
}

const event = (
  name: string,
  extra: Obj,
): Obj & { metadata: { name: string; namespace: string } } => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'bank-payments' },
  involvedObject: {
    kind: 'Pod',
    name: 'payments-api-0',
    namespace: 'bank-payments',
  },
  type: 'Warning',
  reason: 'AdminTestBackOff',
  message: `message of ${name}`,
  count: 1,
  source: { component: 'kubelet' },
  ...extra,
});

const YAML_NS = 'bank-payments';
const twoGoodOneBad = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: admin-test-settings
data:
  mode: blue
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: Admin_Test_Broken
spec:
  selector: { matchLabels: { app: x } }
  template:
    metadata: { labels: { app: x } }
    spec: { containers: [{ name: x, image: nginx }] }
---
apiVersion: v1
kind: Service
metadata:
  name: admin-test-svc
spec:
  ports: [{ port: 80 }]
  selector: { app: admin-test }
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: admin-test-elsewhere
  namespace: bank-core
data: {}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: admin-test-role
rules: []
`;

describe('the admin console against the Kubernetes simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it('lists nodes with the requests and limits of their pods summed', async () => {
    const tb = await startKubemateBackend({ sim, entities: [] });
    const res = await request(tb.server).get(
      '/api/kubemate/clusters/sim/nodes',
    );
    expect(res.status).toBe(200);
    const nodes = sim.store.list('/nodes') as Obj[];
    expect(res.body.items.map((n: Obj) => n.name)).toEqual(
      nodes.map(n => n.metadata.name).sort(),
    );
    const pods = sim.store.list('/pods') as Obj[];
    let podsOnNodes = 0;
    for (const n of res.body.items as Obj[]) {
      const expected = expectedSums(pods, n.name);
      podsOnNodes += expected.podCount;
      expect(n.podCount).toBe(expected.podCount);
      expect(n.requested.cpu).toBeCloseTo(expected.requested.cpu, 6);
      expect(n.requested.memory).toBeCloseTo(expected.requested.memory, 0);
      expect(n.limited.cpu).toBeCloseTo(expected.limited.cpu, 6);
      expect(n.limited.memory).toBeCloseTo(expected.limited.memory, 0);
      expect(n.capacity.cpu).toBeGreaterThan(0);
      expect(n.allocatable.pods).toBeGreaterThan(0);
      expect(n.conditions.map((c: Obj) => c.type)).toContain('Ready');
    }
    expect(podsOnNodes).toBeGreaterThan(0);
    // The simulator serves metrics.k8s.io.
    expect(res.body.metricsAvailable).toBe(true);
    expect(res.body.items[0].usage.cpu).toBeGreaterThan(0);
    await tb.stop();
  });

  it('reports inspection findings of the manifests in a dry run, high severity first', async () => {
    const tb = await startKubemateBackend({ sim, entities: [] });
    const yaml = `
apiVersion: v1
kind: ConfigMap
metadata: { name: admin-test-findings-cm }
data: {}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: admin-test-privileged }
spec:
  selector: { matchLabels: { app: p } }
  template:
    metadata: { labels: { app: p } }
    spec:
      containers:
        - name: app
          image: nginx
          securityContext: { privileged: true }
`;
    const preview = await request(tb.server)
      .post('/api/kubemate/admin/yaml/preview')
      .send({ cluster: 'sim', namespace: YAML_NS, yaml });
    expect(preview.status).toBe(200);
    const findings = preview.body.findings as Obj[];
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleId: 'container-privileged',
          severity: 'high',
          kind: 'Deployment',
          name: 'admin-test-privileged',
          namespace: YAML_NS,
          index: 1,
        }),
      ]),
    );
    const order = ['high', 'medium', 'low'];
    const ranks = findings.map(f => order.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    await tb.stop();
  });

  it('lists cluster-wide warning events, filtered and newest first', async () => {
    sim.apply([
      event('admin-test-old', { lastTimestamp: '2026-01-01T00:00:00Z' }),
      event('admin-test-new', { lastTimestamp: '2026-01-02T00:00:00Z' }),
      event('admin-test-normal', {
        type: 'Normal',
        lastTimestamp: '2026-01-03T00:00:00Z',
      }),
      event('admin-test-svc', {
        involvedObject: {
          kind: 'Service',
          name: 's',
          namespace: 'bank-payments',
        },
        lastTimestamp: '2026-01-04T00:00:00Z',
      }),
    ]);
    const tb = await startKubemateBackend({ sim, entities: [] });
    const get = (q: string) =>
      request(tb.server).get(`/api/kubemate/clusters/sim/events?${q}`);
    const warnings = await get(
      'namespace=bank-payments&reason=AdminTestBackOff',
    );
    expect(warnings.status).toBe(200);
    expect(warnings.body.items.map((e: Obj) => e.name)).toEqual([
      'admin-test-svc',
      'admin-test-new',
      'admin-test-old',
    ]);
    const pods = await get('reason=AdminTestBackOff&kind=Pod&limit=1');
    expect(pods.body.total).toBe(2);
    expect(pods.body.items.map((e: Obj) => e.name)).toEqual(['admin-test-new']);
    const all = await get('reason=AdminTestBackOff&type=all');
    expect(all.body.total).toBe(4);
    expect(
      (await get('namespace=erp-finance&reason=AdminTestBackOff')).body.total,
    ).toBe(0);
    expect((await get('limit=501')).status).toBe(400);
    await tb.stop();
  });

  it('previews without changing anything, then applies the good objects and reports the bad', async () => {
    const tb = await startKubemateBackend({ sim, entities: [] });
    const preview = await request(tb.server)
      .post('/api/kubemate/admin/yaml/preview')
      .send({ cluster: 'sim', namespace: YAML_NS, yaml: twoGoodOneBad });
    expect(preview.status).toBe(200);
    const summary = (body: Obj) =>
      body.objects.map((o: Obj) => `${o.kind} ${o.name} ${o.action}`);
    expect(summary(preview.body)).toEqual([
      'ConfigMap admin-test-settings created',
      'Deployment Admin_Test_Broken failed',
      'Service admin-test-svc created',
      'ConfigMap admin-test-elsewhere failed',
      'ClusterRole admin-test-role failed',
    ]);
    expect(preview.body.dryRun).toBe(true);
    expect(preview.body.objects[0].diff).toContain('+  mode: blue');
    // The API server's reason.
    expect(preview.body.objects[1].error).toContain('Admin_Test_Broken');
    expect(preview.body.objects[3].error).toContain('bank-core');
    expect(preview.body.objects[4].error).toContain('cluster-scoped');
    expect(
      sim.store.get('/configmaps', YAML_NS, 'admin-test-settings'),
    ).toBeUndefined();
    expect(
      sim.store.get('/services', YAML_NS, 'admin-test-svc'),
    ).toBeUndefined();

    const applied = await request(tb.server)
      .post('/api/kubemate/admin/yaml/apply')
      .send({ cluster: 'sim', namespace: YAML_NS, yaml: twoGoodOneBad });
    expect(applied.status).toBe(200);
    expect(summary(applied.body)).toEqual(summary(preview.body));
    const cm = sim.store.get('/configmaps', YAML_NS, 'admin-test-settings')!;
    expect(cm.data).toEqual({ mode: 'blue' });
    expect((cm.metadata.managedFields as Obj[]).map(f => f.manager)).toContain(
      'kubemate-admin',
    );
    expect(sim.store.get('/services', YAML_NS, 'admin-test-svc')).toBeDefined();
    expect(
      sim.store.get('apps/deployments', YAML_NS, 'Admin_Test_Broken'),
    ).toBeUndefined();

    // Again: nothing changes; a change of one value is a change.
    const again = await request(tb.server)
      .post('/api/kubemate/admin/yaml/apply')
      .send({ cluster: 'sim', namespace: YAML_NS, yaml: twoGoodOneBad });
    expect(again.body.objects[0].action).toBe('unchanged');
    const changed = await request(tb.server)
      .post('/api/kubemate/admin/yaml/preview')
      .send({
        cluster: 'sim',
        namespace: YAML_NS,
        yaml: twoGoodOneBad.replace('mode: blue', 'mode: green'),
      });
    expect(changed.body.objects[0].action).toBe('changed');
    expect(changed.body.objects[0].diff).toContain('-  mode: blue');
    expect(changed.body.objects[0].diff).toContain('+  mode: green');

    // Intent and outcome per object; refused objects on record.
    const audit = await request(tb.server).get(
      '/api/kubemate/audit?operation=admin-yaml-apply&limit=500',
    );
    const records = (audit.body.items as Obj[]).map(
      e => `${e.kind} ${e.name} ${e.result}`,
    );
    expect(records).toEqual(
      expect.arrayContaining([
        'ConfigMap admin-test-settings succeeded',
        'Service admin-test-svc succeeded',
        'Deployment Admin_Test_Broken failed',
        'ConfigMap admin-test-elsewhere denied',
        'ClusterRole admin-test-role denied',
      ]),
    );
    await tb.stop();
  });

  it('refuses more documents than allowed and a YAML that is too large', async () => {
    const tb = await startKubemateBackend({ sim, entities: [] });
    const many = Array.from(
      { length: 501 },
      (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c${i} }`,
    ).join('\n---\n');
    const tooMany = await request(tb.server)
      .post('/api/kubemate/admin/yaml/preview')
      .send({ cluster: 'sim', namespace: YAML_NS, yaml: many });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('at most 500');
    const tooLarge = await request(tb.server)
      .post('/api/kubemate/admin/yaml/preview')
      .send({
        cluster: 'sim',
        namespace: YAML_NS,
        yaml: `# ${'x'.repeat(2 * 1024 * 1024)}`,
      });
    expect(tooLarge.status).toBe(400);
    await tb.stop();
  });

  it('answers 403 to a non-admin and puts a refused apply on record', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      permissions: permissionsDenying(
        'kubemate.admin.read',
        'kubemate.admin.apply',
      ),
    });
    for (const path of ['/clusters/sim/nodes', '/clusters/sim/events']) {
      const res = await request(tb.server).get(`/api/kubemate${path}`);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('kubemate.admin.read');
    }
    const refused = await request(tb.server)
      .post('/api/kubemate/admin/yaml/apply')
      .send({
        cluster: 'sim',
        namespace: 'erp-supply',
        yaml: 'kind: ConfigMap',
      });
    expect(refused.status).toBe(403);
    const audit = await request(tb.server).get(
      '/api/kubemate/audit?operation=admin-yaml-apply&result=denied&namespace=erp-supply',
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        cluster: 'sim',
        namespace: 'erp-supply',
        error: "Missing permission 'kubemate.admin.apply'",
      }),
    ]);
    await tb.stop();
  });

  it('exports the audit log as CSV, escaped and safe from formula injection', async () => {
    const tb = await startKubemateBackend({ sim, entities: [] });
    const injected = '=HYPERLINK("http://evil","x, y")';
    await request(tb.server)
      .post('/api/kubemate/admin/yaml/apply')
      .send({
        cluster: 'sim',
        namespace: YAML_NS,
        yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: '${injected}'\n  namespace: bank-core\n`,
      });
    const res = await request(tb.server).get(
      '/api/kubemate/audit/export.csv?operation=admin-yaml-apply&result=denied',
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(
      'attachment; filename="kubemate-audit.csv"',
    );
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe(
      'id,at,actor,entityRef,cluster,namespace,kind,name,operation,result,error,parameters',
    );
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil"",""x, y"")"`);
    expect(res.text).not.toMatch(/,=HYPERLINK/);
    const denied = await request(tb.server).get(
      '/api/kubemate/audit/export.csv?result=nonsense',
    );
    expect(denied.status).toBe(400);
    await tb.stop();
  });

  it('escapes CSV cells per RFC 4180', () => {
    expect(auditCsvCell('plain')).toBe('plain');
    expect(auditCsvCell('a,b')).toBe('"a,b"');
    expect(auditCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(auditCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(auditCsvCell('+1')).toBe("'+1");
    expect(auditCsvCell('-1')).toBe("'-1");
    expect(auditCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(auditCsvCell(undefined)).toBe('');
  });
});
