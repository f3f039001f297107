import { loadBaselineRulePack } from './builtin';
import { createInspector } from './inspector';
import { KubeObject } from './types';
import {
  newTestConfigMap,
  newTestContainer,
  newTestCronJob,
  newTestDeployment,
  newTestEvent,
  newTestHPA,
  newTestHTTPRoute,
  newTestIngress,
  newTestNamespace,
  newTestNamespaced,
  newTestNode,
  newTestPDB,
  newTestPod,
  newTestService,
  newTestServiceAccount,
  newTestStatefulSet,
  newTestTlsSecret,
} from './__testUtils__/fixtures';
import { coverageCases } from './__testUtils__/coverageCases';

const NOW = new Date('2026-06-01T00:00:00Z');
// Test secrets, built from parts so that secret scanners leave this file alone.
const PEM = ['-----BEGIN EC ', 'PRIVATE KEY-----\nMHcCAQEE\n-----END'].join('');
const AWS_KEY_ID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const GITHUB_TOKEN = ['ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
const SLACK_TOKEN = ['xoxb-', '1234567890-abcdefghij'].join('');
const GOOGLE_KEY = ['AIza', 'SyA1234567890abcdefghijklmnopqrstuv'].join('');
const JWT = [
  'eyJhbGciOiJIUzI1NiJ9',
  'eyJzdWIiOiIxMjM0NTY3ODkwIn0',
  'c2lnbmF0dXJlLXZhbHVl',
].join('.');
const RANDOM = ['wJalrXUtnFEMI/K7MDENG', '/bPxRfiCYEXAMPLEKEY'].join('');
const DAY = 86_400_000;
const pack = loadBaselineRulePack();

type Objects = () => KubeObject[];
interface Case {
  rule: string;
  fail: Objects;
  pass: Objects;
  /** Expected resource of the finding. */
  ref?: { kind: string; name: string; container?: string; host?: string };
}

const deploy = (o: Parameters<typeof newTestDeployment>[0]) => () =>
  [newTestDeployment(o)];
const container = (overrides: Record<string, unknown>) =>
  deploy({ containers: [newTestContainer(overrides)] });
const sc = (securityContext: Record<string, unknown>) =>
  container({ securityContext });
const good = deploy({});
const app = { kind: 'Deployment', name: 'shop', container: 'app' };

const node = (conditions: Record<string, string>) => () =>
  [newTestNode('node-1', conditions)];
const pod = (status: Record<string, unknown>) => () => [newTestPod({ status })];
const statusOf = (s: Record<string, unknown>) => ({
  phase: 'Running',
  containerStatuses: [{ name: 'app', restartCount: 7, ...s }],
});
const ns =
  (...extra: KubeObject[]) =>
  () =>
    [newTestNamespace('prod'), ...extra];

const own = { matchLabels: { app: 'shop' } };
const antiAffinity = (
  kind: 'required' | 'preferred',
  term: Record<string, unknown>,
) => {
  const podAntiAffinity =
    kind === 'required'
      ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
      : {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 100, podAffinityTerm: term },
          ],
        };
  return deploy({
    podSpec: { topologySpreadConstraints: null, affinity: { podAntiAffinity } },
  });
};

