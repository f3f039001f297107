import { ObjectService } from '../api/objects';
import { defaultPodSpec } from '../api/defaults';
import { randomSuffix, uid, now, orderMeta } from '../util/objects';
import { KObject } from '../util/types';
import { templateHash } from '../controllers/util';
import { nodeName } from '../controllers/nodes';

export interface GenerateSpec {
  namespaces: number;
  deployments: number;
  pods: number;
  configmaps?: number;
  services?: number;
}

export function parseGenerateSpec(s: string): GenerateSpec {
  const spec: GenerateSpec = { namespaces: 10, deployments: 50, pods: 200 };
  for (const part of s.split(',')) {
    const [k, v] = part.split('=').map(x => x.trim());
    if (!k) continue;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0)
      throw new Error(`bad --generate value: ${part}`);
    (spec as unknown as Record<string, number>)[k] = n;
  }
  return spec;
}

/**
 * Synthetic scale for benchmarks: namespaces, Deployments with ReplicaSets and already-Running
 * pods, written straight to the store (the controllers then only keep them steady).
 */
export function generateCluster(
  o: ObjectService,
  spec: GenerateSpec,
  opts: { nodes: number },
) {
  const store = o.store;
  const ts = now();
  const nsDef = o.registry.lookup('', 'v1', 'namespaces')!;
  const nsNames: string[] = [];
  for (let i = 0; i < spec.namespaces; i++) {
    const name = `gen-ns-${i}`;
    nsNames.push(name);
    if (!store.get('/namespaces', undefined, name)) {
      o.create(
        nsDef,
        undefined,
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name,
            labels: { 'simulator.kubemate.io/generated': 'true' },
          },
        },
        { manager: 'generator' },
      );
    }
  }
  const deps = Math.max(1, spec.deployments);
  const perDep = Math.floor(spec.pods / deps);
  let extra = spec.pods - perDep * deps;
  let ip = 0;
  for (let d = 0; d < spec.deployments; d++) {
    const ns = nsNames[d % nsNames.length];
    const name = `app-${d}`;
    const replicas = perDep + (extra-- > 0 ? 1 : 0);
    const labels = {
      app: name,
      'app.kubernetes.io/name': name,
      'backstage.io/kubernetes-id': name,
      tier: ['web', 'api', 'worker'][d % 3],
    };
    const podSpec: Record<string, unknown> = {
      containers: [
        {
          name: 'app',
          image: `registry.example.com/apps/${name}:1.${d % 7}.0`,
          ports: [{ containerPort: 8080, name: 'http' }],
          resources: {
            requests: { cpu: '50m', memory: '64Mi' },
            limits: { cpu: '200m', memory: '128Mi' },
          },
        },
      ],
    };
    defaultPodSpec(podSpec);
    const template = {
      metadata: { creationTimestamp: null, labels },
      spec: podSpec,
    };
    const hash = templateHash(template);
    const dUid = uid();
    const rsUid = uid();
    const base = (
      kind: string,
      apiVersion: string,
      n: string,
      extraMeta: Record<string, unknown>,
    ) => ({
      kind,
      apiVersion,
      metadata: orderMeta({
        name: n,
        namespace: ns,
        uid: extraMeta.uid as string,
        creationTimestamp: ts,
        ...extraMeta,
      }),
    });
    const avail = replicas
      ? {
          observedGeneration: 1,
          replicas,
          updatedReplicas: replicas,
          readyReplicas: replicas,
          availableReplicas: replicas,
        }
      : { observedGeneration: 1 };
    const dep: KObject = {
      ...base('Deployment', 'apps/v1', name, {
        uid: dUid,
        generation: 1,
        labels,
        annotations: { 'deployment.kubernetes.io/revision': '1' },
      }),
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
        },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: {
        ...avail,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            lastUpdateTime: ts,
            lastTransitionTime: ts,
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          },
          {
            type: 'Progressing',
            status: 'True',
            lastUpdateTime: ts,
            lastTransitionTime: ts,
            reason: 'NewReplicaSetAvailable',
            message: `ReplicaSet "${name}-${hash}" has successfully progressed.`,
          },
        ],
      },
    };
    store.create('apps/deployments', dep);
    const rsName = `${name}-${hash}`;
    const rsLabels = { ...labels, 'pod-template-hash': hash };
    const rs: KObject = {
      ...base('ReplicaSet', 'apps/v1', rsName, {
        uid: rsUid,
        generation: 1,
        labels: rsLabels,
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(replicas),
          'deployment.kubernetes.io/max-replicas': String(
            replicas + Math.ceil(replicas / 4),
          ),
          'deployment.kubernetes.io/revision': '1',
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name,
            uid: dUid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      }),
      spec: {
        replicas,
        selector: { matchLabels: { app: name, 'pod-template-hash': hash } },
        template: {
          ...template,
          metadata: { ...template.metadata, labels: rsLabels },
        },
      },
      status: replicas
        ? {
            replicas,
            fullyLabeledReplicas: replicas,
            readyReplicas: replicas,
            availableReplicas: replicas,
            observedGeneration: 1,
          }
        : { replicas: 0, observedGeneration: 1 },
    };
    store.create('apps/replicasets', rs);
    for (let p = 0; p < replicas; p++) {
      const node = nodeName(ip % opts.nodes);
      const podIP = `10.${200 + ((ip >> 16) & 0x1f)}.${(ip >> 8) & 0xff}.${
        ip & 0xff
      }`;
      ip++;
      const podName = `${rsName}-${randomSuffix()}`;
      const pod: KObject = {
        ...base('Pod', 'v1', podName, {
          uid: uid(),
          generateName: `${rsName}-`,
          labels: rsLabels,
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: rsName,
              uid: rsUid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        }),
        spec: {
          ...podSpec,
          nodeName: node,
          serviceAccountName: 'default',
          serviceAccount: 'default',
          priority: 0,
          enableServiceLinks: true,
          preemptionPolicy: 'PreemptLowerPriority',
        },
        status: {
          phase: 'Running',
          conditions: [
            {
              type: 'Initialized',
              status: 'True',
              lastProbeTime: null,
              lastTransitionTime: ts,
            },
            {
              type: 'Ready',
              status: 'True',
              lastProbeTime: null,
              lastTransitionTime: ts,
            },
            {
              type: 'ContainersReady',
              status: 'True',
              lastProbeTime: null,
              lastTransitionTime: ts,
            },
            {
              type: 'PodScheduled',
              status: 'True',
              lastProbeTime: null,
              lastTransitionTime: ts,
            },
          ],
          hostIP: '172.18.0.2',
          podIP,
          podIPs: [{ ip: podIP }],
          startTime: ts,
          containerStatuses: [
            {
              name: 'app',
              state: { running: { startedAt: ts } },
              lastState: {},
              ready: true,
              restartCount: 0,
              image: (podSpec.containers as Array<{ image: string }>)[0].image,
              imageID: '',
              started: true,
            },
          ],
          qosClass: 'Burstable',
        },
      };
      store.create('/pods', pod);
    }
  }
  const cms = spec.configmaps ?? 0;
  const cmDef = o.registry.lookup('', 'v1', 'configmaps')!;
  for (let i = 0; i < cms; i++) {
    o.create(
      cmDef,
      nsNames[i % nsNames.length],
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `cfg-${i}` },
        data: { key: String(i) },
      },
      { manager: 'generator' },
    );
  }
}
