import { mockServices } from '@backstage/backend-test-utils';
import {
  INGEST_IGNORED_LIMIT,
  kubemateRoutes,
} from '@kubemate/plugin-kubemate-common';
import type { Simulator } from '@kubemate/kube-simulator';
import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import {
  NO_SCHEDULE,
  startInspectionBackend,
} from '../../__testUtils__/inspectionBackend';
import {
  simulatorClusterConfig,
  startSeededSimulator,
} from '../../__testUtils__/simulatorBackend';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { parseAnsibleReport } from './ansible';

jest.setTimeout(180_000);

/**
 * Untouched output of real `ansible-playbook` runs (Debian's ansible 7.7: ansible-core 2.14,
 * ansible.posix 1.5.4) of the playbooks in examples/inspection/real-world, made by
 * scripts/regenerate-ansible-fixtures.sh: node-a is this machine (no kubelet, no crictl, no
 * /var/lib/kubelet, kernel.panic 1), node-down an SSH host on a closed port.
 */
const FORMATS = {
  json: 'application/json',
  'posix-json': 'application/json',
  jsonl: 'application/x-ndjson',
} as const;
type Format = keyof typeof FORMATS;

const raw = (playbook: string, format: Format) =>
  fs.readFileSync(
    path.join(__dirname, '__fixtures__', 'real-world', `${playbook}.${format}`),
    'utf8',
  );

const parse = (playbook: string, format: Format) =>
  parseAnsibleReport(raw(playbook, format), { cluster: 'sim' });

/** `RULE host → status`, as a map, for the whole report. */
const verdicts = (report: ReturnType<typeof parse>) =>
  Object.fromEntries(
    report.results.map(r => [`${r.ruleId} ${r.resource.host}`, r.status]),
  );

const result = (
  report: ReturnType<typeof parse>,
  ruleId: string,
  host: string,
) => report.results.find(r => r.ruleId === ruleId && r.resource.host === host)!;

const UNREACHABLE =
  'host unreachable earlier in the play: Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port 1: Connection refused';

