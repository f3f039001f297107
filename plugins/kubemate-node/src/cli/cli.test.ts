import { startSimulator, type Simulator } from '@kubemate/kube-simulator';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inspectManifests } from './inspectManifests';
import { runInspectCli } from './main';
import { parseManifests, readManifests } from './manifests';

const fixtures = path.join(__dirname, '__fixtures__');
const fixture = (p: string) => path.join(fixtures, p);

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runInspectCli(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s) },
    env,
    cwd: fixtures,
  });
  return { code, stdout, stderr };
}

describe('kubemate-inspect on manifests', () => {
  it('prints findings grouped by object with file and line, and exits by threshold', async () => {
    const { code, stdout, stderr } = await run([fixture('app')]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    // The Deployment has no namespace: it is inspected as applied, in "default".
    expect(stdout).toContain('deployment.yaml:2  Deployment default/shop');
    expect(stdout).toMatch(
      /HIGH {3}container-privileged \[main\]: Container main of Deployment default\/shop runs privileged/,
    );
    // List items keep their own line; cluster-scoped kinds get no namespace.
    expect(stdout).toMatch(/nested\/list.yaml:\d+/);
    expect(stdout).toMatch(/4 objects inspected with profile baseline/);
    expect(stdout).not.toContain('\x1b[');
  });

  it('exit code follows --fail-on', async () => {
    expect((await run([fixture('hardened.yaml')])).code).toBe(0);
    expect(
      (await run([fixture('only-high.yaml'), '--fail-on', 'high'])).code,
    ).toBe(1);
    expect(
      (await run([fixture('only-high.yaml'), '--fail-on', 'none'])).code,
    ).toBe(0);
    const app = await run([fixture('app'), '--fail-on', 'high', '-n', 'shop']);
    expect(app.code).toBe(1);
    expect(app.stdout).toContain('Deployment shop/shop');
    // No high finding once privileged is gone: medium ones stay below a high threshold.
    const text = fs
      .readFileSync(fixture('app/deployment.yaml'), 'utf8')
      .replace('privileged: true', 'privileged: false');
    const parsed = parseManifests(text, 'x.yaml');
    const inspection = inspectManifests(parsed.objects);
    expect(inspection.results.some(r => r.severity === 'high')).toBe(false);
    expect(inspection.results.some(r => r.severity === 'medium')).toBe(true);
  });

  it('colours severities only when asked or on a terminal', async () => {
    const { stdout } = await run([fixture('only-high.yaml'), '--color']);
    expect(stdout).toContain('\x1b[31mHIGH');
  });

  it('prints JSON with a summary and sources', async () => {
    const { code, stdout } = await run([fixture('app'), '-o', 'json']);
    expect(code).toBe(1);
    const out = JSON.parse(stdout);
    expect(out.profile).toBe('baseline');
    expect(out.summary.objects).toBe(4);
    expect(out.summary.failed.high).toBe(1);
    expect(out.problems).toEqual([]);
    const privileged = out.results.find(
      (r: any) => r.ruleId === 'container-privileged',
    );
    expect(privileged).toMatchObject({
      status: 'failed',
      severity: 'high',
      resource: { kind: 'Deployment', namespace: 'default', name: 'shop' },
      source: { file: fixture('app/deployment.yaml'), line: 2 },
    });
    expect(out.results.every((r: any) => r.status !== 'passed')).toBe(true);
  });

  it('prints SARIF 2.1.0 with rule metadata and locations', async () => {
    const { code, stdout } = await run([fixture('app'), '-o', 'sarif']);
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const [sarifRun] = log.runs;
    const rules = sarifRun.tool.driver.rules;
    expect(sarifRun.tool.driver.name).toBe('kubemate-inspect');
    expect(rules.length).toBeGreaterThan(20);
    for (const rule of rules) {
      expect(typeof rule.id).toBe('string');
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.fullDescription.text).toBeTruthy();
      expect(rule.help.text).toBeTruthy();
      expect(['error', 'warning', 'note']).toContain(
        rule.defaultConfiguration.level,
      );
    }
    expect(sarifRun.results.length).toBeGreaterThan(0);
    for (const result of sarifRun.results) {
      expect(rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text).toBeTruthy();
      expect(result.partialFingerprints['kubemateFingerprint/v1']).toBeTruthy();
    }
    const privileged = sarifRun.results.find(
      (r: any) => r.ruleId === 'container-privileged',
    );
    expect(privileged.level).toBe('error');
    expect(privileged.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'app/deployment.yaml' },
      region: { startLine: 2 },
    });
    expect(privileged.locations[0].logicalLocations[0].fullyQualifiedName).toBe(
      'Deployment/default/shop/main',
    );
    // A List item is located at its own line.
    const namespace = sarifRun.results.find(
      (r: any) =>
        r.locations[0].logicalLocations[0].fullyQualifiedName ===
        'Namespace/payments',
    );
    expect(namespace.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'app/nested/list.yaml' },
      region: { startLine: 11 },
    });
    expect(sarifRun.invocations[0].executionSuccessful).toBe(true);
  });

  it('names the file and line of invalid YAML and unreadable paths (exit 2)', async () => {
    const { code, stderr, stdout } = await run([
      fixture('invalid'),
      fixture('missing.yaml'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid\/broken\.yaml:1[12]: YAML syntax error/);
    expect(stderr).toContain(
      `${fixture('invalid/not-an-object.yaml')}:1: not a Kubernetes object`,
    );
    expect(stderr).toContain(
      `${fixture('missing.yaml')}: no such file or directory`,
    );
    // The readable object of the broken file is still inspected.
    expect(stdout).toMatch(/1 object inspected/);
  });

  it('reports problems in SARIF as tool notifications', async () => {
    const { stdout } = await run([fixture('invalid'), '-o', 'sarif']);
    const invocation = JSON.parse(stdout).runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications[0].locations[0]).toMatchObject(
      {
        physicalLocation: { artifactLocation: { uri: 'invalid/broken.yaml' } },
      },
    );
  });

  it('refuses bad options with exit 2', async () => {
    expect((await run(['-o', 'xml', fixture('app')])).stderr).toMatch(
      /--output must be one of text, json, sarif/,
    );
    expect((await run(['--fail-on', 'critical', fixture('app')])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    const unknown = await run(['--profile', 'nope', fixture('app')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /unknown profile "nope" \(built-in: .*baseline/,
    );
    expect((await run(['--bogus'])).code).toBe(2);
  });

  it('takes a built-in profile or a profile file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubemate-cli-'));
    const file = path.join(dir, 'strict.yaml');
    fs.writeFileSync(
      file,
      [
        'apiVersion: kubemate.io/v1',
        'kind: InspectionProfile',
        'name: only-privileged',
        'extends: baseline',
        'rules:',
        '  include: { ids: [container-privileged] }',
        '',
      ].join('\n'),
    );
    try {
      const out = JSON.parse(
        (await run([fixture('app'), '-p', file, '-o', 'json'])).stdout,
      );
      expect(out.profile).toBe('only-privileged');
      expect(out.summary.rules).toBe(1);
      expect(out.results.map((r: any) => r.ruleId)).toEqual([
        'container-privileged',
      ]);
      const financial = await run([
        fixture('app'),
        '-p',
        'financial',
        '-o',
        'json',
      ]);
      expect(JSON.parse(financial.stdout).profile).toBe('financial');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('readManifests reads directories recursively and skips other files', () => {
    const { objects, files } = readManifests([fixture('app')]);
    expect(files.map(f => path.relative(fixtures, f))).toEqual([
      'app/deployment.yaml',
      'app/nested/list.yaml',
    ]);
    expect(objects.map(o => [o.object.kind, o.line])).toEqual([
      ['Deployment', 2],
      ['Service', 21],
      ['ConfigMap', 4],
      ['Namespace', 11],
    ]);
  });
});

describe('kubemate-inspect --cluster', () => {
  let sim: Simulator;
  let dir: string;
  let kubeconfig: string;

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      seed: [fixture('app')],
      controllers: false,
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubemate-cli-'));
    kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'sim',
            cluster: { server: sim.url, 'insecure-skip-tls-verify': true },
          },
        ],
        users: [{ name: 'admin', user: { token: sim.token } }],
        contexts: [{ name: 'sim', context: { cluster: 'sim', user: 'admin' } }],
        'current-context': 'sim',
      }),
    );
  });

  afterAll(async () => {
    await sim?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A local ingestion endpoint that records what it receives. */
  async function ingestServer(answer: 'ok' | 'hang') {
    const received: Array<{ auth?: string; body: any }> = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        received.push({
          auth: req.headers.authorization,
          body: JSON.parse(body),
        });
        if (answer === 'hang') return;
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ run: { id: 'run-1' }, duplicate: false }));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/kubemate/inspection/ingest/generic`;
    return {
      url,
      received,
      close: () =>
        new Promise<void>(resolve => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  it('inspects the cluster of a kubeconfig and posts the results', async () => {
    const ingest = await ingestServer('ok');
    try {
      const { code, stdout, stderr } = await run(
        [
          '--cluster',
          '--kubeconfig',
          kubeconfig,
          '--cluster-name',
          'prod-1',
          '--post',
          ingest.url,
          '-o',
          'json',
        ],
        { KUBEMATE_INGEST_TOKEN: 'secret-token' },
      );
      expect(code).toBe(1);
      expect(stderr).toContain('run run-1');
      const out = JSON.parse(stdout);
      expect(
        out.results.find((r: any) => r.ruleId === 'container-privileged')
          .resource,
      ).toMatchObject({
        kind: 'Deployment',
        namespace: 'default',
        name: 'shop',
      });
      expect(ingest.received).toHaveLength(1);
      const { auth, body } = ingest.received[0];
      expect(auth).toBe('Bearer secret-token');
      expect(body).toMatchObject({
        cluster: 'prod-1',
        source: 'kubemate-inspect',
        profile: 'baseline',
        complete: true,
      });
      const statuses = new Set(body.results.map((r: any) => r.status));
      expect(statuses).toEqual(new Set(['passed', 'failed']));
      const privileged = body.results.find(
        (r: any) =>
          r.ruleId === 'container-privileged' && r.status === 'failed',
      );
      expect(privileged).toMatchObject({
        severity: 'high',
        category: 'security',
        resource: {
          kind: 'Deployment',
          namespace: 'default',
          name: 'shop',
          container: 'main',
        },
      });
      expect(privileged.message).toContain('runs privileged');
    } finally {
      await ingest.close();
    }
  });

  it('gives up on an ingestion API that does not answer (exit 3)', async () => {
    const ingest = await ingestServer('hang');
    try {
      const { code, stderr } = await run([
        '--cluster',
        '--kubeconfig',
        kubeconfig,
        '--post',
        ingest.url,
        '--token',
        't',
        '--timeout',
        '0.5',
      ]);
      expect(code).toBe(3);
      expect(stderr).toMatch(/no answer within 500 ms/);
    } finally {
      await ingest.close();
    }
  });

  it('fails clearly on an unreachable cluster (exit 3) and a post without token (exit 2)', async () => {
    const bad = path.join(dir, 'bad-kubeconfig');
    fs.writeFileSync(
      bad,
      fs
        .readFileSync(kubeconfig, 'utf8')
        .replace(sim.url, 'https://127.0.0.1:1'),
    );
    const unreachable = await run(['--cluster', '--kubeconfig', bad]);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(/listing \w+ \(.*\) failed/);
    expect(
      (
        await run([
          '--cluster',
          '--kubeconfig',
          kubeconfig,
          '--post',
          'http://127.0.0.1:1/x',
        ])
      ).stderr,
    ).toMatch(/--post needs a token/);
  });
});