function antiAffinityCases(): Case[] {
  const out: Case[] = [];
  for (const kind of ['required', 'preferred'] as const) {
    const pass = (term: Record<string, unknown>) => antiAffinity(kind, term);
    const fail = pass;
    const rule = 'workload-anti-affinity-missing';
    out.push(
      {
        rule,
        // Selects another workload's pods.
        fail: fail({
          labelSelector: { matchLabels: { app: 'cache' } },
          topologyKey: 'kubernetes.io/hostname',
        }),
        pass: pass({
          labelSelector: own,
          topologyKey: 'kubernetes.io/hostname',
        }),
      },
      {
        rule,
        // Not a node or zone key.
        fail: fail({ labelSelector: own, topologyKey: 'example.com/rack' }),
        pass: pass({
          labelSelector: own,
          topologyKey: 'topology.kubernetes.io/zone',
        }),
      },
      {
        rule,
        // No labelSelector selects no pods.
        fail: fail({ topologyKey: 'kubernetes.io/hostname' }),
        pass: pass({
          labelSelector: {
            matchExpressions: [
              { key: 'app', operator: 'In', values: ['shop', 'shop-canary'] },
            ],
          },
          topologyKey: 'failure-domain.beta.kubernetes.io/zone',
        }),
      },
      {
        rule,
        fail: fail({
          labelSelector: {
            matchExpressions: [
              { key: 'app', operator: 'NotIn', values: ['shop'] },
            ],
          },
          topologyKey: 'kubernetes.io/hostname',
        }),
        pass: pass({
          labelSelector: own,
          topologyKey: 'topology.kubernetes.io/region',
          namespaces: ['prod'],
        }),
      },
      {
        rule,
        // Only other namespaces' pods.
        fail: fail({
          labelSelector: own,
          topologyKey: 'kubernetes.io/hostname',
          namespaces: ['staging'],
        }),
        pass: pass({
          labelSelector: own,
          topologyKey: 'kubernetes.io/hostname',
          namespaceSelector: {},
        }),
      },
    );
  }
  out.push({
    rule: 'workload-anti-affinity-missing',
    // A spread constraint must select the pods too.
    fail: deploy({
      podSpec: {
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'kubernetes.io/hostname',
            whenUnsatisfiable: 'ScheduleAnyway',
            labelSelector: { matchLabels: { app: 'other' } },
          },
        ],
      },
    }),
    pass: good,
  });
  return out;
}