describe('real ansible-playbook output', () => {
  it('node baseline: module errors and the unreachable host are execution failures, failed tests risks', () => {
    const report = parse('node-baseline', 'json');
    expect(verdicts(report)).toEqual({
      // slurp of a missing file inside block/rescue, no kubemate_rescued fact.
      'KUBELET-001 node-a': 'error',
      'FILE-001 node-a': 'passed',
      'PKI-001 node-a': 'failed', // stat + assert (ignore_errors)
      'KERNEL-001 node-a': 'failed', // assert (ignore_errors)
      'PROC-001 node-a': 'failed', // command with failed_when
      'SWAP-001 node-a': 'passed', // command with failed_when, false
      'RUNTIME-001 node-a': 'error', // command whose program is not installed
      'AUDIT-001 node-a': 'error', // command exiting non-zero, no failed_when
      'SELINUX-001 node-a': 'skipped',
      'KUBELET-001 node-down': 'error',
      'FILE-001 node-down': 'error',
      'PKI-001 node-down': 'error',
      'KERNEL-001 node-down': 'error',
      'PROC-001 node-down': 'error',
      'SWAP-001 node-down': 'error',
      'RUNTIME-001 node-down': 'error',
      'AUDIT-001 node-down': 'error',
      'SELINUX-001 node-down': 'error',
    });
    expect(result(report, 'KUBELET-001', 'node-a').error).toBe(
      'file not found: /var/lib/kubelet/config.yaml',
    );
    expect(result(report, 'RUNTIME-001', 'node-a').error).toBe(
      "[Errno 2] No such file or directory: b'crictl'",
    );
    expect(result(report, 'AUDIT-001', 'node-a').error).toBe(
      'grep: /etc/kubernetes/manifests/kube-apiserver.yaml: No such file or directory',
    );
    expect(result(report, 'KUBELET-001', 'node-down').error).toBe(UNREACHABLE);
    expect(result(report, 'KERNEL-001', 'node-a')).toMatchObject({
      message:
        'kernel.panic is 1, expected 10 (kubelet --protect-kernel-defaults)',
    });
    expect(result(report, 'PKI-001', 'node-a').message).toBe(
      'no rotated client certificate at /var/lib/kubelet/pki/kubelet-client-current.pem',
    );
    expect(result(report, 'PROC-001', 'node-a').error).toBeUndefined();
    // The unreachable node ran no check: its stored findings are kept.
    expect(report.coverage.perRule!['FILE-001']).toEqual({ hosts: ['node-a'] });
  });

  it('node baseline: says which tasks are no checks, and where they failed', () => {
    expect(parse('node-baseline', 'json').ignored).toEqual([
      {
        task: 'Gathering Facts',
        reason: 'not a check: the task name does not start with a rule id',
      },
      {
        task: 'Gathering Facts',
        host: 'node-down',
        reason:
          'host unreachable: Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port 1: Connection refused',
      },
      {
        task: 'Note that the kubelet configuration could not be checked',
        reason: 'not a check: the task name does not start with a rule id',
      },
      {
        task: 'Stat /etc/passwd',
        reason: 'not a check: the task name does not start with a rule id',
      },
      {
        task: 'Stat the kubelet client certificate',
        reason: 'not a check: the task name does not start with a rule id',
      },
      {
        task: 'Read kernel.panic',
        reason: 'not a check: the task name does not start with a rule id',
      },
    ]);
  });

  it('legacy playbook: kubemate_rescued still makes an execution failure; a module error without rescue too', () => {
    const report = parse('legacy-rescue', 'json');
    expect(verdicts(report)).toEqual({
      'ETCD-001 node-a': 'error',
      'CERT-001 node-a': 'passed', // a loop of stat with failed_when
      'CONFIG-001 node-a': 'error',
      'ETCD-001 node-down': 'error',
      'CERT-001 node-down': 'error',
      'CONFIG-001 node-down': 'error',
    });
    expect(result(report, 'ETCD-001', 'node-a').error).toBe(
      'rescued: etcd directory check failed',
    );
    expect(result(report, 'CONFIG-001', 'node-a').error).toBe(
      'file not found: /var/lib/kube-proxy/config.conf',
    );
    expect(result(report, 'ETCD-001', 'node-down').error).toBe(
      'host unreachable: Failed to connect to the host via ssh: ssh: connect to host 127.0.0.1 port 1: Connection refused',
    );
    expect(report.ignored!.map(i => i.task)).toEqual([
      'Mark the node as inspected',
      'Log the inspection',
    ]);
    // Only jsonl tells a handler from a task.
    expect(parse('legacy-rescue', 'jsonl').ignored).toContainEqual({
      task: 'Log the inspection',
      reason: 'handler, not a check',
    });
  });

  it.each(['node-baseline', 'legacy-rescue'])(
    '%s: the json, ansible.posix.json and ansible.posix.jsonl callbacks give the same results',
    playbook => {
      const json = parse(playbook, 'json');
      const strip = (r: ReturnType<typeof parse>) => ({
        results: r.results,
        coverage: r.coverage,
        profile: r.profile,
        ignored: r.ignored!.map(i => `${i.task} ${i.host ?? ''}`),
      });
      expect(strip(parse(playbook, 'posix-json'))).toEqual(strip(json));
      expect(strip(parse(playbook, 'jsonl'))).toEqual(strip(json));
    },
  );

  it('refuses what is neither JSON nor JSON Lines, naming the line', () => {
    const lines = raw('node-baseline', 'jsonl').split('\n');
    lines[3] = '{"_event": "v2_runner_on_ok", ';
    expect(() =>
      parseAnsibleReport(lines.join('\n'), { cluster: 'sim' }),
    ).toThrow(/nor JSON Lines \(line 4: /);
    expect(() =>
      parseAnsibleReport(
        '[{"_event":"v2_runner_on_ok","task":{},"hosts":{}}]',
        {
          cluster: 'sim',
        },
      ),
    ).toThrow(/event 1 \(v2_runner_on_ok\) needs a play before it/);
  });
});

describe('real ansible-playbook output through POST /inspection/ingest/ansible', () => {
  const api = '/api/kubemate/inspection';
  const databases = createTestDatabases();
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  describe.each(databases.eachSupportedId())('on %p', id => {
    let server: any;
    let stop: () => Promise<void>;

    beforeAll(async () => {
      const knex = await databases.init(id);
      const backend = await startInspectionBackend({
        clusters: [simulatorClusterConfig(sim)],
        features: [mockServices.database.factory({ knex })],
        kubemate: {
          inspection: { clusters: { sim: { schedule: NO_SCHEDULE } } },
        },
      });
      server = backend.server;
      stop = () => backend.stop();
    });
    afterAll(async () => {
      await stop?.();
    });

    const ingest = (playbook: string, format: Format) =>
      request(server)
        .post(`${api}/ingest/ansible`)
        .query({ cluster: 'sim' })
        .set('Content-Type', FORMATS[format])
        .send(raw(playbook, format));

    const openRisks = async () =>
      (
        await request(server)
          .get(`${api}/findings`)
          .query({
            cluster: 'sim',
            kind: 'Node',
            state: 'new,open,reopened',
            limit: '500',
          })
          .expect(200)
      ).body.items
        .map((f: any) => `${f.ruleId} ${f.resource.name}`)
        .sort();

    it.each(Object.keys(FORMATS) as Format[])(
      'stores the %s output as a run: risks for failed tests only, execution failures with their message',
      async format => {
        const res = await ingest('node-baseline', format);
        expect(res.status).toBe(201);
        const parsed = kubemateRoutes.ingestReport.response.safeParse(res.body);
        expect(parsed.success ? 'ok' : parsed.error.message).toBe('ok');
        expect(res.body.ignored).toMatchObject({
          count: 6,
          limit: INGEST_IGNORED_LIMIT,
        });
        expect(res.body.ignored.items[1]).toEqual({
          task: 'Gathering Facts',
          host: 'node-down',
          reason: expect.stringMatching(/^host unreachable: /),
        });
        const { summary } = res.body.run;
        expect(summary).toMatchObject({
          passed: 2,
          failed: 3,
          errors: 12,
          skipped: 1,
        });
        const failures = Object.fromEntries(
          summary.executionFailures.map((f: any) => [
            `${f.ruleId} ${f.sample.host ?? f.sample.name}`,
            f.error,
          ]),
        );
        expect(failures).toMatchObject({
          'KUBELET-001 node-a': 'file not found: /var/lib/kubelet/config.yaml',
          'RUNTIME-001 node-a':
            "[Errno 2] No such file or directory: b'crictl'",
          'FILE-001 node-down': UNREACHABLE,
        });
        expect(await openRisks()).toEqual([
          'KERNEL-001 node-a',
          'PKI-001 node-a',
          'PROC-001 node-a',
        ]);
      },
    );

    it('answers a duplicate with the same ignored list, and refuses broken JSON Lines', async () => {
      const again = await ingest('legacy-rescue', 'jsonl');
      expect(again.status).toBe(201);
      const dup = await ingest('legacy-rescue', 'jsonl');
      expect(dup.status).toBe(200);
      expect(dup.body.duplicate).toBe(true);
      expect(dup.body.ignored).toEqual(again.body.ignored);
      expect(dup.body.ignored.items).toContainEqual({
        task: 'Log the inspection',
        reason: 'handler, not a check',
      });
      const broken = await request(server)
        .post(`${api}/ingest/ansible`)
        .query({ cluster: 'sim' })
        .set('Content-Type', 'application/x-ndjson')
        .send('{"_event":"v2_playbook_on_play_start"}\nnot json\n');
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toMatch(/line 2/);
    });
  });
});
