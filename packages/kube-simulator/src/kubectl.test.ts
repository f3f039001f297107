import { execFile, spawn, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startSimulator, Simulator } from './simulator';

/** End-to-end checks with the real kubectl binary (only when it is on PATH). */

const hasKubectl =
  spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status ===
  0;
const describeKubectl = hasKubectl ? describe : describe.skip;

jest.setTimeout(60_000);

describeKubectl('kubectl against the simulator', () => {
  let sim: Simulator;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  const kubectl = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>(resolve => {
      execFile(
        'kubectl',
        args,
        { env: { ...env, ...extraEnv }, timeout: 30_000 },
        (err, stdout, stderr) => {
          let code = 0;
          if (err) code = typeof err.code === 'number' ? err.code : 1;
          resolve({ code, stdout, stderr });
        },
      );
    });

  const ok = async (...args: string[]) => {
    const r = await kubectl(args);
    if (r.code !== 0)
      throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };

  /** Runs a streaming kubectl command for a while and returns what it printed. */
  const stream = (args: string[], ms: number, during?: () => Promise<void>) =>
    new Promise<string>(resolve => {
      const child = spawn('kubectl', args, { env });
      let out = '';
      child.stdout.on('data', d => (out += String(d)));
      setTimeout(() => void during?.(), 800);
      setTimeout(() => {
        child.kill();
        resolve(out);
      }, ms);
    });

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      controllers: {
        tickMs: 20,
        scheduleDelayMs: 30,
        startDelayMs: 80,
        logIntervalMs: 200,
        podTerminationMs: 100,
      },
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-sim-'));
    sim.writeKubeconfig(path.join(dir, 'config'));
    env = { ...process.env, KUBECONFIG: path.join(dir, 'config'), HOME: dir };
  });

  afterAll(async () => {
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies a multi-document file with a CRD, then its custom resources', async () => {
    const file = path.join(dir, 'app.yaml');
    const crFile = path.join(dir, 'cr.yaml');
    fs.writeFileSync(
      file,
      `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.demo.example.com}
spec:
  group: demo.example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wdg]}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}}
---
apiVersion: v1
kind: Namespace
metadata: {name: demo}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: demo, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: app, image: "nginx:1.25", ports: [{containerPort: 80, name: http}], env: [{name: A, value: "1"}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: demo}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
`,
    );
    const out = await ok('apply', '-f', file);
    expect(out).toContain(
      'customresourcedefinition.apiextensions.k8s.io/widgets.demo.example.com created',
    );
    expect(out).toContain('deployment.apps/web created');
    fs.writeFileSync(
      crFile,
      'apiVersion: demo.example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: demo}\nspec: {size: 3}\n',
    );
    expect(await ok('apply', '-f', crFile)).toContain(
      'widget.demo.example.com/w1 created',
    );
    expect(
      await ok(
        'get',
        'wdg',
        '-n',
        'demo',
        '-o',
        'jsonpath={.items[0].spec.size}',
      ),
    ).toBe('3');
    // re-apply is a no-op
    expect(await ok('apply', '-f', file)).toContain(
      'deployment.apps/web unchanged',
    );
  });

  it('waits for rollout status, gets tables and describes', async () => {
    expect(
      await ok(
        'rollout',
        'status',
        'deployment/web',
        '-n',
        'demo',
        '--timeout=20s',
      ),
    ).toContain('successfully rolled out');
    const table = await ok('get', 'deploy', '-n', 'demo', '-o', 'wide');
    expect(table).toMatch(
      /NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR/,
    );
    expect(table).toMatch(/web\s+2\/2\s+2\s+2/);
    const pods = await ok('get', 'pods', '-n', 'demo', '-l', 'app=web');
    expect(pods.match(/Running/g)).toHaveLength(2);
    const described = await ok('describe', 'deployment', 'web', '-n', 'demo');
    expect(described).toContain('Replicas:');
    expect(described).toMatch(
      /NewReplicaSet:\s+web-[a-z0-9]+ \(2\/2 replicas created\)/,
    );
    expect(described).toContain('ScalingReplicaSet');
    expect(
      await ok(
        'get',
        'endpoints',
        'web',
        '-n',
        'demo',
        '-o',
        'jsonpath={.subsets[0].addresses[*].ip}',
      ),
    ).toMatch(/^10\.244\.\d+\.\d+ 10\.244\.\d+\.\d+$/);
  });

  it('scales and patches with all three patch types', async () => {
    await ok('scale', 'deployment/web', '-n', 'demo', '--replicas=3');
    expect(
      await ok(
        'get',
        'deploy',
        'web',
        '-n',
        'demo',
        '-o',
        'jsonpath={.spec.replicas}',
      ),
    ).toBe('3');
    await ok(
      'patch',
      'deployment',
      'web',
      '-n',
      'demo',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"B","value":"2"}]}]}}}}',
    );
    expect(
      await ok(
        'get',
        'deploy',
        'web',
        '-n',
        'demo',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].env[*].name}',
      ),
    ).toBe('B A');
    await ok(
      'patch',
      'deployment',
      'web',
      '-n',
      'demo',
      '--type=merge',
      '-p',
      '{"metadata":{"labels":{"tier":"frontend"}}}',
    );
    expect(
      await ok(
        'get',
        'deploy',
        'web',
        '-n',
        'demo',
        '-o',
        'jsonpath={.metadata.labels.tier}',
      ),
    ).toBe('frontend');
    await ok(
      'patch',
      'deployment',
      'web',
      '-n',
      'demo',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/replicas","value":2}]',
    );
    expect(
      await ok(
        'get',
        'deploy',
        'web',
        '-n',
        'demo',
        '-o',
        'jsonpath={.spec.replicas}',
      ),
    ).toBe('2');
    const bad = await kubectl([
      'patch',
      'deployment',
      'web',
      '-n',
      'demo',
      '--type=json',
      '-p',
      '[{"op":"test","path":"/spec/replicas","value":9}]',
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(
      'the server rejected our request due to an error in our request',
    );
  });

  it('keeps rollout history and undoes a rollout', async () => {
    await ok(
      'rollout',
      'status',
      'deployment/web',
      '-n',
      'demo',
      '--timeout=20s',
    );
    await ok('set', 'image', 'deployment/web', '-n', 'demo', 'app=nginx:1.27');
    await ok(
      'rollout',
      'status',
      'deployment/web',
      '-n',
      'demo',
      '--timeout=20s',
    );
    const history = await ok(
      'rollout',
      'history',
      'deployment/web',
      '-n',
      'demo',
    );
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE/);
    expect(history.trim().split('\n').length).toBeGreaterThanOrEqual(4);
    await ok('rollout', 'undo', 'deployment/web', '-n', 'demo');
    await ok(
      'rollout',
      'status',
      'deployment/web',
      '-n',
      'demo',
      '--timeout=20s',
    );
    expect(
      await ok(
        'get',
        'deploy',
        'web',
        '-n',
        'demo',
        '-o',
        'jsonpath={.spec.template.spec.containers[0].image}',
      ),
    ).toBe('nginx:1.25');
    const rsList = await ok(
      'get',
      'rs',
      '-n',
      'demo',
      '-o',
      'jsonpath={range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision}{" "}{.spec.replicas}{"\\n"}{end}',
    );
    expect(rsList).toMatch(/^\d+ 2$/m);
    const reused = sim.store
      .list('apps/replicasets', 'demo')
      .find(r => r.spec.replicas === 2)!;
    expect(
      reused.metadata.annotations!['deployment.kubernetes.io/revision-history'],
    ).toMatch(/^\d+(,\d+)*$/);
  });

  it('restarts a deployment (new ReplicaSet from the restartedAt annotation)', async () => {
    const before = await ok('get', 'rs', '-n', 'demo', '-o', 'name');
    await ok('rollout', 'restart', 'deployment/web', '-n', 'demo');
    await ok(
      'rollout',
      'status',
      'deployment/web',
      '-n',
      'demo',
      '--timeout=20s',
    );
    const after = await ok('get', 'rs', '-n', 'demo', '-o', 'name');
    expect(after.trim().split('\n').length).toBe(
      before.trim().split('\n').length + 1,
    );
  });

  it('streams logs with -f and objects with get -w', async () => {
    const pod = (
      await ok(
        'get',
        'pods',
        '-n',
        'demo',
        '-l',
        'app=web',
        '-o',
        'jsonpath={.items[0].metadata.name}',
      )
    ).trim();
    const logs = await ok('logs', pod, '-n', 'demo', '--tail=2');
    expect(logs.trim().split('\n').length).toBeLessThanOrEqual(2);
    const followed = await stream(
      ['logs', '-f', pod, '-n', 'demo', '--tail=1'],
      1500,
    );
    expect(followed.trim().split('\n').length).toBeGreaterThanOrEqual(2);
    const watched = await stream(
      ['get', 'configmaps', '-n', 'demo', '-w'],
      2500,
      async () => {
        const cm = path.join(dir, 'cm.yaml');
        fs.writeFileSync(
          cm,
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: watched, namespace: demo}\ndata: {a: "1"}\n',
        );
        await ok('apply', '-f', cm);
      },
    );
    expect(watched).toContain('kube-root-ca.crt');
    expect(watched).toContain('watched');
  });

  it('applies server-side with conflicts and force', async () => {
    const file = path.join(dir, 'ssa.yaml');
    fs.writeFileSync(
      file,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: demo}\ndata: {owner: one}\n',
    );
    expect(
      await ok('apply', '--server-side', '--field-manager=one', '-f', file),
    ).toContain('serverside-applied');
    fs.writeFileSync(
      file,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: demo}\ndata: {owner: two}\n',
    );
    const conflict = await kubectl([
      'apply',
      '--server-side',
      '--field-manager=two',
      '-f',
      file,
    ]);
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toContain('conflict with "one"');
    await ok(
      'apply',
      '--server-side',
      '--field-manager=two',
      '--force-conflicts',
      '-f',
      file,
    );
    expect(
      await ok(
        'get',
        'cm',
        'ssa',
        '-n',
        'demo',
        '-o',
        'jsonpath={.data.owner}',
      ),
    ).toBe('two');
  });

  it('refuses unknown fields under --validate=strict (server-side fieldValidation) and drops them without', async () => {
    const file = path.join(dir, 'typo.yaml');
    fs.writeFileSync(
      file,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typo, namespace: demo, lables: {a: b}}\ndta: {k: v}\n',
    );
    const strict = await kubectl(['create', '--validate=strict', '-f', file]);
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain(
      'strict decoding error: unknown field "dta", unknown field "metadata.lables"',
    );
    await ok('create', '--validate=false', '-f', file);
    expect(
      await ok('get', 'cm', 'typo', '-n', 'demo', '-o', 'json'),
    ).not.toContain('dta');
  });

  it('enforces RBAC for the viewer', async () => {
    const viewer = sim.tokens.find(t => t.user === 'viewer')!.token;
    const asViewer = (args: string[]) =>
      kubectl([...args, `--token=${viewer}`]);
    const denied = await asViewer(['get', 'pods', '-n', 'demo']);
    expect(denied.stderr).toContain(
      'pods is forbidden: User "viewer" cannot list resource "pods" in API group "" in the namespace "demo"',
    );
  });

  it('deletes with cascading garbage collection', async () => {
    expect(await ok('delete', 'deployment', 'web', '-n', 'demo')).toContain(
      'deployment.apps "web" deleted',
    );
    for (let i = 0; i < 50; i++) {
      const rs = await ok('get', 'rs,pods', '-n', 'demo', '-o', 'name');
      if (!rs.trim()) break;
      await new Promise(r => setTimeout(r, 100));
    }
    expect(
      (await ok('get', 'rs,pods', '-n', 'demo', '-o', 'name')).trim(),
    ).toBe('');
    await ok('delete', 'namespace', 'demo');
    const gone = await kubectl(['get', 'namespace', 'demo']);
    expect(gone.stderr + gone.stdout).toMatch(/NotFound|Terminating/);
  });
});

