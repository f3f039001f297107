import { KubeObject } from '../types';
import { selfSignedCertificatePem } from './cert';

type Dict = Record<string, any>;

/** Deep-merge `overrides` into `base` (arrays and scalars replace, `null` deletes). */
export function merge<T extends Dict>(base: T, overrides?: Dict): T {
  if (!overrides) return base;
  const out: Dict = { ...base };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null) {
      delete out[k];
      continue;
    }
    out[k] =
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      out[k] &&
      typeof out[k] === 'object' &&
      !Array.isArray(out[k])
        ? merge(out[k], v)
        : v;
  }
  return out as T;
}

/** A container that passes every baseline container rule. */
export function newTestContainer(overrides?: Dict): Dict {
  return merge(
    {
      name: 'app',
      image: 'registry.example.com/shop/app:1.4.2',
      imagePullPolicy: 'IfNotPresent',
      ports: [{ containerPort: 8080 }],
      env: [{ name: 'LOG_LEVEL', value: 'info' }],
      resources: {
        requests: { cpu: '100m', memory: '128Mi' },
        limits: { cpu: '500m', memory: '512Mi' },
      },
      livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
      readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 10001,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      },
    },
    overrides,
  );
}

/** A pod spec that passes every baseline pod rule. */
export function newTestPodSpec(overrides?: Dict): Dict {
  return merge(
    {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true },
      containers: [newTestContainer()],
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
        },
      ],
    },
    overrides,
  );
}

export interface WorkloadOptions {
  name?: string;
  namespace?: string;
  replicas?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  podAnnotations?: Record<string, string>;
  podSpec?: Dict;
  containers?: Dict[];
  spec?: Dict;
}

function podSpecOf(o: WorkloadOptions, labels?: Dict): Dict {
  const spec = newTestPodSpec(o.podSpec);
  if (o.containers) spec.containers = o.containers;
  // Spread constraints select the workload's own pods.
  if (labels && Array.isArray(spec.topologySpreadConstraints)) {
    spec.topologySpreadConstraints = spec.topologySpreadConstraints.map(
      (c: Dict) =>
        c.labelSelector ? c : { ...c, labelSelector: { matchLabels: labels } },
    );
  }
  return spec;
}

export function newTestDeployment(o: WorkloadOptions = {}): KubeObject {
  const labels = o.labels ?? { app: o.name ?? 'shop' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: o.name ?? 'shop',
      namespace: o.namespace ?? 'prod',
      uid: `uid-${o.name ?? 'shop'}`,
      labels,
      ...(o.annotations ? { annotations: o.annotations } : {}),
    },
    spec: merge(
      {
        replicas: o.replicas ?? 3,
        selector: { matchLabels: labels },
        template: {
          metadata: {
            labels,
            ...(o.podAnnotations ? { annotations: o.podAnnotations } : {}),
          },
          spec: podSpecOf(o, labels),
        },
      },
      o.spec,
    ),
  };
}

export function newTestStatefulSet(o: WorkloadOptions = {}): KubeObject {
  const d = newTestDeployment({ name: 'db', ...o });
  return { ...d, kind: 'StatefulSet' };
}

export function newTestCronJob(o: WorkloadOptions = {}): KubeObject {
  const name = o.name ?? 'report';
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: o.namespace ?? 'prod' },
    spec: {
      schedule: '0 1 * * *',
      jobTemplate: {
        spec: {
          template: { metadata: { labels: { app: name } }, spec: podSpecOf(o) },
        },
      },
    },
  };
}

export function newTestPod(
  o: WorkloadOptions & {
    status?: Dict;
    ownerKind?: string;
    nodeName?: string;
  } = {},
): KubeObject {
  const name = o.name ?? 'shop-7d9c-abcde';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'prod',
      labels: o.labels ?? { app: 'shop' },
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.ownerKind
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: o.ownerKind,
                name: 'owner',
                uid: 'u',
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: { ...podSpecOf(o), ...(o.nodeName ? { nodeName: o.nodeName } : {}) },
    status: o.status ?? {
      phase: 'Running',
      containerStatuses: [
        { name: 'app', ready: true, restartCount: 0, state: { running: {} } },
      ],
    },
  };
}

