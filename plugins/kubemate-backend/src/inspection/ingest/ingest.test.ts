import {
  createTestDatabases,
  migratingDatabase,
} from '../../__testUtils__/testDatabases';
import { InputError } from '@backstage/errors';
import { DatabaseInspectionStore } from '../DatabaseInspectionStore';
import { parseAnsibleReport, parseTaskName } from './ansible';
import { canonicalJson } from './digest';
import { parseGenericReport } from './generic';
import { readFixture } from './__testUtils__/readFixture';

jest.setTimeout(120_000);

const fixture = () => readFixture('ansible-node-checks.json');

const summarize = (report: ReturnType<typeof parseAnsibleReport>) =>
  report.results.map(r => `${r.ruleId} ${r.resource.name} ${r.status}`).sort();

describe('parseTaskName', () => {
  it('takes the first token as the rule id', () => {
    expect(parseTaskName('OS-001 Swap is disabled')).toEqual({
      ruleId: 'OS-001',
      title: 'Swap is disabled',
    });
    expect(
      parseTaskName('node_baseline : CIS4.2.1 Kubelet anonymous auth'),
    ).toEqual({
      ruleId: 'CIS4.2.1',
      title: 'Kubelet anonymous auth',
    });
    expect(parseTaskName('Gathering Facts')).toBeUndefined();
    expect(parseTaskName('Report')).toBeUndefined();
  });
});

describe('parseAnsibleReport', () => {
  it('turns the json callback output into check results and coverage', () => {
    const report = parseAnsibleReport(fixture(), { cluster: 'prod' });
    expect(report.source).toBe('ansible');
    expect(report.profile).toBe('ansible:Kubernetes node baseline');
    expect(summarize(report)).toEqual([
      'OS-001 node-1 passed',
      'OS-001 node-2 failed',
      'OS-001 node-3 error',
      'OS-002 node-1 failed',
      'OS-002 node-2 passed',
      'OS-002 node-3 error',
      'OS-003 node-1 passed',
      'OS-003 node-2 skipped',
      'OS-003 node-3 error',
      'OS-004 node-1 error',
      'OS-004 node-2 passed',
      'OS-004 node-3 error',
    ]);
    const swap = report.results.find(
      r => r.ruleId === 'OS-001' && r.status === 'failed',
    )!;
    expect(swap).toMatchObject({
      title: 'Swap is disabled',
      severity: 'high',
      category: 'node',
      resource: { kind: 'Node', name: 'node-2', host: 'node-2' },
      observed: '/swap.img file 2G 0B -2',
      expected: 'no active swap devices',
      fix: "swapoff -a && sed -i '/ swap / s/^/#/' /etc/fstab",
    });
    const anon = report.results.find(
      r => r.ruleId === 'OS-002' && r.status === 'failed',
    )!;
    expect(anon).toMatchObject({
      severity: 'high',
      category: 'security',
      message:
        'kubelet allows anonymous requests (authentication.anonymous.enabled: true)',
    });
    const moduleFailure = report.results.find(
      r => r.ruleId === 'OS-004' && r.status === 'error',
    )!;
    expect(moduleFailure.error).toContain('Permission denied');
    const unreachable = report.results.find(r => r.resource.name === 'node-3')!;
    expect(unreachable.error).toContain('host unreachable');
    expect(report.coverage).toEqual({
      ruleIds: ['OS-001', 'OS-002', 'OS-003', 'OS-004'],
      perRule: {
        'OS-001': { hosts: ['node-1', 'node-2'] },
        'OS-002': { hosts: ['node-1', 'node-2'] },
        'OS-003': { hosts: ['node-1', 'node-2'] },
        'OS-004': { hosts: ['node-1', 'node-2'] },
      },
    });
    // Option metadata wins over set_stats metadata.
    const withRules = parseAnsibleReport(fixture(), {
      cluster: 'prod',
      rules: { 'OS-001': { severity: 'low' } },
      defaultCategory: 'reliability',
    });
    expect(withRules.results.find(r => r.ruleId === 'OS-001')!.severity).toBe(
      'low',
    );
    expect(withRules.results.find(r => r.ruleId === 'OS-003')!.category).toBe(
      'reliability',
    );
  });

  it('digests the canonical form of the report', () => {
    const a = parseAnsibleReport(fixture(), { cluster: 'prod' });
    const reordered = JSON.parse(
      JSON.stringify(fixture(), Object.keys(fixture()).reverse()),
    );
    const b = parseAnsibleReport(
      { ...reordered, ...fixture() },
      { cluster: 'prod' },
    );
    expect(b.digest).toBe(a.digest);
    expect(parseAnsibleReport(fixture(), { cluster: 'other' }).digest).not.toBe(
      a.digest,
    );
    expect(canonicalJson({ b: [1, { d: 1, c: null }], a: 'x' })).toBe(
      '{"a":"x","b":[1,{"c":null,"d":1}]}',
    );
  });

  it('rejects what is not json callback output', () => {
    expect(() => parseAnsibleReport({ foo: 1 }, { cluster: 'prod' })).toThrow(
      InputError,
    );
    expect(() =>
      parseAnsibleReport({ plays: [{ tasks: [{}] }] }, { cluster: 'prod' }),
    ).toThrow(/plays\[0\]\.tasks\[0\] needs "task" and "hosts"/);
    expect(() => parseAnsibleReport(fixture(), { cluster: '' })).toThrow(
      /cluster is required/,
    );
  });
});

