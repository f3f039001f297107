import { loadBaselineRulePack } from './builtin';
import { coverageOf } from './generateRuleDocs';
import { createInspector } from './inspector';
import { KUBE_SCORE_CHECKS, POLARIS_CHECKS } from './toolChecks';
import { KubeObject } from './types';
import {
  newTestBinding,
  newTestNetworkPolicy,
  newTestRole,
} from './__testUtils__/coverageCases';
import {
  merge,
  newTestConfigMap,
  newTestContainer,
  newTestCronJob,
  newTestDeployment,
  newTestHPA,
  newTestIngress,
  newTestPDB,
  newTestService,
  newTestStatefulSet,
} from './__testUtils__/fixtures';

/*
 * Differential corpus: inputs with the verdict Polaris or kube-score gives
 * them, as their check definitions say (Polaris checks/*.yaml, kube-score
 * score/*), against the verdict of the Kubemate rules covering the check.
 * Inputs on which the verdicts differ by design are kept in the corpus and
 * listed, so the agreement figure is what a team moving over will see.
 */

type Dict = Record<string, any>;
type Verdict = 'fail' | 'pass';
interface Input {
  label: string;
  objects: KubeObject[];
  verdict: Verdict;
  /** The object the tool judges (defaults to the first). */
  subject?: { kind: string; name: string };
}

const NOW = new Date('2026-06-01T00:00:00Z');
const rules = loadBaselineRulePack().rules;
const inspector = createInspector({ rules, includePassed: false });

const d = (o: Parameters<typeof newTestDeployment>[0] = {}) =>
  newTestDeployment(o);
const c = (overrides: Dict) => d({ containers: [newTestContainer(overrides)] });
const sc = (securityContext: Dict) => c({ securityContext });
const ps = (podSpec: Dict) => d({ podSpec });
const withSpec = (obj: KubeObject, spec: Dict) => ({
  ...obj,
  spec: merge(obj.spec as Dict, spec),
});
const noReplicas = (obj: KubeObject) => {
  const copy = { ...obj, spec: { ...(obj.spec as Dict) } };
  delete copy.spec.replicas;
  return copy;
};
const hpa = (spec: Dict) => withSpec(newTestHPA(), spec);
const pdb = (spec: Dict, status?: Dict) => ({
  ...newTestPDB(),
  spec: { selector: { matchLabels: { app: 'shop' } }, ...spec },
  ...(status ? { status } : {}),
});
const np = (spec: Dict) => newTestNetworkPolicy(spec);
const both = np({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const noSpread = { topologySpreadConstraints: null };
const antiAffinity = {
  affinity: {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        {
          labelSelector: { matchLabels: { app: 'shop' } },
          topologyKey: 'kubernetes.io/hostname',
        },
      ],
    },
  },
};
const EXEC = [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }];
const fail = (label: string, ...objects: KubeObject[]): Input => ({
  label,
  objects,
  verdict: 'fail',
});
const pass = (label: string, ...objects: KubeObject[]): Input => ({
  label,
  objects,
  verdict: 'pass',
});

