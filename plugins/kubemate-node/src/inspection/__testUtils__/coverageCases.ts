import { KubeObject } from '../types';
import {
  merge,
  newTestContainer,
  newTestCronJob,
  newTestDeployment,
  newTestHPA,
  newTestIngress,
  newTestNamespaced,
  newTestPDB,
  newTestPod,
  newTestService,
  newTestStatefulSet,
} from './fixtures';

type Dict = Record<string, any>;

/** A failing and a passing fixture for one rule. */
export interface RuleCase {
  rule: string;
  fail: () => KubeObject[];
  pass: () => KubeObject[];
  /** Expected resource of the finding. */
  ref?: { kind: string; name: string; container?: string; host?: string };
}

const RBAC = 'rbac.authorization.k8s.io/v1';

export function newTestRole(
  o: { kind?: 'Role' | 'ClusterRole'; name?: string; rules?: Dict[] } = {},
): KubeObject {
  const kind = o.kind ?? 'Role';
  return {
    apiVersion: RBAC,
    kind,
    metadata: {
      name: o.name ?? 'debugger',
      ...(kind === 'Role' ? { namespace: 'prod' } : {}),
    },
    rules: o.rules ?? [
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get'] },
    ],
  };
}

export function newTestBinding(
  o: {
    kind?: 'RoleBinding' | 'ClusterRoleBinding';
    name?: string;
    roleKind?: 'Role' | 'ClusterRole';
    role?: string;
    subjects?: Dict[];
  } = {},
): KubeObject {
  const kind = o.kind ?? 'RoleBinding';
  return {
    apiVersion: RBAC,
    kind,
    metadata: {
      name: o.name ?? 'developers',
      ...(kind === 'RoleBinding' ? { namespace: 'prod' } : {}),
    },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: o.roleKind ?? 'ClusterRole',
      name: o.role ?? 'view',
    },
    subjects: o.subjects ?? [
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
    ],
  };
}

export function newTestNetworkPolicy(spec: Dict, name = 'np'): KubeObject {
  return newTestNamespaced(
    'NetworkPolicy',
    'networking.k8s.io/v1',
    name,
    'prod',
    spec,
  );
}

const EXEC = [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }];
const EVERYTHING = [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }];
const VIEW = newTestRole({ kind: 'ClusterRole', name: 'view' });

const deploy = (o: Parameters<typeof newTestDeployment>[0]) => () =>
  [newTestDeployment(o)];
const container = (overrides: Dict) =>
  deploy({ containers: [newTestContainer(overrides)] });
const good = deploy({});
const app = { kind: 'Deployment', name: 'shop', container: 'app' };
const hpa = (spec: Dict) => {
  const h = newTestHPA();
  h.spec = { ...(h.spec as Dict), ...spec };
  for (const [k, v] of Object.entries(h.spec as Dict)) {
    if (v === undefined) delete (h.spec as Dict)[k];
  }
  return h;
};
const pdb = (spec: Dict, status?: Dict) => {
  const p = newTestPDB();
  p.spec = { selector: (p.spec as Dict).selector, ...spec };
  if (status) p.status = status;
  return p;
};
const withSpec = (obj: KubeObject, spec: Dict) => {
  obj.spec = merge(obj.spec as Dict, spec);
  return obj;
};
const headless = (name: string, selector: Dict, clusterIP = 'None') =>
  withSpec(newTestService({ name, selector }), { clusterIP });
const probe = { httpGet: { path: '/healthz', port: 8080 } };
const seccomp = {
  securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
};

