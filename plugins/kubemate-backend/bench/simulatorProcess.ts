/*
 * Child process of workloadsBench.ts: runs the Kubernetes API simulator in its own process (like
 * a real, remote kube-apiserver would be, and so that its memory is not counted as the
 * backend's), adds the benchmark entity's workloads and counts every API request it serves, per
 * verb and resource. Talks to the parent over the IPC channel of `fork`.
 */
import { randomUUID } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
// A dev-only script (never part of the plugin build): the simulator is a dev dependency.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { startSimulator, type KObject } from '@kubemate/kube-simulator';

export interface SimWorkerInput {
  generate: string;
  appName: string;
  appNamespace: string;
  appDeployments: number;
  appReplicas: number;
}

export type SimWorkerMessage =
  | {
      type: 'ready';
      url: string;
      token: string;
      objects: Record<string, number>;
      startMs: number;
    }
  | {
      type: 'counts';
      counts: Record<string, number>;
      heapUsedBytes: number;
      rssBytes: number;
    }
  | { type: 'scaled'; replicas: number };

export type SimProcessRequest =
  | { type: 'counts' }
  | { type: 'stop' }
  /** Sets a Deployment's replicas and its ReplicaSet's, as a scale would (controllers are off). */
  | { type: 'scale'; namespace: string; name: string; replicas: number };

const send = (m: SimWorkerMessage) => process.send!(m);

async function main() {
  const input = JSON.parse(process.argv[2]) as SimWorkerInput;
  const t0 = performance.now();
  const sim = await startSimulator({
    port: 0,
    seed: false,
    controllers: false,
    generate: input.generate,
  });

  // Every HTTP request passes faults.latency(); every resource request faults.check(verb, plural).
  const counts: Record<string, number> = {};
  const bump = (k: string) => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  const latency = sim.faults.latency.bind(sim.faults);
  const check = sim.faults.check.bind(sim.faults);
  sim.faults.latency = () => {
    bump('http requests');
    return latency();
  };
  sim.faults.check = (verb: string, resource: string) => {
    bump(`${verb} ${resource}`);
    return check(verb, resource);
  };

  addEntityWorkloads(sim, input);

  const objects: Record<string, number> = {};
  for (const key of [
    '/namespaces',
    'apps/deployments',
    'apps/replicasets',
    '/pods',
  ]) {
    objects[key.replace(/^.*\//, '')] = sim.store.count(key);
  }
  process.on('message', (msg: SimProcessRequest) => {
    if (msg.type === 'counts') {
      send({
        type: 'counts',
        counts: { ...counts },
        heapUsedBytes: getHeapStatistics().used_heap_size,
        rssBytes: process.memoryUsage().rss,
      });
    } else if (msg.type === 'scale') {
      const deployment = sim.store.get(
        'apps/deployments',
        msg.namespace,
        msg.name,
      )!;
      sim.store.update('apps/deployments', {
        ...deployment,
        spec: { ...deployment.spec, replicas: msg.replicas },
      });
      send({ type: 'scaled', replicas: msg.replicas });
    } else if (msg.type === 'stop') {
      sim.stop().then(() => process.exit(0));
    }
  });
  send({
    type: 'ready',
    url: sim.url,
    token: sim.token,
    objects,
    startMs: performance.now() - t0,
  });
}

/**
 * The entity's workloads: `appDeployments` Deployments × `appReplicas` Running pods, each with
 * its ReplicaSet, labelled backstage.io/kubernetes-id=<appName>, written straight to the store
 * like the simulator's own generator does (controllers are off, so the cluster stays still).
 */
function addEntityWorkloads(
  sim: Awaited<ReturnType<typeof startSimulator>>,
  input: SimWorkerInput,
) {
  const ns = input.appNamespace;
  sim.apply([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } as KObject,
  ]);
  const ts = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  let ip = 0;
  for (let d = 0; d < input.appDeployments; d++) {
    const name = `${input.appName}-${d}`;
    const hash = `h${d.toString(36).padStart(8, '0')}`.slice(0, 10);
    const labels = { app: name, 'backstage.io/kubernetes-id': input.appName };
    const rsLabels = { ...labels, 'pod-template-hash': hash };
    const container = {
      name: 'app',
      image: `registry.example.com/${input.appName}/${name}:1.0.0`,
      ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
      resources: {
        requests: { cpu: '50m', memory: '64Mi' },
        limits: { cpu: '200m', memory: '128Mi' },
      },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
    };
    const podSpec = {
      containers: [container],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      securityContext: {},
    };
    const template = { metadata: { labels }, spec: podSpec };
    const n = input.appReplicas;
    const depUid = randomUUID();
    const rsUid = randomUUID();
    sim.store.create('apps/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace: ns,
        uid: depUid,
        generation: 1,
        creationTimestamp: ts,
        labels,
        annotations: { 'deployment.kubernetes.io/revision': '1' },
      },
      spec: {
        replicas: n,
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
        observedGeneration: 1,
        replicas: n,
        updatedReplicas: n,
        readyReplicas: n,
        availableReplicas: n,
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
    } as KObject);
    const rsName = `${name}-${hash}`;
    sim.store.create('apps/replicasets', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace: ns,
        uid: rsUid,
        generation: 1,
        creationTimestamp: ts,
        labels: rsLabels,
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(n),
          'deployment.kubernetes.io/revision': '1',
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name,
            uid: depUid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: n,
        selector: { matchLabels: { app: name, 'pod-template-hash': hash } },
        template: { metadata: { labels: rsLabels }, spec: podSpec },
      },
      status: {
        replicas: n,
        fullyLabeledReplicas: n,
        readyReplicas: n,
        availableReplicas: n,
        observedGeneration: 1,
      },
    } as KObject);
    for (let p = 0; p < n; p++) {
      const podIP = `10.99.${(ip >> 8) & 0xff}.${ip & 0xff}`;
      ip++;
      sim.store.create('/pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${rsName}-${p.toString(36).padStart(5, 'x')}`,
          generateName: `${rsName}-`,
          namespace: ns,
          uid: randomUUID(),
          creationTimestamp: ts,
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
        },
        spec: {
          ...podSpec,
          nodeName: `node-${ip % 3}`,
          serviceAccountName: 'default',
          serviceAccount: 'default',
          priority: 0,
          enableServiceLinks: true,
        },
        status: {
          phase: 'Running',
          conditions: [
            'Initialized',
            'Ready',
            'ContainersReady',
            'PodScheduled',
          ].map(type => ({
            type,
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: ts,
          })),
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
              image: container.image,
              imageID: '',
              started: true,
            },
          ],
          qosClass: 'Burstable',
        },
      } as KObject);
    }
  }
}

main().catch(err => {
  // eslint-disable-next-line no-console
  console.error('simulator worker failed', err);
  process.exit(1);
});