const POLARIS: Record<string, Input[]> = {
  deploymentMissingReplicas: [
    fail('1 replica', d({ replicas: 1 })),
    pass('3 replicas', d({ replicas: 3 })),
    fail('1 replica under an HPA', d({ replicas: 1 }), newTestHPA()),
  ],
  priorityClassNotSet: [
    fail('unset', d()),
    pass('set', ps({ priorityClassName: 'tier-1' })),
  ],
  tagNotSpecified: [
    fail('no tag', c({ image: 'nginx' })),
    fail('latest', c({ image: 'nginx:latest' })),
    pass('pinned', c({ image: 'nginx:1.27' })),
    pass('digest', c({ image: 'nginx@sha256:abc' })),
  ],
  pullPolicyNotAlways: [
    fail('IfNotPresent', c({ imagePullPolicy: 'IfNotPresent' })),
    pass('Always', c({ imagePullPolicy: 'Always' })),
    fail('unset, pinned tag', c({ imagePullPolicy: null })),
    fail('unset, latest', c({ image: 'nginx', imagePullPolicy: null })),
  ],
  readinessProbeMissing: [
    fail('missing', c({ readinessProbe: null })),
    pass('set', d()),
    pass(
      'CronJob',
      newTestCronJob({
        containers: [newTestContainer({ readinessProbe: null })],
      }),
    ),
  ],
  livenessProbeMissing: [
    fail('missing', c({ livenessProbe: null })),
    pass('set', d()),
  ],
  metadataAndInstanceMismatched: [
    fail(
      'other instance',
      d({ labels: { app: 'shop', 'app.kubernetes.io/instance': 'old' } }),
    ),
    pass(
      'own name',
      d({ labels: { app: 'shop', 'app.kubernetes.io/instance': 'shop' } }),
    ),
    fail('no label', d()),
  ],
  pdbDisruptionsIsZero: [
    fail(
      'none allowed, all healthy',
      pdb(
        { minAvailable: 3 },
        { disruptionsAllowed: 0, currentHealthy: 3, expectedPods: 3 },
      ),
    ),
    pass(
      'one allowed',
      pdb(
        { maxUnavailable: 1 },
        { disruptionsAllowed: 1, currentHealthy: 3, expectedPods: 3 },
      ),
    ),
    fail('manifest without status', pdb({ maxUnavailable: 1 })),
  ],
  topologySpreadConstraint: [
    fail('none', ps(noSpread)),
    pass('hostname', d()),
    pass(
      'zone',
      ps({
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'topology.kubernetes.io/zone',
            whenUnsatisfiable: 'ScheduleAnyway',
          },
        ],
      }),
    ),
  ],
  hpaMaxAvailability: [
    fail('max = min', hpa({ minReplicas: 3, maxReplicas: 3 })),
    pass('max > min', hpa({ minReplicas: 2, maxReplicas: 5 })),
  ],
  hpaMinAvailability: [
    fail('min 1', hpa({ minReplicas: 1 })),
    pass('min 2', hpa({ minReplicas: 2 })),
    pass('min unset', noReplicas(hpa({ minReplicas: null }))),
  ],
  pdbMinAvailableGreaterThanOrEqualToHPAMinReplicas: [
    fail(
      'minAvailable = minReplicas',
      d(),
      hpa({ minReplicas: 2 }),
      pdb({ minAvailable: 2 }),
    ),
    pass(
      'minAvailable < minReplicas',
      d(),
      hpa({ minReplicas: 3 }),
      pdb({ minAvailable: 2 }),
    ),
  ],
  cpuRequestsMissing: [
    fail('missing', c({ resources: { requests: { cpu: null } } })),
    pass('set', d()),
  ],
  cpuLimitsMissing: [
    fail('missing', c({ resources: { limits: { cpu: null } } })),
    pass('set', d()),
  ],
  memoryRequestsMissing: [
    fail('missing', c({ resources: { requests: { memory: null } } })),
    pass('set', d()),
  ],
  memoryLimitsMissing: [
    fail('missing', c({ resources: { limits: { memory: null } } })),
    pass('set', d()),
  ],
  automountServiceAccountToken: [
    fail('unset', ps({ automountServiceAccountToken: null })),
    pass('false', d()),
  ],
  hostIPCSet: [fail('true', ps({ hostIPC: true })), pass('unset', d())],
  hostPIDSet: [fail('true', ps({ hostPID: true })), pass('unset', d())],
  hostNetworkSet: [fail('true', ps({ hostNetwork: true })), pass('unset', d())],
  hostPathSet: [
    fail('hostPath', ps({ volumes: [{ name: 'h', hostPath: { path: '/' } }] })),
    pass('emptyDir', ps({ volumes: [{ name: 'e', emptyDir: {} }] })),
  ],
  hostProcess: [
    fail(
      'true',
      ps({ securityContext: { windowsOptions: { hostProcess: true } } }),
    ),
    pass('unset', d()),
  ],
  hostPortSet: [
    fail('hostPort', c({ ports: [{ containerPort: 80, hostPort: 80 }] })),
    pass('none', d()),
  ],
  linuxHardening: [
    fail('nothing', sc({ capabilities: null })),
    pass('drop ALL', d()),
    pass(
      'seccomp',
      d({
        podSpec: {
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        },
        containers: [
          newTestContainer({ securityContext: { capabilities: null } }),
        ],
      }),
    ),
  ],
  missingNetworkPolicy: [
    fail('none', d()),
    pass('ingress and egress', d(), both),
  ],
  notReadOnlyRootFilesystem: [
    fail('unset', sc({ readOnlyRootFilesystem: null })),
    pass('true', d()),
  ],
  privilegeEscalationAllowed: [
    fail('unset', sc({ allowPrivilegeEscalation: null })),
    pass('false', d()),
  ],
  procMount: [
    fail('Unmasked', sc({ procMount: 'Unmasked' })),
    pass('unset', d()),
  ],
  runAsRootAllowed: [
    fail(
      'nothing',
      d({
        podSpec: { securityContext: null },
        containers: [
          newTestContainer({
            securityContext: { runAsNonRoot: null, runAsUser: null },
          }),
        ],
      }),
    ),
    pass('runAsNonRoot', d()),
    pass(
      'runAsUser on the pod',
      d({
        podSpec: { securityContext: { runAsUser: 1000 } },
        containers: [
          newTestContainer({
            securityContext: { runAsNonRoot: null, runAsUser: null },
          }),
        ],
      }),
    ),
  ],
  runAsPrivileged: [
    fail('privileged', sc({ privileged: true })),
    pass('unset', d()),
  ],
  dangerousCapabilities: [
    fail('SYS_ADMIN', sc({ capabilities: { add: ['SYS_ADMIN'] } })),
    pass(
      'NET_BIND_SERVICE',
      sc({ capabilities: { add: ['NET_BIND_SERVICE'] } }),
    ),
  ],
  insecureCapabilities: [
    fail('nothing dropped', sc({ capabilities: null })),
    pass('drop ALL', d()),
    pass(
      'insecure ones dropped one by one',
      sc({
        capabilities: {
          drop: [
            'CHOWN',
            'DAC_OVERRIDE',
            'FSETID',
            'FOWNER',
            'MKNOD',
            'NET_RAW',
            'SETGID',
            'SETUID',
            'SETFCAP',
            'SETPCAP',
            'NET_BIND_SERVICE',
            'SYS_CHROOT',
            'KILL',
            'AUDIT_WRITE',
          ],
        },
      }),
    ),
  ],
  tlsSettingsMissing: [
    fail('no tls', newTestIngress({ tls: false })),
    pass('tls', newTestIngress()),
  ],
  sensitiveContainerEnvVar: [
    fail(
      'literal password',
      c({ env: [{ name: 'DB_PASSWORD', value: 'x1y2' }] }),
    ),
    pass(
      'secretKeyRef',
      c({
        env: [
          {
            name: 'DB_PASSWORD',
            valueFrom: { secretKeyRef: { name: 'db', key: 'p' } },
          },
        ],
      }),
    ),
  ],
  sensitiveConfigmapContent: [
    fail('password', newTestConfigMap({ data: { DB_PASSWORD: 'hunter2' } })),
    pass('settings', newTestConfigMap()),
  ],
  clusterrolePodExecAttach: [
    fail('exec', newTestRole({ kind: 'ClusterRole', rules: EXEC })),
    pass('read pods', newTestRole({ kind: 'ClusterRole' })),
  ],
  rolePodExecAttach: [
    fail('exec', newTestRole({ rules: EXEC })),
    pass('read pods', newTestRole()),
  ],
  clusterrolebindingPodExecAttach: [
    fail(
      'to an exec role',
      newTestBinding({ kind: 'ClusterRoleBinding', role: 'debug' }),
      newTestRole({ kind: 'ClusterRole', name: 'debug', rules: EXEC }),
    ),
    pass(
      'to a read role',
      newTestBinding({ kind: 'ClusterRoleBinding', role: 'view' }),
      newTestRole({ kind: 'ClusterRole', name: 'view' }),
    ),
  ],
  rolebindingClusterRolePodExecAttach: [
    fail(
      'to an exec ClusterRole',
      newTestBinding({ role: 'debug' }),
      newTestRole({ kind: 'ClusterRole', name: 'debug', rules: EXEC }),
    ),
    pass(
      'to a read ClusterRole',
      newTestBinding(),
      newTestRole({ kind: 'ClusterRole', name: 'view' }),
    ),
  ],
  rolebindingRolePodExecAttach: [
    fail(
      'to an exec Role',
      newTestBinding({ roleKind: 'Role', role: 'debugger' }),
      newTestRole({ rules: EXEC }),
    ),
    pass(
      'to a read Role',
      newTestBinding({ roleKind: 'Role', role: 'debugger' }),
      newTestRole(),
    ),
  ],
  clusterrolebindingClusterAdmin: [
    fail(
      'cluster-admin',
      newTestBinding({
        kind: 'ClusterRoleBinding',
        name: 'ops',
        role: 'cluster-admin',
      }),
    ),
    pass(
      'view',
      newTestBinding({ kind: 'ClusterRoleBinding', name: 'ops' }),
      newTestRole({ kind: 'ClusterRole', name: 'view' }),
    ),
  ],
  rolebindingClusterAdminClusterRole: [
    fail('cluster-admin', newTestBinding({ role: 'cluster-admin' })),
    pass(
      'view',
      newTestBinding(),
      newTestRole({ kind: 'ClusterRole', name: 'view' }),
    ),
  ],
  rolebindingClusterAdminRole: [
    fail(
      'wildcard Role',
      newTestBinding({ roleKind: 'Role', role: 'all' }),
      newTestRole({
        name: 'all',
        rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
      }),
    ),
    pass(
      'read Role',
      newTestBinding({ roleKind: 'Role', role: 'debugger' }),
      newTestRole(),
    ),
  ],
};