describe('parseGenericReport', () => {
  const valid = {
    cluster: 'prod',
    source: 'kube-bench',
    results: [
      {
        ruleId: 'CIS-4.2.1',
        title: 'Anonymous auth disabled',
        severity: 'high',
        category: 'security',
        status: 'failed',
        resource: { kind: 'Node', name: 'node-1', host: 'node-1' },
        observed: true,
        expected: false,
        remediation: 'Set --anonymous-auth=false',
      },
      {
        ruleId: 'CIS-5.1.1',
        severity: 'medium',
        category: 'security',
        status: 'passed',
        resource: { kind: 'ClusterRoleBinding', name: 'cluster-admin' },
      },
    ],
  };

  it('converts valid reports', () => {
    const report = parseGenericReport(valid, { cluster: 'prod' });
    expect(report).toMatchObject({
      cluster: 'prod',
      source: 'generic',
      profile: 'kube-bench',
      coverage: { ruleIds: ['CIS-4.2.1', 'CIS-5.1.1'], complete: true },
    });
    expect(report.results[0]).toMatchObject({
      title: 'Anonymous auth disabled',
      observed: 'true',
      expected: 'false',
    });
    expect(report.results[1].title).toBe('CIS-5.1.1');
    expect(report.results[0].fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('explains what is wrong', () => {
    const bad = {
      cluster: 'prod',
      results: [
        { ...valid.results[0], severity: 'critical' },
        { ...valid.results[1], status: 'ok', resource: { kind: 'Node' } },
      ],
    };
    let error: Error | undefined;
    try {
      parseGenericReport(bad);
    } catch (e) {
      error = e as Error;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error!.message).toMatch(/^Invalid inspection report: /);
    expect(error!.message).toContain('source:');
    expect(error!.message).toContain('results[0].severity:');
    expect(error!.message).toContain('results[1].status:');
    expect(error!.message).toContain('results[1].resource.name:');
    expect(() => parseGenericReport('nope')).toThrow(/\(report\): /);
    expect(() => parseGenericReport(valid, { cluster: 'staging' })).toThrow(
      /for cluster "prod", not "staging"/,
    );
  });
});

describe('ingestion into the store', () => {
  const databases = createTestDatabases();

  async function createStore(
    databaseId: (typeof databases)['supportedIds'][number],
  ) {
    const { knex, database } = await migratingDatabase(databases, databaseId);
    return { knex, store: await DatabaseInspectionStore.create({ database }) };
  }

  it.each(databases.eachSupportedId())(
    'ingests the same Ansible report once, %p',
    async id => {
      const { knex, store } = await createStore(id);
      const parsed = parseAnsibleReport(fixture(), { cluster: 'prod' });
      const first = await store.ingest({
        ...parsed,
        requestedBy: 'user:default/ops',
      });
      expect(first.duplicate).toBe(false);
      expect(first.run).toMatchObject({
        status: 'succeeded',
        trigger: 'ingest',
        source: 'ansible',
        requestedBy: 'user:default/ops',
      });
      expect(first.run.summary).toMatchObject({
        passed: 4,
        failed: 2,
        errors: 5,
        skipped: 1,
        newFindings: 2,
        failedBySeverity: { high: 2, medium: 0, low: 0 },
      });
      const snapshot = async () => ({
        findings: await knex('kubemate_inspection_findings').orderBy(
          'fingerprint',
        ),
        transitions: await knex('kubemate_inspection_transitions').orderBy(
          'id',
        ),
        runs: await knex('kubemate_inspection_runs').orderBy('id'),
        stats: await knex('kubemate_inspection_run_stats').orderBy([
          'run_id',
          'severity',
        ]),
      });
      const before = await snapshot();

      const again = parseAnsibleReport(
        JSON.parse(JSON.stringify(fixture(), null, 1)),
        { cluster: 'prod' },
      );
      const second = await store.ingest(again);
      expect(second).toEqual({ run: first.run, duplicate: true });
      expect(await snapshot()).toEqual(before);

      // The next playbook run: swap is off on node-2 now; node-3 was not reached, OS-004 erred.
      const next = fixture();
      next.plays[0].play.duration.end = '2026-11-23T02:00:09.512733Z';
      next.plays[0].tasks[1].hosts['node-2'].failed = false;
      next.plays[0].tasks[1].hosts['node-2'].stdout = '';
      const r2 = await store.ingest(
        parseAnsibleReport(next, { cluster: 'prod' }),
      );
      expect(r2.duplicate).toBe(false);
      expect(r2.run.summary).toMatchObject({ fixedFindings: 1, failed: 1 });
      const findings = await store.listFindings({ cluster: 'prod' }, [
        { field: 'name', order: 'asc' },
      ]);
      expect(
        findings.items.map(f => [f.ruleId, f.resource.name, f.state]),
      ).toEqual([
        ['OS-002', 'node-1', 'open'],
        ['OS-001', 'node-2', 'fixed'],
      ]);
      expect(findings.items[0]).toMatchObject({
        source: 'ansible',
        resource: { kind: 'Node', host: 'node-1' },
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'ingests generic reports idempotently, %p',
    async id => {
      const { store } = await createStore(id);
      const body = {
        cluster: 'prod',
        source: 'kube-bench',
        results: [
          {
            ruleId: 'CIS-4.2.1',
            severity: 'high',
            category: 'security',
            status: 'failed',
            resource: { kind: 'Node', name: 'node-1', host: 'node-1' },
          },
        ],
      };
      const a = await store.ingest(parseGenericReport(body));
      const b = await store.ingest(
        parseGenericReport({
          results: body.results,
          source: 'kube-bench',
          cluster: 'prod',
        }),
      );
      expect(b.duplicate).toBe(true);
      expect(b.run.id).toBe(a.run.id);
      expect((await store.listRuns({ cluster: 'prod' })).total).toBe(1);
      await expect(
        store.ingest({ ...parseGenericReport(body), digest: 'not-a-digest' }),
      ).rejects.toBeInstanceOf(InputError);
    },
  );
});