const cases: Case[] = [
  {
    rule: 'container-privileged',
    fail: sc({ privileged: true }),
    pass: good,
    ref: app,
  },
  {
    rule: 'container-run-as-root',
    fail: sc({ runAsUser: 0 }),
    pass: good,
    ref: app,
  },
  {
    rule: 'container-run-as-non-root-missing',
    fail: deploy({
      podSpec: { securityContext: null },
      containers: [newTestContainer({ securityContext: null })],
    }),
    pass: good,
    ref: app,
  },
  {
    rule: 'container-privilege-escalation',
    fail: sc({ allowPrivilegeEscalation: null }),
    pass: good,
    ref: app,
  },
  {
    rule: 'container-dangerous-capabilities',
    fail: sc({ capabilities: { add: ['SYS_ADMIN'] } }),
    pass: sc({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } }),
    ref: app,
  },
  {
    rule: 'container-capabilities-drop-all',
    fail: sc({ capabilities: { drop: [] } }),
    pass: good,
    ref: app,
  },
  // Runtimes upper-case capability names and accept a CAP_ prefix.
  ...['all', 'nEt_aDmIn', 'CAP_SYS_ADMIN', ' cap_net_raw'].map(name => ({
    rule: 'container-dangerous-capabilities',
    fail: sc({ capabilities: { drop: ['ALL'], add: [name] } }),
    pass: sc({
      capabilities: { drop: ['ALL'], add: ['cap_net_bind_service'] },
    }),
    ref: app,
  })),
  ...['all', 'All', ' ALL '].map(name => ({
    rule: 'container-capabilities-drop-all',
    // CAP_ALL is not the ALL keyword: runtimes reject it as unknown.
    fail: sc({ capabilities: { drop: ['CAP_ALL', 'NET_RAW'] } }),
    pass: sc({ capabilities: { drop: [name] } }),
    ref: app,
  })),
  {
    rule: 'pod-host-network',
    fail: deploy({ podSpec: { hostNetwork: true } }),
    pass: good,
  },
  {
    rule: 'pod-host-pid',
    fail: deploy({ podSpec: { hostPID: true } }),
    pass: good,
  },
  {
    rule: 'pod-host-ipc',
    fail: deploy({ podSpec: { hostIPC: true } }),
    pass: good,
  },
  {
    rule: 'container-host-port',
    fail: container({ ports: [{ containerPort: 80, hostPort: 80 }] }),
    pass: good,
    ref: app,
  },
  {
    rule: 'pod-host-path-volume',
    fail: deploy({
      podSpec: {
        volumes: [
          { name: 'docker', hostPath: { path: '/var/run/docker.sock' } },
        ],
      },
    }),
    pass: deploy({ podSpec: { volumes: [{ name: 'tmp', emptyDir: {} }] } }),
  },
  {
    rule: 'container-read-only-root-fs',
    fail: sc({ readOnlyRootFilesystem: false }),
    pass: good,
    ref: app,
  },
  {
    rule: 'container-image-tag-latest',
    fail: container({ image: 'nginx:latest' }),
    pass: container({ image: 'nginx@sha256:abc' }),
    ref: app,
  },
  {
    rule: 'container-image-tag-latest',
    fail: container({ image: 'registry:5000/nginx' }),
    pass: container({ image: 'registry:5000/nginx:1.27' }),
  },
  {
    rule: 'container-image-pull-policy',
    fail: container({ image: 'nginx', imagePullPolicy: 'IfNotPresent' }),
    pass: container({ image: 'nginx:latest', imagePullPolicy: 'Always' }),
    ref: app,
  },
  {
    rule: 'pod-service-account-token',
    fail: deploy({ podSpec: { automountServiceAccountToken: null } }),
    pass: good,
  },
  // The ServiceAccount's setting applies when the pod spec says nothing.
  {
    rule: 'pod-service-account-token',
    fail: () => [
      newTestDeployment({ podSpec: { automountServiceAccountToken: null } }),
      newTestServiceAccount({ automount: true }),
      newTestServiceAccount({ namespace: 'other', automount: false }),
    ],
    pass: () => [
      newTestDeployment({ podSpec: { automountServiceAccountToken: null } }),
      newTestServiceAccount({ automount: false }),
    ],
  },
  {
    rule: 'pod-service-account-token',
    fail: () => [
      newTestDeployment({
        podSpec: {
          automountServiceAccountToken: null,
          serviceAccountName: 'other',
        },
      }),
      newTestServiceAccount({ name: 'shop', automount: false }),
    ],
    pass: () => [
      newTestDeployment({
        podSpec: {
          automountServiceAccountToken: null,
          serviceAccountName: 'shop',
        },
      }),
      newTestServiceAccount({ name: 'shop', automount: false }),
    ],
  },
  {
    // The pod-level setting wins over the ServiceAccount's.
    rule: 'pod-service-account-token',
    fail: () => [
      newTestDeployment({ podSpec: { automountServiceAccountToken: true } }),
      newTestServiceAccount({ automount: false }),
    ],
    pass: () => [
      newTestDeployment({ podSpec: { serviceAccount: 'legacy' } }),
      newTestServiceAccount({ name: 'legacy', automount: true }),
    ],
  },
  {
    rule: 'container-env-plain-secret',
    fail: container({ env: [{ name: 'db_password', value: 's3cret' }] }),
    pass: container({
      env: [
        {
          name: 'DB_PASSWORD',
          valueFrom: { secretKeyRef: { name: 'db', key: 'password' } },
        },
      ],
    }),
    ref: app,
  },
  // Common credential names, and secrets recognised by their value.
  ...[
    'GCP_SERVICE_ACCOUNT_KEY',
    'TLS_KEY_CONTENT',
    'AWS_ACCESS_KEY_ID',
    'api_key',
    'SMTP_PASSWD',
    'DB_PWD',
    'GOOGLE_CREDENTIALS',
    'ADMIN_PASSWORD_HASH',
  ].map(name => ({
    rule: 'container-env-plain-secret',
    fail: container({ env: [{ name, value: 'plain-value' }] }),
    pass: container({
      env: [
        { name, value: '$(FROM_SECRET)' },
        { name: `${name}_FILE`, value: '/var/run/secrets/app/key' },
      ],
    }),
    ref: app,
  })),
  ...[PEM, AWS_KEY_ID, GITHUB_TOKEN, SLACK_TOKEN, GOOGLE_KEY, JWT, RANDOM].map(
    value => ({
      rule: 'container-env-plain-secret',
      fail: container({ env: [{ name: 'CONFIG', value }] }),
      pass: container({
        env: [
          { name: 'REQUEST_ID', value: '123e4567-e89b-12d3-a456-426614174000' },
          { name: 'UPSTREAM', value: 'https://api.example.com/v1' },
          { name: 'DATABASE_URL', value: 'postgres://app@db:5432/shop' },
          {
            name: 'GIT_SHA',
            value: '3f786850e387550fdab836ed7e6dc881de23001b',
          },
          { name: 'SERVICE_NAME', value: 'MyCompanyInternalServiceName01' },
          { name: 'TOKEN_TTL', value: '3600' },
          {
            name: 'API_TOKEN',
            valueFrom: { secretKeyRef: { name: 'api', key: 'token' } },
          },
        ],
      }),
      ref: app,
    }),
  ),
  {
    rule: 'configmap-plain-secret',
    fail: () => [
      newTestConfigMap({
        data: { 'application.yaml': `server:\n  tls:\n    key: |\n${PEM}\n` },
      }),
    ],
    pass: () => [
      newTestConfigMap({
        data: {
          'application.yaml': 'db:\n  password: ${DB_PASSWORD}\n',
          LOG_LEVEL: 'info',
          TOKEN_ENDPOINT: 'https://auth.example.com/token',
          API_KEY_HEADER: 'X-Api-Key',
        },
      }),
    ],
    ref: { kind: 'ConfigMap', name: 'shop-config' },
  },
  ...(
    [
      { DB_PASSWORD: 'hunter2' },
      { 'client.secret': 'changeme' },
      { CONFIG: JWT },
      { DATABASE_URL: 'postgres://app:s3cr3t@db:5432/shop' },
      { signing: RANDOM },
    ] as Record<string, string>[]
  ).map(data => ({
    rule: 'configmap-plain-secret',
    fail: () => [newTestConfigMap({ data })],
    pass: () => [newTestConfigMap({ data: { DB_PASSWORD: '${DB_PASSWORD}' } })],
  })),
  {
    rule: 'container-cpu-requests-missing',
    fail: container({ resources: { requests: { cpu: null } } }),
    pass: good,
    ref: app,
  },
  {
    rule: 'container-memory-requests-missing',
    fail: container({ resources: { requests: null } }),
    pass: good,
    ref: app,
  },
  {
    rule: 'container-cpu-limits-missing',
    fail: container({ resources: { limits: { cpu: null } } }),
    pass: good,
    ref: app,
  },
  {
    rule: 'container-memory-limits-missing',
    fail: container({ resources: null }),
    pass: good,
    ref: app,
  },
  {
    rule: 'container-liveness-probe-missing',
    fail: container({ livenessProbe: null }),
    pass: good,
    ref: app,
  },
  {
    rule: 'container-readiness-probe-missing',
    fail: container({ readinessProbe: null }),
    pass: good,
    ref: app,
  },
  {
    rule: 'deployment-replicas-low',
    fail: deploy({ replicas: 1 }),
    pass: deploy({ replicas: 2 }),
    ref: { kind: 'Deployment', name: 'shop' },
  },
  {
    rule: 'workload-pdb-missing',
    fail: good,
    pass: () => [newTestDeployment({}), newTestPDB()],
  },
  {
    rule: 'workload-pdb-missing',
    fail: () => [
      newTestStatefulSet({}),
      newTestPDB({ selector: { matchLabels: { app: 'other' } } }),
    ],
    pass: () => [
      newTestStatefulSet({}),
      newTestPDB({
        selector: {
          matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }],
        },
      }),
    ],
    ref: { kind: 'StatefulSet', name: 'db' },
  },
  {
    rule: 'workload-hpa-missing',
    fail: good,
    pass: () => [newTestDeployment({}), newTestHPA()],
  },
  {
    rule: 'workload-anti-affinity-missing',
    fail: deploy({ podSpec: { topologySpreadConstraints: null } }),
    pass: good,
  },
  // An anti-affinity term counts only if it selects the workload's own pods
  // on a node or zone topology key; required and preferred alike.
  ...antiAffinityCases(),
  {
    rule: 'namespace-network-policy-missing',
    fail: ns(),
    pass: ns(
      newTestNamespaced('NetworkPolicy', 'networking.k8s.io/v1', 'deny'),
    ),
    ref: { kind: 'Namespace', name: 'prod' },
  },
  {
    rule: 'namespace-resource-quota-missing',
    fail: ns(),
    pass: ns(newTestNamespaced('ResourceQuota', 'v1', 'q')),
  },
  {
    rule: 'namespace-limit-range-missing',
    fail: ns(),
    pass: ns(newTestNamespaced('LimitRange', 'v1', 'l')),
  },
  {
    rule: 'ingress-tls-missing',
    fail: () => [newTestIngress({ tls: false })],
    pass: () => [newTestIngress()],
  },
  {
    rule: 'ingress-weak-tls-version',
    fail: () => [
      newTestIngress({
        annotations: {
          'nginx.ingress.kubernetes.io/ssl-protocols': 'TLSv1 TLSv1.2',
        },
      }),
    ],
    pass: () => [
      newTestIngress({
        annotations: {
          'nginx.ingress.kubernetes.io/ssl-protocols': 'TLSv1.2 TLSv1.3',
        },
      }),
    ],
  },
  {
    rule: 'traefik-tlsoption-weak-min-version',
    fail: () => [
      newTestNamespaced('TLSOption', 'traefik.io/v1alpha1', 'default', 'prod', {
        minVersion: 'VersionTLS11',
      }),
    ],
    pass: () => [
      newTestNamespaced('TLSOption', 'traefik.io/v1alpha1', 'default', 'prod', {
        minVersion: 'VersionTLS12',
      }),
    ],
  },
  {
    rule: 'gateway-tls-missing',
    fail: () => [
      newTestNamespaced(
        'Gateway',
        'gateway.networking.k8s.io/v1',
        'gw',
        'prod',
        { listeners: [{ name: 'web', protocol: 'HTTP', port: 80 }] },
      ),
    ],
    pass: () => [
      newTestNamespaced(
        'Gateway',
        'gateway.networking.k8s.io/v1',
        'gw',
        'prod',
        {
          listeners: [
            { name: 'web', protocol: 'HTTP', port: 80 },
            {
              name: 'websecure',
              protocol: 'HTTPS',
              port: 443,
              tls: { certificateRefs: [{ name: 'shop-tls' }] },
            },
          ],
        },
      ),
    ],
  },
  {
    rule: 'tls-secret-expiring',
    fail: () => [
      newTestTlsSecret({ notAfter: new Date(NOW.getTime() + 10 * DAY) }),
    ],
    pass: () => [
      newTestTlsSecret({ notAfter: new Date(NOW.getTime() + 100 * DAY) }),
    ],
    ref: { kind: 'Secret', name: 'shop-tls' },
  },
  {
    rule: 'tls-secret-expired',
    fail: () => [newTestTlsSecret({ notAfter: new Date(NOW.getTime() - DAY) })],
    pass: () => [
      newTestTlsSecret({ notAfter: new Date(NOW.getTime() + 10 * DAY) }),
    ],
  },
  {
    rule: 'event-warning',
    fail: () => [newTestEvent()],
    pass: () => [newTestEvent({ type: 'Normal', reason: 'Pulled' })],
    ref: { kind: 'Pod', name: 'shop-7d9c-abcde' },
  },
  {
    rule: 'node-not-ready',
    fail: node({ Ready: 'Unknown' }),
    pass: node({}),
    ref: { kind: 'Node', name: 'node-1', host: 'node-1' },
  },
  {
    rule: 'node-memory-pressure',
    fail: node({ MemoryPressure: 'True' }),
    pass: node({}),
  },
  {
    rule: 'node-disk-pressure',
    fail: node({ DiskPressure: 'True' }),
    pass: node({}),
  },
  {
    rule: 'node-pid-pressure',
    fail: node({ PIDPressure: 'True' }),
    pass: node({}),
  },
  {
    rule: 'pvc-pending',
    fail: () => [
      {
        ...newTestNamespaced('PersistentVolumeClaim', 'v1', 'data'),
        status: { phase: 'Pending' },
      },
    ],
    pass: () => [
      {
        ...newTestNamespaced('PersistentVolumeClaim', 'v1', 'data'),
        status: { phase: 'Bound' },
      },
    ],
  },
  {
    rule: 'pv-not-bound',
    fail: () => [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'pv-1' },
        status: { phase: 'Released' },
      },
    ],
    pass: () => [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'pv-1' },
        status: { phase: 'Bound' },
      },
    ],
  },
  {
    rule: 'pod-crashloop',
    fail: pod(statusOf({ state: { waiting: { reason: 'CrashLoopBackOff' } } })),
    pass: pod(statusOf({ state: { running: {} } })),
    ref: { kind: 'Pod', name: 'shop-7d9c-abcde' },
  },
  {
    rule: 'pod-oomkilled',
    fail: pod(
      statusOf({
        state: { running: {} },
        lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
      }),
    ),
    pass: pod(
      statusOf({
        state: { running: {} },
        lastState: { terminated: { reason: 'Completed' } },
      }),
    ),
  },
  {
    rule: 'service-selector-no-pods',
    fail: () => [newTestService(), newTestPod({ labels: { app: 'other' } })],
    pass: () => [
      newTestService(),
      newTestPod({ labels: { app: 'shop', tier: 'web' } }),
    ],
  },
  {
    rule: 'httproute-backend-missing',
    fail: () => [
      newTestService(),
      newTestHTTPRoute({ backends: ['shop', 'shop-canary'] }),
    ],
    pass: () => [newTestService(), newTestHTTPRoute({ backends: ['shop'] })],
  },
  {
    rule: 'linkerd-serviceprofile-httproute-conflict',
    fail: () => [
      newTestNamespaced(
        'ServiceProfile',
        'linkerd.io/v1alpha2',
        'shop.prod.svc.cluster.local',
      ),
      newTestHTTPRoute({ name: 'shop-split', parentService: 'shop' }),
    ],
    pass: () => [
      newTestNamespaced(
        'ServiceProfile',
        'linkerd.io/v1alpha2',
        'shop.prod.svc.cluster.local',
      ),
      newTestHTTPRoute(),
    ],
  },
  // Rules covering Polaris and kube-score checks (RBAC, pod security, ...).
  ...coverageCases,
];