const sts = (o: Parameters<typeof newTestStatefulSet>[0] = {}) =>
  newTestStatefulSet(o);
const headless = withSpec(
  newTestService({ name: 'db', selector: { app: 'db' } }),
  { clusterIP: 'None' },
);

const KUBE_SCORE: Record<string, Input[]> = {
  'ingress-targets-service': [
    fail('missing', newTestIngress()),
    pass('exists', newTestIngress(), newTestService()),
  ],
  'cronjob-has-deadline': [
    fail('unset', newTestCronJob()),
    pass('set', withSpec(newTestCronJob(), { startingDeadlineSeconds: 60 })),
  ],
  'cronjob-restartpolicy': [
    fail('unset', newTestCronJob()),
    pass(
      'OnFailure',
      newTestCronJob({ podSpec: { restartPolicy: 'OnFailure' } }),
    ),
  ],
  'container-resources': [
    fail('no limits', c({ resources: { limits: null } })),
    pass('all set', d()),
  ],
  'container-image-tag': [
    fail('latest', c({ image: 'nginx:latest' })),
    pass('pinned', c({ image: 'nginx:1.27' })),
  ],
  'container-image-pull-policy': [
    fail('IfNotPresent', c({ imagePullPolicy: 'IfNotPresent' })),
    pass('Always', c({ imagePullPolicy: 'Always' })),
    pass('unset, latest', c({ image: 'nginx', imagePullPolicy: null })),
  ],
  'container-ephemeral-storage-request-and-limit': [
    fail('missing', d()),
    pass(
      'set',
      c({
        resources: {
          requests: { 'ephemeral-storage': '1Gi' },
          limits: { 'ephemeral-storage': '2Gi' },
        },
      }),
    ),
  ],
  'deployment-has-poddisruptionbudget': [
    fail('3 replicas', d()),
    pass('with PDB', d(), newTestPDB()),
    pass('1 replica', d({ replicas: 1 })),
    fail('replicas unset', noReplicas(d())),
  ],
  'statefulset-has-poddisruptionbudget': [
    fail('3 replicas', sts()),
    pass(
      'with PDB',
      sts(),
      newTestPDB({ selector: { matchLabels: { app: 'db' } } }),
    ),
  ],
  'poddisruptionbudget-has-policy': [
    fail('no policy', pdb({})),
    pass('maxUnavailable', newTestPDB()),
  ],
  'pod-networkpolicy': [
    fail('none', d()),
    pass('both directions', d(), both),
    fail(
      'ingress only',
      d(),
      np({ podSelector: {}, policyTypes: ['Ingress'] }),
    ),
  ],
  'networkpolicy-targets-pod': [
    {
      ...fail(
        'selects nothing',
        d(),
        np({ podSelector: { matchLabels: { app: 'x' } } }),
      ),
      subject: { kind: 'NetworkPolicy', name: 'np' },
    },
    {
      ...pass(
        'selects the template',
        d(),
        np({ podSelector: { matchLabels: { app: 'shop' } } }),
      ),
      subject: { kind: 'NetworkPolicy', name: 'np' },
    },
  ],
  'pod-probes-identical': [
    fail(
      'identical',
      c({
        readinessProbe: { httpGet: { path: '/h', port: 8080 } },
        livenessProbe: { httpGet: { path: '/h', port: 8080 } },
      }),
    ),
    pass('different', d()),
  ],
  'container-security-context-privileged': [
    fail('privileged', sc({ privileged: true })),
    pass('unset', d()),
  ],
  'container-security-context-readonlyrootfilesystem': [
    fail('false', sc({ readOnlyRootFilesystem: false })),
    pass('true', d()),
  ],
  'container-seccomp-profile': [
    fail('none', d()),
    pass(
      'RuntimeDefault',
      ps({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }),
    ),
  ],
  'service-targets-pod': [
    {
      ...fail('no pods', newTestService(), d({ name: 'web' })),
    },
    pass('template matches', newTestService(), d()),
  ],
  'service-type': [
    fail('NodePort', newTestService({ type: 'NodePort' })),
    pass('ClusterIP', newTestService(), d()),
  ],
  'stable-version': [
    fail('extensions/v1beta1', { ...d(), apiVersion: 'extensions/v1beta1' }),
    pass('apps/v1', d()),
  ],
  'deployment-has-host-podantiaffinity': [
    fail('none', ps(noSpread)),
    pass('required on hostname', ps({ ...noSpread, ...antiAffinity })),
    pass('1 replica', d({ replicas: 1, podSpec: noSpread })),
    fail('spread constraint only', d()),
  ],
  'statefulset-has-host-podantiaffinity': [
    fail('none', sts({ podSpec: noSpread })),
    pass('1 replica', sts({ replicas: 1, podSpec: noSpread })),
  ],
  'label-values': [
    fail('space', d({ labels: { app: 'shop', team: 'web ops' } })),
    pass('valid', d()),
  ],
  'horizontalpodautoscaler-has-target': [
    fail('missing', newTestHPA()),
    pass('exists', newTestHPA(), d()),
  ],
  'deployment-replicas': [
    fail('1 replica', d({ replicas: 1 })),
    pass('3 replicas', d()),
  ],
  'horizontalpodautoscaler-replicas': [
    fail('min 1', hpa({ minReplicas: 1 })),
    pass('min 2', hpa({ minReplicas: 2 })),
    fail('min unset', noReplicas(hpa({ minReplicas: null }))),
  ],
  'pod-topology-spread-constraints': [
    fail(
      'maxSkew 0',
      ps({
        topologySpreadConstraints: [
          {
            maxSkew: 0,
            topologyKey: 'kubernetes.io/hostname',
            whenUnsatisfiable: 'DoNotSchedule',
          },
        ],
      }),
    ),
    pass('valid', d()),
    pass('none', ps(noSpread)),
  ],
  'deployment-targeted-by-hpa-does-not-have-replicas-configured': [
    fail('replicas set', d(), newTestHPA()),
    pass('replicas unset', noReplicas(d()), newTestHPA()),
  ],
  'deployment-strategy': [
    fail(
      'Recreate behind a Service',
      d({ spec: { strategy: { type: 'Recreate' } } }),
      newTestService(),
    ),
    pass('RollingUpdate', d(), newTestService()),
  ],
  'statefulset-has-servicename': [
    fail('no serviceName', sts(), headless),
    pass('headless', sts({ spec: { serviceName: 'db' } }), headless),
  ],
  'environment-variable-key-duplication': [
    fail(
      'duplicate',
      c({
        env: [
          { name: 'A', value: '1' },
          { name: 'A', value: '2' },
        ],
      }),
    ),
    pass('unique', d()),
  ],
  'deployment-pod-selector-labels-match-template-metadata-labels': [
    fail('mismatch', d({ spec: { selector: { matchLabels: { app: 'x' } } } })),
    pass('match', d()),
  ],
  'statefulset-pod-selector-labels-match-template-metadata-labels': [
    fail(
      'mismatch',
      sts({ spec: { selector: { matchLabels: { app: 'x' } } } }),
    ),
    pass('match', sts()),
  ],
};