export function newTestNamespace(
  name = 'prod',
  annotations?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, ...(annotations ? { annotations } : {}) },
  };
}

export function newTestService(
  o: { name?: string; namespace?: string; selector?: Dict; type?: string } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: o.name ?? 'shop', namespace: o.namespace ?? 'prod' },
    spec: {
      type: o.type ?? 'ClusterIP',
      ...(o.selector !== undefined
        ? { selector: o.selector }
        : { selector: { app: 'shop' } }),
      ports: [{ port: 80, targetPort: 8080 }],
    },
  };
}

export function newTestPDB(
  o: { name?: string; namespace?: string; selector?: Dict } = {},
): KubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: o.name ?? 'shop-pdb', namespace: o.namespace ?? 'prod' },
    spec: {
      maxUnavailable: 1,
      selector: o.selector ?? { matchLabels: { app: 'shop' } },
    },
  };
}

export function newTestHPA(
  o: { namespace?: string; kind?: string; target?: string } = {},
): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: `${o.target ?? 'shop'}-hpa`,
      namespace: o.namespace ?? 'prod',
    },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: o.kind ?? 'Deployment',
        name: o.target ?? 'shop',
      },
      minReplicas: 2,
      maxReplicas: 5,
    },
  };
}

export function newTestNamespaced(
  kind: string,
  apiVersion: string,
  name: string,
  namespace = 'prod',
  spec: Dict = {},
): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace }, spec };
}

export function newTestNode(
  name = 'node-1',
  conditions: Record<string, string> = {},
): KubeObject {
  const all: Record<string, string> = {
    Ready: 'True',
    MemoryPressure: 'False',
    DiskPressure: 'False',
    PIDPressure: 'False',
    ...conditions,
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: {
      conditions: Object.entries(all).map(([type, status]) => ({
        type,
        status,
        reason: `Kubelet${type}`,
      })),
    },
  };
}

export function newTestEvent(
  o: { type?: string; reason?: string; name?: string; involved?: Dict } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: o.name ?? 'shop.17a', namespace: 'prod' },
    type: o.type ?? 'Warning',
    reason: o.reason ?? 'BackOff',
    message: 'Back-off restarting failed container',
    involvedObject: o.involved ?? {
      kind: 'Pod',
      apiVersion: 'v1',
      namespace: 'prod',
      name: 'shop-7d9c-abcde',
    },
  };
}

export function newTestTlsSecret(o: {
  name?: string;
  namespace?: string;
  notAfter: Date;
}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name: o.name ?? 'shop-tls', namespace: o.namespace ?? 'prod' },
    data: {
      'tls.crt': Buffer.from(selfSignedCertificatePem(o.notAfter)).toString(
        'base64',
      ),
      'tls.key': '',
    },
  };
}

export function newTestIngress(
  o: { tls?: boolean; annotations?: Record<string, string> } = {},
): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'shop',
      namespace: 'prod',
      ...(o.annotations ? { annotations: o.annotations } : {}),
    },
    spec: {
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'shop', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
      ...(o.tls === false
        ? {}
        : { tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] }),
    },
  };
}

export function newTestHTTPRoute(
  o: { name?: string; backends?: string[]; parentService?: string } = {},
): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: o.name ?? 'shop', namespace: 'prod' },
    spec: {
      parentRefs: o.parentService
        ? [{ group: '', kind: 'Service', name: o.parentService, port: 80 }]
        : [{ name: 'prod-gateway' }],
      rules: [
        {
          backendRefs: (o.backends ?? ['shop']).map(name => ({
            name,
            port: 80,
            weight: 50,
          })),
        },
      ],
    },
  };
}

export function newTestServiceAccount(
  o: { name?: string; namespace?: string; automount?: boolean | null } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: o.name ?? 'default', namespace: o.namespace ?? 'prod' },
    ...(o.automount !== undefined
      ? { automountServiceAccountToken: o.automount }
      : {}),
  };
}

export function newTestConfigMap(
  o: { name?: string; namespace?: string; data?: Record<string, string> } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: o.name ?? 'shop-config',
      namespace: o.namespace ?? 'prod',
    },
    data: o.data ?? { LOG_LEVEL: 'info' },
  };
}