function run(ruleId: string, objects: KubeObject[]) {
  const rule = pack.rules.find(r => r.definition.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return createInspector({ rules: [rule] }).inspect(objects, {
    cluster: 'test',
    now: NOW,
  }).results;
}

describe('baseline rules', () => {
  it('has a failing and a passing case for every rule', () => {
    const covered = new Set(cases.map(c => c.rule));
    const missing = pack.rules
      .map(r => r.definition.id)
      .filter(id => !covered.has(id));
    expect(missing).toEqual([]);
    expect(pack.rules.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map(c => [c.rule, c] as const))(
    '%s fails on the failing fixture',
    (_id, c) => {
      const results = run(c.rule, c.fail());
      expect(results.filter(r => r.status === 'error')).toEqual([]);
      const failed = results.filter(r => r.status === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      const f = failed[0];
      expect(f.message).toBeTruthy();
      expect(f.message).not.toContain('{{');
      expect(f.fix ?? '').not.toContain('{{');
      expect(f.observed).toBeTruthy();
      expect(f.expected).toBeTruthy();
      expect(f.observed).not.toMatch(/^<unavailable/);
      expect(f.resource).toMatchObject(c.ref ?? {});
    },
  );

  it.each(cases.map(c => [c.rule, c] as const))(
    '%s passes on the passing fixture',
    (_id, c) => {
      const results = run(c.rule, c.pass());
      expect(results.filter(r => r.status !== 'passed')).toEqual([]);
      expect(results.length).toBeGreaterThan(0);
    },
  );

  it('does not check probes of CronJobs, and reports workloads not their pods', () => {
    expect(
      run('container-liveness-probe-missing', [
        newTestCronJob({
          containers: [newTestContainer({ livenessProbe: null })],
        }),
      ]),
    ).toEqual([]);
    const owned = newTestPod({
      ownerKind: 'ReplicaSet',
      containers: [newTestContainer({ securityContext: { privileged: true } })],
    });
    expect(run('container-privileged', [owned])).toEqual([]);
  });

  it('does not flag Deployments managed by an HPA for low replicas', () => {
    expect(
      run('deployment-replicas-low', [
        newTestDeployment({ replicas: 1 }),
        newTestHPA(),
      ]),
    ).toEqual([]);
  });

  it('renders a kubectl patch for CronJobs with the right path', () => {
    const [r] = run('container-privileged', [
      newTestCronJob({
        containers: [
          newTestContainer({ securityContext: { privileged: true } }),
        ],
      }),
    ]);
    expect(r.fix).toContain('kubectl -n prod patch cronjob report -p');
    expect(r.fix).toContain(
      '{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"app","securityContext":{"privileged":false}}]}}}}}}',
    );
  });
});