// Inputs on which the verdicts differ by design (see docs/rules.md).
const KNOWN_DIFFERENCES = [
  'polaris deploymentMissingReplicas: 1 replica under an HPA',
  'polaris pullPolicyNotAlways: unset, latest',
  'polaris hpaMinAvailability: min unset',
  'polaris insecureCapabilities: insecure ones dropped one by one',
  'kubeScore deployment-has-host-podantiaffinity: spread constraint only',
];

function kubemateVerdict(ruleIds: string[], input: Input): Verdict {
  const subject = input.subject ?? {
    kind: input.objects[0].kind!,
    name: input.objects[0].metadata!.name!,
  };
  const failed = inspector
    .inspect(input.objects, { cluster: 't', now: NOW })
    .results.filter(
      r =>
        r.status === 'failed' &&
        ruleIds.includes(r.ruleId) &&
        r.resource.kind === subject.kind &&
        r.resource.name === subject.name,
    );
  return failed.length ? 'fail' : 'pass';
}

describe.each([
  ['polaris', POLARIS, POLARIS_CHECKS],
  ['kubeScore', KUBE_SCORE, KUBE_SCORE_CHECKS],
] as const)('verdicts of %s checks', (tool, corpus, checks) => {
  const covered = coverageOf(rules, tool);
  const full = checks.filter(ch => covered.has(ch.id) && !ch.partial);

  it('has inputs for every fully covered check', () => {
    expect(full.map(ch => ch.id).filter(id => !corpus[id])).toEqual([]);
  });

  it('agrees on at least 95% of the inputs, differing only where documented', () => {
    let total = 0;
    const differences: string[] = [];
    for (const ch of full) {
      for (const input of corpus[ch.id] ?? []) {
        total++;
        if (kubemateVerdict(covered.get(ch.id)!, input) !== input.verdict) {
          differences.push(`${tool} ${ch.id}: ${input.label}`);
        }
      }
    }
    expect(differences).toEqual(
      KNOWN_DIFFERENCES.filter(k => k.startsWith(`${tool} `)),
    );
    expect((total - differences.length) / total).toBeGreaterThanOrEqual(0.95);
  });
});
