import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  kubemateRoutes,
  type KubemateRoute,
} from '@kubemate/plugin-kubemate-common';
import type { Simulator } from '@kubemate/kube-simulator';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { findingsToCsv } from './export';
import { fetchClusterObjects } from './fetchClusterObjects';
import { createClusterClients } from '../clusters/ClusterClients';
import type { Finding } from './InspectionStore';
import {
  NO_SCHEDULE,
  startInspectionBackend,
} from '../__testUtils__/inspectionBackend';
import {
  simulatorClusterConfig,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(120_000);

/** The answer parses with the route's response schema: required fields, ISO times. */
function expectContract(route: KubemateRoute, body: unknown) {
  if ('contentType' in route.response) throw new Error('not a JSON route');
  const parsed = route.response.safeParse(body);
  expect(parsed.success ? 'ok' : parsed.error.message).toBe('ok');
}

const ANSIBLE = path.resolve(
  __dirname,
  'ingest/__fixtures__/ansible-node-checks.json',
);

const component = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': name },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-erp' },
});

/** Permissions named here are denied; the list can change during a test. */
let denied: string[] = [];
const permissions = mockServices.permissions.mock({
  authorize: async requests =>
    requests.map(r => ({
      result: denied.includes(r.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    })),
}).factory;

describe('cluster inspection API against the Kubernetes simulator', () => {
  let sim: Simulator;
  let server: any;
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    sim = await startSeededSimulator();
    const tb = await startInspectionBackend({
      clusters: [simulatorClusterConfig(sim)],
      entities: [
        component('erp-finance'),
        component('erp-portal'),
        // Owned by team-erp here, while its workloads live in team-banking's bank-payments.
        component('payments-api'),
      ],
      permissions,
      kubemate: {
        inspection: { clusters: { sim: { schedule: NO_SCHEDULE } } },
      },
    });
    server = tb.server;
    stopBackend = () => tb.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sim?.stop();
  });

  afterEach(() => {
    denied = [];
    sim.faults.set({ rules: [] });
  });

  const api = '/api/kubemate/inspection';

  async function startRun(): Promise<string> {
    const res = await request(server)
      .post(`${api}/runs`)
      .send({ cluster: 'sim' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      cluster: 'sim',
      profile: 'baseline',
      trigger: 'manual',
      status: 'running',
    });
    return res.body.id;
  }

  async function waitForRun(id: string) {
    for (let i = 0; i < 300; i++) {
      const res = await request(server).get(`${api}/runs/${id}`);
      expect(res.status).toBe(200);
      if (res.body.status !== 'running') return res.body;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(`run ${id} did not finish`);
  }

  async function findings(query: Record<string, string>) {
    const res = await request(server).get(`${api}/findings`).query(query);
    expect(res.status).toBe(200);
    return res.body.items as any[];
  }

  const findingOf = async (ruleId: string, name: string) =>
    (await findings({ cluster: 'sim', ruleId, limit: '500' })).find(
      f => f.resource.name === name,
    );

  it('runs inspections end to end: findings, lifecycle, fixes, reports', async () => {
    const first = await startRun();
    // One run per cluster at a time.
    const conflict = await request(server)
      .post(`${api}/runs`)
      .send({ cluster: 'sim' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toMatch(/already in progress/);

    const run1 = await waitForRun(first);
    expect(run1).toMatchObject({ status: 'succeeded' });
    expect(run1.summary.failed).toBeGreaterThan(0);
    expect(run1.summary.newFindings).toBeGreaterThan(0);
    expect(run1.coverage.ruleIds).toContain('container-privileged');
    expect(run1.progress.done).toBe(run1.progress.total);

    const privileged = await findingOf('container-privileged', 'erp-finance');
    expect(privileged).toMatchObject({
      state: 'new',
      severity: 'high',
      entityRef: 'component:default/erp-finance',
      resource: { kind: 'Deployment', namespace: 'erp-finance' },
    });
    expect(privileged.rule.description).toBeTruthy();
    expect(privileged.rule.remediation).toBeTruthy();
    expect(
      await findingOf('container-image-tag-latest', 'erp-portal'),
    ).toMatchObject({
      state: 'new',
      entityRef: 'component:default/erp-portal',
    });
    expect(
      await findingOf('container-memory-limits-missing', 'erp-finance'),
    ).toMatchObject({ entityRef: 'component:default/erp-finance' });
    // Tenancy: payments-api's label does not make team-banking's objects team-erp's.
    const inBankPayments = (
      await findings({
        cluster: 'sim',
        namespace: 'bank-payments',
        limit: '500',
      })
    ).filter(f => f.resource.name.startsWith('payments-api'));
    expect(inBankPayments.length).toBeGreaterThan(0);
    expect(inBankPayments.filter(f => f.entityRef)).toEqual([]);
    expect(
      await findingOf('tls-secret-expiring', 'payments-tls'),
    ).toMatchObject({
      state: 'new',
      resource: { kind: 'Secret', namespace: 'bank-payments' },
    });

    // Second run: still failing → open.
    const run2 = await waitForRun(await startRun());
    expect(run2.status).toBe('succeeded');
    expect(run2.summary.newFindings).toBe(0);
    expect((await findingOf('container-privileged', 'erp-finance')).state).toBe(
      'open',
    );

    // Remove a risky object: the next run marks its finding fixed.
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    await KubernetesObjectApi.makeApiClient(kc).delete({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'erp-portal', namespace: 'erp-supply' },
    });
    const run3 = await waitForRun(await startRun());
    expect(run3.status).toBe('succeeded');
    expect(run3.summary.fixedFindings).toBeGreaterThan(0);
    const latest = await findingOf('container-image-tag-latest', 'erp-portal');
    expect(latest).toMatchObject({ state: 'fixed', fixedRunId: run3.id });

    const diff = await request(server).get(`${api}/runs/${run3.id}/diff`);
    expect(diff.status).toBe(200);
    expect(diff.body.previousRunId).toBe(run2.id);
    expect(diff.body.fixed.map((f: any) => f.fingerprint)).toContain(
      latest.fingerprint,
    );

    // Reports.
    const summary = await request(server)
      .get(`${api}/summary`)
      .query({ cluster: 'sim' });
    expect(summary.status).toBe(200);
    expect(summary.body.risksBySeverity.high).toBeGreaterThan(0);
    expect(summary.body.score).toBeGreaterThanOrEqual(0);
    const entitySummary = await request(server)
      .get(`${api}/summary`)
      .query({ entityRef: 'component:default/erp-finance' });
    expect(entitySummary.body.failed).toBeGreaterThan(0);
    const trend = await request(server)
      .get(`${api}/trend`)
      .query({ cluster: 'sim' });
    expect(trend.body.items.map((p: any) => p.runId)).toEqual([
      run1.id,
      run2.id,
      run3.id,
    ]);
    const runs = await request(server)
      .get(`${api}/runs`)
      .query({ cluster: 'sim', limit: '2' });
    expect(runs.body).toMatchObject({ total: 3 });
    expect(runs.body.items).toHaveLength(2);
    const clusters = await request(server).get(`${api}/clusters`);
    expect(clusters.body.items).toEqual([
      expect.objectContaining({
        name: 'sim',
        profile: 'baseline',
        latestRun: expect.objectContaining({ id: run3.id }),
        summary: expect.objectContaining({ runIds: [run3.id] }),
      }),
    ]);

    // Filters and exports.
    const high = await findings({
      cluster: 'sim',
      severity: 'high',
      state: 'new,open',
      namespace: 'erp-finance',
      sort: 'ruleId',
      limit: '500',
    });
    expect(high.length).toBeGreaterThan(0);
    expect(high.every(f => f.severity === 'high')).toBe(true);
    expect(high.map(f => f.ruleId)).toEqual(
      [...high.map(f => f.ruleId)].sort(),
    );
    const byEntity = await findings({
      entityRef: 'component:default/erp-finance',
      limit: '500',
    });
    expect(byEntity.length).toBeGreaterThan(0);
    const csv = await request(server)
      .get(`${api}/findings.csv`)
      .query({ cluster: 'sim', ruleId: 'container-privileged' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^fingerprint,cluster,state/);
    expect(csv.text).toContain('erp-finance');
    const exported = await request(server)
      .get(`${api}/findings.json`)
      .query({ cluster: 'sim', state: 'fixed' });
    expect(exported.body.items.map((f: any) => f.fingerprint)).toContain(
      latest.fingerprint,
    );

    // What the routers send is the contract's wire form.
    expectContract(kubemateRoutes.getInspectionRunDiff, diff.body);
    expectContract(kubemateRoutes.getInspectionTrend, trend.body);
    expectContract(kubemateRoutes.listInspectionRuns, runs.body);
    expectContract(kubemateRoutes.listInspectedClusters, clusters.body);
    expectContract(kubemateRoutes.exportFindingsJson, exported.body);
    expect(diff.body.fixed.length).toBeGreaterThan(0);
  });

  it('ignores and unignores a risk item, with permission', async () => {
    const privileged = await findingOf('container-privileged', 'erp-finance');
    expect(privileged).toBeDefined();
    const url = `${api}/findings/${privileged.fingerprint}`;

    denied = ['kubemate.risk.ignore'];
    const forbidden = await request(server)
      .post(`${url}/ignore`)
      .send({ reason: 'accepted-risk' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/kubemate\.risk\.ignore/);
    denied = [];

    const bad = await request(server)
      .post(`${url}/ignore`)
      .send({ reason: 'because' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/reason/);

    const ignored = await request(server).post(`${url}/ignore`).send({
      reason: 'false-positive',
      comment: 'vetted legacy app',
      until: '2999-01-01T00:00:00Z',
    });
    expect(ignored.status).toBe(200);
    expect(ignored.body).toMatchObject({
      state: 'ignored',
      ignored: {
        reason: 'false-positive',
        comment: 'vetted legacy app',
        by: 'user:default/mock',
      },
    });
    const detail = await request(server).get(url);
    expect(detail.body.history.at(-1)).toMatchObject({
      to: 'ignored',
      actor: 'user:default/mock',
    });

    const unignored = await request(server).post(`${url}/unignore`);
    expect(unignored.status).toBe(200);
    expect(unignored.body.state).toBe('open');

    // Each attempt is in the audit log with the finding's resource, newest first.
    const audit = await request(server)
      .get('/api/kubemate/audit')
      .query({ name: privileged.resource.name });
    expect(
      audit.body.items
        .filter((e: { operation: string }) => e.operation.startsWith('risk-'))
        .map((e: { operation: string; result: string }) => [
          e.operation,
          e.result,
        ]),
    ).toEqual([
      ['risk-unignore', 'succeeded'],
      ['risk-ignore', 'succeeded'],
      ['risk-ignore', 'denied'],
    ]);
    const ignoreEvent = audit.body.items.find(
      (e: { operation: string; result: string }) =>
        e.operation === 'risk-ignore' && e.result === 'succeeded',
    );
    expect(ignoreEvent).toMatchObject({
      actor: 'user:default/mock',
      cluster: 'sim',
      namespace: 'erp-finance',
      parameters: {
        fingerprint: privileged.fingerprint,
        ruleId: 'container-privileged',
        reason: 'false-positive',
        comment: 'vetted legacy app',
      },
    });

    denied = ['kubemate.inspection.read'];
    expect((await request(server).get(url)).status).toBe(403);
  });

  it('marks a run failed when listing fails, and fixes nothing', async () => {
    const before = await findings({
      cluster: 'sim',
      state: 'fixed',
      limit: '500',
    });
    sim.faults.set({
      rules: [{ verb: 'list', resource: 'pods', errorRate: 1, code: 503 }],
    });
    const run = await waitForRun(await startRun());
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/Pod.*503/);
    const after = await findings({
      cluster: 'sim',
      state: 'fixed',
      limit: '500',
    });
    expect(after.map(f => f.fingerprint).sort()).toEqual(
      before.map(f => f.fingerprint).sort(),
    );
  });

  it('audits starting a run, and a refused start', async () => {
    await waitForRun(await startRun());
    denied = ['kubemate.inspection.run'];
    const refused = await request(server)
      .post(`${api}/runs`)
      .send({ cluster: 'sim' });
    expect(refused.status).toBe(403);
    const audit = await request(server)
      .get('/api/kubemate/audit')
      .query({ operation: 'inspection-run', cluster: 'sim' });
    expect(
      audit.body.items
        .slice(0, 2)
        .map((e: { result: string; parameters: object }) => [
          e.result,
          e.parameters,
        ]),
    ).toEqual([
      ['denied', { profile: 'baseline' }],
      ['succeeded', { profile: 'baseline' }],
    ]);
  });

  it('ingests an Ansible report once', async () => {
    const report = JSON.parse(fs.readFileSync(ANSIBLE, 'utf8'));
    const first = await request(server)
      .post(`${api}/ingest/ansible`)
      .query({ cluster: 'sim' })
      .send(report);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      duplicate: false,
      run: { status: 'succeeded', source: 'ansible', trigger: 'ingest' },
    });
    const again = await request(server)
      .post(`${api}/ingest/ansible`)
      .query({ cluster: 'sim' })
      .send(report);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      duplicate: true,
      run: { id: first.body.run.id },
    });
    const nodes = await findings({
      cluster: 'sim',
      kind: 'Node',
      limit: '500',
    });
    expect(nodes.some(f => f.source === 'ansible')).toBe(true);

    expect(
      (
        await request(server)
          .post(`${api}/ingest/ansible`)
          .query({ cluster: 'nope' })
          .send(report)
      ).status,
    ).toBe(400);
    denied = ['kubemate.inspection.ingest'];
    expect(
      (
        await request(server)
          .post(`${api}/ingest/generic`)
          .send({ cluster: 'sim', source: 'x', results: [] })
      ).status,
    ).toBe(403);
  });

  it('lists rules and profiles and rejects bad input', async () => {
    const rules = await request(server).get(`${api}/rules`);
    expect(rules.status).toBe(200);
    expect(rules.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'container-privileged',
          severity: 'high',
          category: 'security',
          description: expect.any(String),
          remediation: expect.any(String),
        }),
      ]),
    );
    const profiles = await request(server).get(`${api}/profiles`);
    expect(profiles.body.items.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['baseline', 'financial', 'erp']),
    );

    const badSeverity = await request(server)
      .get(`${api}/findings`)
      .query({ severity: 'urgent' });
    expect(badSeverity.status).toBe(400);
    expect(badSeverity.body.error.message).toMatch(/severity/);
    expect(
      (await request(server).post(`${api}/runs`).send({ cluster: 'nope' }))
        .status,
    ).toBe(404);
    expect(
      (
        await request(server)
          .post(`${api}/runs`)
          .send({ cluster: 'sim', profile: 'nope' })
      ).status,
    ).toBe(400);
    expect((await request(server).get(`${api}/runs/not-a-uuid`)).status).toBe(
      400,
    );
    expect(
      (await request(server).get(`${api}/findings/does-not-exist`)).status,
    ).toBe(404);
  });
  it('lists page by page and skips APIs the cluster does not serve', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    const kinds = [
      { kind: 'Pod', apiVersions: ['v1'] },
      { kind: 'Deployment', apiVersions: ['apps/v1'] },
      { kind: 'Widget', apiVersions: ['example.com/v1'] },
      { kind: 'Gadget', apiVersions: ['v1'] },
    ];
    const { raw } = createClusterClients(kc, { timeoutMs: 30_000 });
    // The simulator's controllers may still be replacing pods between two lists (earlier tests
    // ran probes): compare a whole and a paged list taken while nothing changed in between.
    let whole = await fetchClusterObjects(raw, kinds);
    const progress: string[] = [];
    let paged = whole;
    for (let attempt = 0; attempt < 10; attempt++) {
      progress.length = 0;
      paged = await fetchClusterObjects(raw, kinds, {
        pageSize: 3,
        onKind: (done, total, kind) => {
          progress.push(`${done}/${total} ${kind}`);
        },
      });
      const again = await fetchClusterObjects(raw, kinds);
      if (JSON.stringify(again.listed) === JSON.stringify(whole.listed)) break;
      whole = again;
    }
    expect(whole.skipped).toEqual(['Widget', 'Gadget']);
    expect(paged.skipped).toEqual(['Widget', 'Gadget']);
    const pods = paged.listed.find(l => l.kind === 'Pod')!;
    expect(pods.count).toBeGreaterThan(3);
    expect(paged.listed).toEqual(whole.listed);
    const key = (o: any) =>
      `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
    expect(paged.objects.map(key).sort()).toEqual(
      whole.objects.map(key).sort(),
    );
    expect(paged.objects[0]).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    // Raw JSON, not the client's typed models.
    expect(typeof paged.objects[0].metadata?.creationTimestamp).toBe('string');
    expect(progress).toEqual([
      '1/4 Pod',
      '2/4 Deployment',
      '3/4 Widget',
      '4/4 Gadget',
    ]);
  });

  it('ingests a generic report', async () => {
    const report = {
      cluster: 'sim',
      source: 'kube-bench',
      results: [
        {
          ruleId: 'CIS-4.2.1',
          severity: 'high',
          category: 'security',
          status: 'failed',
          resource: { kind: 'Node', name: 'sim-node-1', host: 'sim-node-1' },
          observed: true,
          expected: false,
        },
      ],
    };
    const res = await request(server)
      .post(`${api}/ingest/generic`)
      .send(report);
    expect(res.status).toBe(201);
    expect(res.body.run).toMatchObject({
      source: 'generic',
      status: 'succeeded',
    });
    expect(await findingOf('CIS-4.2.1', 'sim-node-1')).toMatchObject({
      state: 'new',
      observed: 'true',
    });
    const invalid = await request(server)
      .post(`${api}/ingest/generic`)
      .send({
        ...report,
        results: [{ ...report.results[0], severity: 'urgent' }],
      });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/results\[0\]\.severity/);
  });
});

describe('findingsToCsv', () => {
  it('quotes and neutralizes formula-like cells', () => {
    const csv = findingsToCsv([
      {
        fingerprint: 'f1',
        cluster: 'c',
        state: 'open',
        severity: 'high',
        category: 'security',
        ruleId: 'r',
        title: 'a "quoted", title',
        resource: { kind: 'Pod', name: 'p' },
        message: '=HYPERLINK("x")',
        lastSeenAt: new Date('2026-01-01T00:00:00Z'),
      } as unknown as Finding,
    ]);
    const [, row] = csv.split('\r\n');
    expect(row).toContain('"a ""quoted"", title"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('2026-01-01T00:00:00.000Z');
  });
});