describeKubectl('kubectl typed commands (protobuf request bodies)', () => {
  let sim: Simulator;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>(resolve => {
      execFile(
        'kubectl',
        args,
        { env, timeout: 30_000 },
        (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      controllers: { tickMs: 20, scheduleDelayMs: 20, startDelayMs: 50 },
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-pb-'));
    sim.writeKubeconfig(path.join(dir, 'config'));
    env = { ...process.env, KUBECONFIG: path.join(dir, 'config'), HOME: dir };
  });
  afterAll(async () => {
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates namespaces, deployments, configmaps, secrets, services, cronjobs and jobs', async () => {
    for (const args of [
      ['create', 'namespace', 'pb'],
      [
        '-n',
        'pb',
        'create',
        'deployment',
        'web',
        '--image=nginx:1.25',
        '--replicas=2',
        '--port=80',
      ],
      ['-n', 'pb', 'create', 'configmap', 'cfg', '--from-literal=a=1'],
      [
        '-n',
        'pb',
        'create',
        'secret',
        'generic',
        'sec',
        '--from-literal=password=x',
      ],
      ['-n', 'pb', 'create', 'service', 'clusterip', 'web', '--tcp=80:80'],
      [
        '-n',
        'pb',
        'create',
        'cronjob',
        'cj',
        '--image=busybox:1.36',
        '--schedule=*/5 * * * *',
      ],
      ['-n', 'pb', 'create', 'job', 'manual', '--from=cronjob/cj'],
    ]) {
      const r = await run(args);
      expect({ args, stderr: r.stderr, code: r.code }).toEqual({
        args,
        stderr: '',
        code: 0,
      });
    }
    expect(sim.store.get('apps/deployments', 'pb', 'web')!.spec.replicas).toBe(
      2,
    );
    expect(sim.store.get('/configmaps', 'pb', 'cfg')!.data).toEqual({ a: '1' });
    expect(sim.store.get('/secrets', 'pb', 'sec')!.data).toEqual({
      password: Buffer.from('x').toString('base64'),
    });
    expect(
      sim.store.get('/services', 'pb', 'web')!.spec.ports[0],
    ).toMatchObject({ port: 80, targetPort: 80, protocol: 'TCP' });
    const job = sim.store.get('batch/jobs', 'pb', 'manual')!;
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'CronJob',
      name: 'cj',
    });
    expect(job.spec.template.spec.containers[0].image).toBe('busybox:1.36');
  });

  it('answers kubectl auth can-i through SelfSubjectAccessReview', async () => {
    expect(
      (
        await run(['auth', 'can-i', 'delete', 'pods', '-n', 'pb'])
      ).stdout.trim(),
    ).toBe('yes');
    expect(
      (
        await run([
          'auth',
          'can-i',
          'list',
          'secrets',
          '--token=kubemate-viewer-token',
        ])
      ).stdout.trim(),
    ).toBe('no');
  });
});
