import {
  createTestDatabases,
  migratingDatabase,
} from '../../__testUtils__/testDatabases';
import { DatabaseInspectionStore } from '../DatabaseInspectionStore';
import { parseAnsibleReport } from './ansible';
import { readFixture } from './__testUtils__/readFixture';

jest.setTimeout(120_000);

/**
 * Real output of `ANSIBLE_STDOUT_CALLBACK=json ansible-playbook -i inventory.ini playbook.yml`
 * in examples/inspection (ansible-core 2.14, ansible.posix json callback): two plays (the second
 * with `strategy: free`), a loop, ignore_errors, a block/rescue, an unreachable host and
 * set_stats rule metadata with per-group thresholds.
 */
const example = () => readFixture('ansible-example-playbook.json');

const parse = (report = example()) =>
  parseAnsibleReport(report, { cluster: 'kubemate-sim' });

const find = (report: ReturnType<typeof parse>, ruleId: string, host: string) =>
  report.results.find(r => r.ruleId === ruleId && r.resource.host === host)!;

describe('parseAnsibleReport on the example playbook output', () => {
  it('gives one result per rule and host', () => {
    const report = parse();
    expect(report.profile).toBe('ansible:Node baseline, Bank hardening');
    const byRule: Record<string, Record<string, string>> = {};
    for (const r of report.results) {
      (byRule[r.ruleId] ??= {})[r.resource.name] = r.status;
    }
    const baseline = (bank: string, erp: string) => ({
      'bank-node-1': bank,
      'bank-node-2': bank,
      'erp-node-1': erp,
      'erp-node-2': 'error',
    });
    expect(byRule).toEqual({
      'NODE-DISK-001': baseline('passed', 'passed'),
      'NODE-MEM-001': baseline('passed', 'passed'),
      'NODE-SWAP-001': baseline('passed', 'passed'),
      // Per-group thresholds: 32768 for the bank, 4096 for ERP; the node has 4096.
      'NODE-SYSCTL-001': baseline('failed', 'passed'),
      'NODE-CERT-001': baseline('failed', 'passed'),
      'NODE-SSH-001': baseline('skipped', 'skipped'),
      'NODE-TIME-001': baseline('error', 'error'),
      // The free strategy reports each task once per host; both merge into one check.
      'NODE-KERNEL-001': { 'bank-node-1': 'passed', 'bank-node-2': 'passed' },
      'NODE-AUDIT-001': { 'bank-node-1': 'failed', 'bank-node-2': 'failed' },
    });
    expect(new Set(report.results.map(r => r.fingerprint)).size).toBe(
      report.results.length,
    );
  });

  it('maps hosts to nodes and reads metadata and thresholds from set_stats', () => {
    const report = parse();
    expect(find(report, 'NODE-SYSCTL-001', 'bank-node-1')).toMatchObject({
      resource: { kind: 'Node', name: 'bank-node-1', host: 'bank-node-1' },
      severity: 'medium',
      category: 'network',
      observed: '4096',
      expected: 'at least 32768',
      message: 'net.core.somaxconn at least the minimum',
    });
    expect(find(report, 'NODE-SYSCTL-001', 'erp-node-1').expected).toBe(
      'at least 4096',
    );
    expect(find(report, 'NODE-DISK-001', 'bank-node-1')).toMatchObject({
      severity: 'high',
      expected: 'at most 75% used',
      fix: 'crictl rmi --prune && journalctl --vacuum-size=500M',
    });
    expect(find(report, 'NODE-DISK-001', 'erp-node-1').expected).toBe(
      'at most 90% used',
    );
    // Metadata given by the caller wins over the playbook's.
    const overridden = parseAnsibleReport(example(), {
      cluster: 'kubemate-sim',
      rules: { 'NODE-DISK-001': { severity: 'low', expected: '< 50%' } },
    });
    expect(find(overridden, 'NODE-DISK-001', 'erp-node-1')).toMatchObject({
      severity: 'low',
      expected: '< 50%',
    });
  });

  it('folds a loop into one check naming the failing items', () => {
    const report = parse();
    const cert = find(report, 'NODE-CERT-001', 'bank-node-1');
    expect(cert).toMatchObject({ severity: 'high', category: 'certificates' });
    expect(cert.message).toBe(
      '1 of 5 items failed: /etc/ssl/certs/Entrust_Root_Certification_Authority.pem',
    );
    expect(cert.observed).toMatch(
      /^\/etc\/ssl\/certs\/Entrust_Root_Certification_Authority\.pem: \d+ days left$/,
    );
    // ERP checks fewer files, with a lower minimum; the missing ones are skipped items.
    expect(find(report, 'NODE-CERT-001', 'erp-node-1').observed).toMatch(
      /^\/etc\/ssl\/certs\/ISRG_Root_X1\.pem: \d+ days left$/,
    );
  });

  it('reports rescued checks, skipped checks and unreachable hosts', () => {
    const report = parse();
    expect(find(report, 'NODE-TIME-001', 'erp-node-1').error).toMatch(
      /^rescued: System has not been booted with systemd/,
    );
    expect(find(report, 'NODE-SSH-001', 'bank-node-1')).toMatchObject({
      status: 'skipped',
      skipReason: 'Conditional result was False',
    });
    expect(find(report, 'NODE-DISK-001', 'erp-node-2').error).toMatch(
      /^host unreachable earlier in the play: Failed to connect to the host via ssh/,
    );
    // The unreachable node is not covered: its stored findings are kept.
    expect(report.coverage.perRule!['NODE-DISK-001']).toEqual({
      hosts: ['bank-node-1', 'bank-node-2', 'erp-node-1'],
    });
    expect(report.coverage.perRule!['NODE-AUDIT-001']).toEqual({
      hosts: ['bank-node-1', 'bank-node-2'],
    });
    expect(report.coverage.ruleIds).toHaveLength(9);
  });

  it('reports the checks a host missed after a failure that stopped it', () => {
    const report = example();
    // Make the failure of NODE-AUDIT-001 stop bank-node-1 before a later check of the play.
    const play = report.plays[1];
    play.tasks.push({
      task: { id: 'later-check', name: 'NODE-LOG-001 Journal size is limited' },
      hosts: { 'bank-node-2': { changed: false, rc: 0, stdout: '' } },
    });
    const parsed = parse(report);
    expect(find(parsed, 'NODE-LOG-001', 'bank-node-2').status).toBe('passed');
    expect(find(parsed, 'NODE-LOG-001', 'bank-node-1')).toMatchObject({
      status: 'error',
      error:
        "not run: the host stopped after task 'NODE-AUDIT-001 API audit logs are written' failed",
    });
    expect(parsed.coverage.perRule!['NODE-LOG-001']).toEqual({
      hosts: ['bank-node-2'],
    });
  });
});

