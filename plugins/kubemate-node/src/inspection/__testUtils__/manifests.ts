import { KubeObject } from '../types';
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
} from './fixtures';
import {
  newTestBinding,
  newTestNetworkPolicy,
  newTestRole,
} from './coverageCases';

type Dict = Record<string, any>;

/** One manifest-shaped input: the objects of a run and what was changed. */
export interface ManifestVariant {
  label: string;
  objects: KubeObject[];
}

/** Objects of every kind a baseline rule targets, as a cluster would hold them. */
export function manifestBaseObjects(): KubeObject[] {
  const now = new Date('2026-06-01T00:00:00Z');
  return [
    newTestNamespace('prod'),
    newTestDeployment({
      podSpec: {
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 100,
                podAffinityTerm: {
                  labelSelector: {
                    matchLabels: { app: 'shop' },
                    matchExpressions: [
                      { key: 'tier', operator: 'NotIn', values: ['db'] },
                    ],
                  },
                  topologyKey: 'kubernetes.io/hostname',
                },
              },
            ],
          },
        },
        volumes: [{ name: 'data', hostPath: { path: '/data' } }],
        initContainers: [{ name: 'init', image: 'busybox' }],
      },
    }),
    newTestStatefulSet({}),
    newTestCronJob({}),
    newTestPod({
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
          },
        ],
      },
    }),
    newTestService(),
    newTestServiceAccount({ automount: false }),
    newTestPDB(),
    newTestHPA(),
    newTestIngress({
      annotations: { 'nginx.ingress.kubernetes.io/ssl-protocols': 'TLSv1' },
    }),
    newTestHTTPRoute({ backends: ['shop', 'missing'] }),
    newTestHTTPRoute({ name: 'split', parentService: 'shop' }),
    newTestNamespaced('ServiceProfile', 'linkerd.io/v1alpha2', 'shop.prod'),
    newTestNamespaced('Gateway', 'gateway.networking.k8s.io/v1', 'gw', 'prod', {
      listeners: [
        {
          name: 'tls',
          protocol: 'HTTPS',
          port: 443,
          tls: { certificateRefs: [{ name: 'shop-tls' }] },
        },
      ],
    }),
    newTestNamespaced('TLSOption', 'traefik.io/v1alpha1', 'default', 'prod', {
      minVersion: 'VersionTLS11',
    }),
    {
      ...newTestNamespaced('PersistentVolumeClaim', 'v1', 'data'),
      status: { phase: 'Pending' },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-1' },
      spec: {},
      status: { phase: 'Released' },
    },
    newTestNode('node-1', { Ready: 'False' }),
    newTestEvent(),
    newTestTlsSecret({ notAfter: new Date(now.getTime() + 86_400_000) }),
    newTestConfigMap({ data: { LOG_LEVEL: 'info', DB_PASSWORD: 'hunter2' } }),
    // Kinds of the rules covering Polaris and kube-score checks.
    newTestRole({
      rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }],
    }),
    newTestRole({
      kind: 'ClusterRole',
      name: 'all',
      rules: [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
        { nonResourceURLs: ['*'], verbs: ['get'] },
      ],
    }),
    newTestBinding({ roleKind: 'Role', role: 'debugger' }),
    newTestBinding({
      kind: 'ClusterRoleBinding',
      name: 'ops',
      role: 'all',
      subjects: [
        { kind: 'ServiceAccount', name: 'ci', namespace: 'prod' },
        { kind: 'User', name: 'alice' },
      ],
    }),
    newTestNetworkPolicy({
      podSelector: {
        matchLabels: { app: 'shop' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }],
      },
      policyTypes: ['Ingress', 'Egress'],
      egress: [{ to: [{ podSelector: {} }] }],
    }),
    {
      ...newTestPDB({ name: 'strict' }),
      spec: { minAvailable: '50%', selector: { matchLabels: { app: 'shop' } } },
      status: { disruptionsAllowed: 0, currentHealthy: 3, expectedPods: 3 },
    },
    newTestStatefulSet({
      name: 'queue',
      spec: { serviceName: 'queue' },
      podSpec: {
        restartPolicy: 'Always',
        priorityClassName: 'high',
        securityContext: {
          seccompProfile: { type: 'RuntimeDefault' },
          windowsOptions: { hostProcess: false },
        },
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'topology.kubernetes.io/zone',
            whenUnsatisfiable: 'DoNotSchedule',
          },
        ],
      },
      podAnnotations: {
        'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default',
      },
      containers: [
        newTestContainer({
          env: [
            { name: 'A', value: '1' },
            { name: 'A', value: '2' },
          ],
          securityContext: { procMount: 'Default' },
          resources: {
            requests: { 'ephemeral-storage': '1Gi' },
            limits: { 'ephemeral-storage': '2Gi' },
          },
          readinessProbe: { tcpSocket: { port: 8080 } },
          livenessProbe: { tcpSocket: { port: 8080 } },
        }),
      ],
    }),
    {
      ...newTestService({ name: 'queue', selector: { app: 'queue' } }),
      spec: { clusterIP: 'None', selector: { app: 'queue' } },
    },
    {
      ...newTestIngress(),
      apiVersion: 'extensions/v1beta1',
      metadata: {
        name: 'legacy',
        namespace: 'prod',
        labels: { 'app.kubernetes.io/instance': 'other' },
      },
      spec: {
        defaultBackend: { service: { name: 'missing' } },
        rules: [{ http: { paths: [{ backend: { serviceName: 'shop' } }] } }],
      },
    },
    // Manifests written by hand: numbers where Kubernetes wants strings.
    newTestConfigMap({ name: 'numbers', data: { PORT: 8080 as any } }),
    newTestDeployment({
      name: 'numbers',
      containers: [
        newTestContainer({
          env: [
            { name: 'PORT', value: 8080 },
            { name: 'API_TOKEN', value: 12345 },
          ],
        }),
      ],
    }),
  ];
}