/** Cases of the rules that cover Polaris and kube-score checks. */
export const coverageCases: RuleCase[] = [
  // RBAC
  {
    rule: 'rbac-role-pod-exec-attach',
    fail: () => [newTestRole({ rules: EXEC })],
    pass: () => [newTestRole()],
    ref: { kind: 'Role', name: 'debugger' },
  },
  ...[
    { apiGroups: ['*'], resources: ['pods/*'], verbs: ['get'] },
    { apiGroups: [''], resources: ['*'], verbs: ['*'] },
    { apiGroups: [''], resources: ['pods/attach'], verbs: ['create'] },
  ].map(rule => ({
    rule: 'rbac-role-pod-exec-attach',
    fail: () => [newTestRole({ kind: 'ClusterRole', rules: [rule] })],
    // Read-only on exec is not exec; Kubernetes' own roles are left to the bindings.
    pass: () => [
      newTestRole({
        kind: 'ClusterRole',
        rules: [{ ...rule, verbs: ['list', 'watch'] }],
      }),
      newTestRole({ kind: 'ClusterRole', name: 'edit', rules: [rule] }),
      newTestRole({ kind: 'ClusterRole', name: 'system:x', rules: [rule] }),
    ],
  })),
  {
    rule: 'rbac-binding-pod-exec-attach',
    fail: () => [
      newTestRole({ kind: 'ClusterRole', name: 'edit', rules: EXEC }),
      newTestBinding({ role: 'edit' }),
    ],
    pass: () => [VIEW, newTestBinding()],
    ref: { kind: 'RoleBinding', name: 'developers' },
  },
  {
    rule: 'rbac-binding-pod-exec-attach',
    fail: () => [
      newTestRole({ rules: EXEC }),
      newTestBinding({ roleKind: 'Role', role: 'debugger' }),
    ],
    // The cluster's own service accounts are not flagged; the role of the
    // other namespace does not count.
    pass: () => [
      newTestRole({ rules: EXEC }),
      newTestBinding({
        roleKind: 'Role',
        role: 'debugger',
        subjects: [
          { kind: 'ServiceAccount', name: 'ctrl', namespace: 'kube-system' },
        ],
      }),
      {
        ...newTestBinding({ roleKind: 'Role', role: 'debugger' }),
        metadata: { name: 'developers', namespace: 'staging' },
      },
    ],
  },
  {
    rule: 'rbac-binding-cluster-admin',
    fail: () => [
      newTestBinding({
        kind: 'ClusterRoleBinding',
        name: 'ops',
        role: 'cluster-admin',
      }),
    ],
    pass: () => [
      VIEW,
      newTestBinding({ kind: 'ClusterRoleBinding', name: 'ops' }),
      // Kubernetes' own binding of cluster-admin to system:masters.
      newTestBinding({
        kind: 'ClusterRoleBinding',
        name: 'cluster-admin',
        role: 'cluster-admin',
        subjects: [{ kind: 'Group', name: 'system:masters' }],
      }),
    ],
    ref: { kind: 'ClusterRoleBinding', name: 'ops' },
  },
  {
    rule: 'rbac-binding-cluster-admin',
    fail: () => [
      newTestRole({ name: 'all', rules: EVERYTHING }),
      newTestBinding({ roleKind: 'Role', role: 'all' }),
    ],
    pass: () => [
      newTestRole({
        name: 'all',
        rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list'] }],
      }),
      newTestBinding({ roleKind: 'Role', role: 'all' }),
    ],
  },
  // Pod security
  {
    rule: 'pod-windows-host-process',
    fail: deploy({
      podSpec: { securityContext: { windowsOptions: { hostProcess: true } } },
    }),
    pass: good,
  },
  {
    rule: 'pod-windows-host-process',
    fail: container({
      securityContext: { windowsOptions: { hostProcess: true } },
    }),
    pass: container({
      securityContext: { windowsOptions: { hostProcess: false } },
    }),
  },
  {
    rule: 'container-proc-mount-unmasked',
    fail: container({ securityContext: { procMount: 'Unmasked' } }),
    pass: container({ securityContext: { procMount: 'Default' } }),
    ref: app,
  },
  {
    rule: 'pod-seccomp-profile-missing',
    fail: good,
    pass: deploy({ podSpec: seccomp }),
  },
  {
    rule: 'pod-seccomp-profile-missing',
    // The container's Unconfined wins over the pod's RuntimeDefault.
    fail: deploy({
      podSpec: seccomp,
      containers: [
        newTestContainer({
          securityContext: { seccompProfile: { type: 'Unconfined' } },
        }),
      ],
    }),
    pass: deploy({
      podAnnotations: {
        'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default',
      },
    }),
  },
  {
    rule: 'container-linux-hardening-missing',
    fail: container({ securityContext: { capabilities: { drop: [] } } }),
    pass: good,
    ref: app,
  },
  {
    rule: 'container-linux-hardening-missing',
    fail: container({ securityContext: { capabilities: null } }),
    pass: deploy({
      podSpec: seccomp,
      podAnnotations: {
        'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default',
      },
      containers: [
        newTestContainer({ securityContext: { capabilities: null } }),
      ],
    }),
  },
  // Reliability
  {
    rule: 'pod-priority-class-missing',
    fail: good,
    pass: deploy({ podSpec: { priorityClassName: 'business-critical' } }),
  },
  {
    rule: 'hpa-min-replicas-low',
    fail: () => [hpa({ minReplicas: 1 })],
    pass: () => [hpa({ minReplicas: 2 })],
    ref: { kind: 'HorizontalPodAutoscaler', name: 'shop-hpa' },
  },
  {
    rule: 'hpa-min-replicas-low',
    // Unset means 1.
    fail: () => [hpa({ minReplicas: undefined })],
    pass: () => [hpa({ minReplicas: 3 })],
  },
  {
    rule: 'hpa-max-replicas-not-above-min',
    fail: () => [hpa({ minReplicas: 3, maxReplicas: 3 })],
    pass: () => [hpa({ minReplicas: 3, maxReplicas: 4 })],
  },
  {
    rule: 'hpa-target-missing',
    fail: () => [newTestHPA({ target: 'gone' })],
    pass: () => [newTestDeployment(), newTestHPA()],
  },
  {
    rule: 'pdb-policy-missing',
    fail: () => [pdb({})],
    pass: () => [newTestPDB()],
    ref: { kind: 'PodDisruptionBudget', name: 'shop-pdb' },
  },
  ...[
    pdb({ maxUnavailable: 0 }),
    pdb({ maxUnavailable: '0%' }),
    pdb({ minAvailable: '100%' }),
    pdb(
      { minAvailable: 3 },
      { disruptionsAllowed: 0, currentHealthy: 3, expectedPods: 3 },
    ),
  ].map(failing => ({
    rule: 'pdb-no-disruption-allowed',
    fail: () => [failing],
    // Not flagged while the budget is only exhausted by unhealthy pods.
    pass: () => [
      pdb(
        { minAvailable: 2 },
        { disruptionsAllowed: 0, currentHealthy: 2, expectedPods: 3 },
      ),
      pdb({ maxUnavailable: '25%' }),
    ],
  })),
  ...[2, '80%', '100%'].map(minAvailable => ({
    rule: 'pdb-min-available-exceeds-hpa',
    fail: () => [
      newTestDeployment(),
      hpa({ minReplicas: 2 }),
      pdb({ minAvailable }),
    ],
    pass: () => [
      newTestDeployment(),
      hpa({ minReplicas: 3 }),
      pdb({ minAvailable: 2 }),
      pdb({ maxUnavailable: 1 }),
    ],
    ref: { kind: 'Deployment', name: 'shop' },
  })),
  {
    rule: 'pdb-min-available-exceeds-hpa',
    // maxUnavailable 0 keeps every pod.
    fail: () => [
      newTestDeployment(),
      hpa({ minReplicas: 2 }),
      pdb({ maxUnavailable: 0 }),
    ],
    pass: () => [
      newTestDeployment(),
      hpa({ minReplicas: 2 }),
      pdb({ minAvailable: 2, selector: { matchLabels: { app: 'other' } } }),
    ],
  },
  {
    rule: 'workload-instance-label-mismatch',
    fail: deploy({
      labels: { app: 'shop', 'app.kubernetes.io/instance': 'shop-old' },
    }),
    pass: deploy({
      labels: { app: 'shop', 'app.kubernetes.io/instance': 'shop' },
    }),
  },
  {
    rule: 'cronjob-deadline-missing',
    fail: () => [newTestCronJob({ podSpec: { restartPolicy: 'OnFailure' } })],
    pass: () => [withSpec(newTestCronJob(), { startingDeadlineSeconds: 300 })],
    ref: { kind: 'CronJob', name: 'report' },
  },
  {
    rule: 'cronjob-restart-policy-invalid',
    fail: () => [newTestCronJob({ podSpec: { restartPolicy: 'Always' } })],
    pass: () => [newTestCronJob({ podSpec: { restartPolicy: 'Never' } })],
  },
  {
    rule: 'cronjob-restart-policy-invalid',
    fail: () => [newTestCronJob()],
    pass: () => [newTestCronJob({ podSpec: { restartPolicy: 'OnFailure' } })],
  },
  {
    rule: 'statefulset-service-name-missing',
    fail: () => [newTestStatefulSet(), headless('db', { app: 'db' })],
    pass: () => [
      newTestStatefulSet({ spec: { serviceName: 'db' } }),
      headless('db', { app: 'db' }),
    ],
    ref: { kind: 'StatefulSet', name: 'db' },
  },
  ...[
    [headless('db', { app: 'db' }, '10.0.0.7')],
    [headless('db', { app: 'other' })],
    [],
  ].map(services => ({
    rule: 'statefulset-service-name-missing',
    fail: () => [
      newTestStatefulSet({ spec: { serviceName: 'db' } }),
      ...services,
    ],
    pass: () => [
      newTestStatefulSet({ spec: { serviceName: 'db' } }),
      headless('db', { app: 'db' }),
    ],
  })),
  {
    rule: 'deployment-recreate-strategy',
    fail: () => [
      newTestDeployment({ spec: { strategy: { type: 'Recreate' } } }),
      newTestService(),
    ],
    pass: () => [newTestDeployment(), newTestService()],
  },
  {
    rule: 'container-probes-identical',
    fail: container({ readinessProbe: probe, livenessProbe: probe }),
    pass: good,
    ref: app,
  },
  {
    rule: 'deployment-replicas-with-hpa',
    fail: () => [newTestDeployment(), newTestHPA()],
    pass: () => {
      const d = newTestDeployment();
      delete (d.spec as Dict).replicas;
      return [d, newTestHPA()];
    },
  },
  {
    rule: 'workload-selector-template-mismatch',
    fail: deploy({ spec: { selector: { matchLabels: { app: 'other' } } } }),
    pass: deploy({
      spec: {
        selector: {
          matchLabels: null,
          matchExpressions: [{ key: 'app', operator: 'Exists' }],
        },
      },
    }),
  },
  {
    rule: 'workload-topology-spread-missing',
    fail: deploy({ podSpec: { topologySpreadConstraints: null } }),
    pass: good,
  },
  {
    rule: 'workload-topology-spread-invalid',
    fail: deploy({
      podSpec: {
        topologySpreadConstraints: [
          { maxSkew: 0, topologyKey: 'kubernetes.io/hostname' },
        ],
      },
    }),
    pass: good,
  },
  {
    rule: 'container-env-duplicate',
    fail: container({
      env: [
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'LOG_LEVEL', value: 'debug' },
      ],
    }),
    pass: good,
    ref: app,
  },
  {
    rule: 'container-image-pull-policy-not-always',
    fail: container({ image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }),
    pass: container({ image: 'nginx:1.27', imagePullPolicy: 'Always' }),
    ref: app,
  },
  {
    rule: 'container-image-pull-policy-not-always',
    // Unset: Kubernetes pulls latest and untagged images always, others if not present.
    fail: container({ image: 'nginx:1.27', imagePullPolicy: null }),
    pass: deploy({
      containers: [
        newTestContainer({ image: 'nginx', imagePullPolicy: null }),
        newTestContainer({
          name: 'sidecar',
          image: 'envoy:latest',
          imagePullPolicy: null,
        }),
      ],
    }),
  },
  // Manifests without replicas (an autoscaler owns them) are checked, as kube-score does.
  {
    rule: 'workload-pdb-missing',
    fail: () => {
      const d = newTestDeployment();
      delete (d.spec as Dict).replicas;
      return [d];
    },
    pass: () => {
      const d = newTestDeployment();
      delete (d.spec as Dict).replicas;
      return [d, newTestPDB()];
    },
  },
  {
    rule: 'workload-anti-affinity-missing',
    fail: () => {
      const d = newTestDeployment({
        podSpec: { topologySpreadConstraints: null },
      });
      delete (d.spec as Dict).replicas;
      return [d];
    },
    pass: () => {
      const d = newTestDeployment();
      delete (d.spec as Dict).replicas;
      return [d];
    },
  },
  // A Service is judged by the pod templates of manifests too.
  {
    rule: 'service-selector-no-pods',
    fail: () => [newTestService(), newTestDeployment({ name: 'web' })],
    pass: () => [newTestService(), newTestDeployment()],
  },
  // Network
  {
    rule: 'workload-network-policy-missing',
    fail: () => [
      newTestDeployment(),
      newTestNetworkPolicy({ podSelector: {}, policyTypes: ['Ingress'] }),
    ],
    pass: () => [
      newTestDeployment(),
      newTestNetworkPolicy({ podSelector: { matchLabels: { app: 'shop' } } }),
      newTestNetworkPolicy({ podSelector: {}, egress: [{}] }, 'egress'),
    ],
  },
  {
    rule: 'workload-network-policy-missing',
    fail: () => [
      newTestDeployment(),
      newTestNetworkPolicy({
        podSelector: { matchLabels: { app: 'other' } },
        policyTypes: ['Ingress', 'Egress'],
      }),
    ],
    pass: () => [
      newTestDeployment(),
      newTestNetworkPolicy({
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
      }),
    ],
  },
  {
    rule: 'network-policy-selects-no-pods',
    fail: () => [
      newTestDeployment(),
      newTestNetworkPolicy({ podSelector: { matchLabels: { app: 'shp' } } }),
    ],
    pass: () => [
      newTestNetworkPolicy({ podSelector: { matchLabels: { app: 'shop' } } }),
      newTestPod(),
    ],
    ref: { kind: 'NetworkPolicy', name: 'np' },
  },
  {
    rule: 'ingress-backend-service-missing',
    fail: () => [newTestIngress()],
    pass: () => [newTestIngress(), newTestService()],
    ref: { kind: 'Ingress', name: 'shop' },
  },
  {
    rule: 'ingress-backend-service-missing',
    fail: () => [
      withSpec(newTestIngress(), {
        defaultBackend: { service: { name: 'fallback' } },
      }),
      newTestService(),
    ],
    pass: () => [
      {
        ...newTestIngress(),
        apiVersion: 'networking.k8s.io/v1beta1',
        spec: {
          rules: [
            {
              http: {
                paths: [{ backend: { serviceName: 'shop', servicePort: 80 } }],
              },
            },
          ],
        },
      },
      newTestService(),
    ],
  },
  {
    rule: 'service-node-port',
    fail: () => [newTestService({ type: 'NodePort' })],
    pass: () => [newTestService({ type: 'LoadBalancer' })],
    ref: { kind: 'Service', name: 'shop' },
  },
  // Efficiency
  {
    rule: 'container-ephemeral-storage-missing',
    fail: good,
    pass: container({
      resources: {
        requests: { 'ephemeral-storage': '256Mi' },
        limits: { 'ephemeral-storage': '1Gi' },
      },
    }),
    ref: app,
  },
  // Governance
  {
    rule: 'metadata-label-value-invalid',
    fail: deploy({ labels: { app: 'shop', version: 1.1 as any } }),
    pass: good,
  },
  {
    rule: 'metadata-label-value-invalid',
    fail: () => [
      {
        ...newTestService(),
        metadata: { name: 'shop', labels: { team: 'web ops' } },
      },
    ],
    pass: () => [
      {
        ...newTestService(),
        metadata: { name: 'shop', labels: { team: 'web_ops-2.x', empty: '' } },
      },
    ],
  },
  {
    rule: 'api-version-deprecated',
    fail: () => [{ ...newTestDeployment(), apiVersion: 'extensions/v1beta1' }],
    pass: good,
  },
  {
    rule: 'api-version-deprecated',
    fail: () => [
      newTestBinding({ name: 'old' }),
      { ...newTestRole(), apiVersion: 'rbac.authorization.k8s.io/v1beta1' },
    ],
    pass: () => [newTestRole()],
  },
];