describe('ingesting the example playbook output', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('stores findings once, %p', async id => {
    const { knex, database } = await migratingDatabase(databases, id);
    const store = await DatabaseInspectionStore.create({ database });
    const first = await store.ingest({
      ...parse(),
      requestedBy: 'ansible-node-checks',
    });
    expect(first.duplicate).toBe(false);
    expect(first.run).toMatchObject({
      status: 'succeeded',
      trigger: 'ingest',
      source: 'ansible',
      profile: 'ansible:Node baseline, Bank hardening',
    });
    expect(first.run.summary).toMatchObject({
      passed: 13,
      failed: 6,
      errors: 10,
      skipped: 3,
      newFindings: 6,
      failedBySeverity: { high: 4, medium: 2, low: 0 },
    });
    const failures = first.run.summary!.executionFailures;
    expect(failures.map(f => f.ruleId)).toContain('NODE-TIME-001');

    const snapshot = async () => ({
      findings: await knex('kubemate_inspection_findings').orderBy(
        'fingerprint',
      ),
      transitions: await knex('kubemate_inspection_transitions').orderBy('id'),
      runs: await knex('kubemate_inspection_runs').orderBy('id'),
    });
    const before = await snapshot();
    // The same report, re-serialized: recognized, nothing changes.
    const again = await store.ingest(
      parse(JSON.parse(JSON.stringify(example(), null, 2))),
    );
    expect(again).toEqual({ run: first.run, duplicate: true });
    expect(await snapshot()).toEqual(before);

    const findings = await store.listFindings({ cluster: 'kubemate-sim' }, [
      { field: 'name', order: 'asc' },
    ]);
    expect(
      findings.items.map(f => `${f.ruleId} ${f.resource.name} ${f.state}`),
    ).toEqual(
      expect.arrayContaining([
        'NODE-SYSCTL-001 bank-node-1 new',
        'NODE-CERT-001 bank-node-2 new',
        'NODE-AUDIT-001 bank-node-1 new',
      ]),
    );
    expect(findings.total).toBe(6);
    expect(findings.items[0]).toMatchObject({
      source: 'ansible',
      resource: { kind: 'Node', host: findings.items[0].resource.name },
    });
  });
});