/** Every path (object keys and array indexes) inside a value. */
function paths(value: unknown, prefix: (string | number)[] = []) {
  const out: (string | number)[][] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...prefix, i], ...paths(v, [...prefix, i]));
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k], ...paths(v, [...prefix, k]));
    }
  }
  return out;
}

/** A deep copy in this realm (`structuredClone` objects are not plain here). */
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function setPath(obj: Dict, path: (string | number)[], value: unknown) {
  const copy = clone(obj);
  let cur: any = copy;
  for (const p of path.slice(0, -1)) cur = cur[p];
  cur[path[path.length - 1]] = value;
  return copy;
}

function withoutNamespace(obj: KubeObject): KubeObject {
  const copy = clone(obj) as Dict;
  if (copy.metadata) delete copy.metadata.namespace;
  if (copy.involvedObject) delete copy.involvedObject.namespace;
  return copy as KubeObject;
}

/** Fields without which a document is not a Kubernetes object at all. */
const IDENTITY = new Set(['apiVersion', 'kind']);

/**
 * Manifest-shaped variants of {@link manifestBaseObjects}: every field of
 * every object set to an explicit `null` (one at a time, the object in a run
 * with all the others), every object without `metadata.namespace` (as in a
 * manifest file), and the whole set without namespaces.
 */
export function manifestShapedVariants(): ManifestVariant[] {
  const base = manifestBaseObjects();
  const out: ManifestVariant[] = [
    { label: 'base', objects: base },
    { label: 'no namespaces', objects: base.map(withoutNamespace) },
  ];
  base.forEach((obj, i) => {
    const name = `${obj.kind}/${obj.metadata?.name}`;
    const others = base.filter((_o, j) => j !== i);
    out.push({
      label: `${name} without namespace`,
      objects: [...others, withoutNamespace(obj)],
    });
    for (const p of paths(obj)) {
      if (p.length === 1 && IDENTITY.has(String(p[0]))) continue;
      out.push({
        label: `${name} ${p.join('.')}: null`,
        objects: [...others, setPath(obj, p, null) as KubeObject],
      });
    }
  });
  return out;
}
