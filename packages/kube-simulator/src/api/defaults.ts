import { randomInt } from 'crypto';
import { KObject, isObject } from '../util/types';

type Obj = Record<string, unknown>;

function setDefault(o: Obj, k: string, v: unknown) {
  if (o[k] === undefined) o[k] = v;
}

function imageTag(image: string): string | undefined {
  const last = image.split('/').pop() ?? '';
  if (last.includes('@')) return 'digest';
  const i = last.indexOf(':');
  return i >= 0 ? last.slice(i + 1) : undefined;
}

function defaultContainer(c: Obj) {
  if (Array.isArray(c.ports))
    for (const p of c.ports as Obj[]) setDefault(p, 'protocol', 'TCP');
  setDefault(c, 'resources', {});
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  const tag = typeof c.image === 'string' ? imageTag(c.image) : undefined;
  setDefault(
    c,
    'imagePullPolicy',
    !tag || tag === 'latest' ? 'Always' : 'IfNotPresent',
  );
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const p = c[probe];
    if (isObject(p)) {
      setDefault(p, 'timeoutSeconds', 1);
      setDefault(p, 'periodSeconds', 10);
      setDefault(p, 'successThreshold', 1);
      setDefault(p, 'failureThreshold', 3);
      if (isObject(p.httpGet)) setDefault(p.httpGet, 'scheme', 'HTTP');
    }
  }
}

export function defaultPodSpec(spec: Obj) {
  for (const key of ['initContainers', 'containers']) {
    if (Array.isArray(spec[key]))
      for (const c of spec[key] as Obj[]) if (isObject(c)) defaultContainer(c);
  }
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  if (Array.isArray(spec.volumes)) {
    for (const v of spec.volumes as Obj[]) {
      if (isObject(v.secret)) setDefault(v.secret, 'defaultMode', 420);
      if (isObject(v.configMap)) setDefault(v.configMap, 'defaultMode', 420);
    }
  }
}

function defaultTemplate(spec: Obj) {
  const t = isObject(spec.template) ? spec.template : (spec.template = {});
  const meta = isObject(t.metadata) ? t.metadata : (t.metadata = {});
  setDefault(meta, 'creationTimestamp', null);
  if (!isObject(t.spec)) t.spec = {};
  defaultPodSpec(t.spec as Obj);
}

/** Admission-time defaults for Pods (ServiceAccount, tolerations, priority...). */
function defaultPod(obj: KObject) {
  const spec = isObject(obj.spec) ? obj.spec : (obj.spec = {});
  defaultPodSpec(spec);
  setDefault(spec, 'serviceAccountName', 'default');
  setDefault(spec, 'serviceAccount', spec.serviceAccountName);
  setDefault(spec, 'tolerations', [
    {
      key: 'node.kubernetes.io/not-ready',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    },
    {
      key: 'node.kubernetes.io/unreachable',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    },
  ]);
  setDefault(spec, 'priority', 0);
  setDefault(spec, 'enableServiceLinks', true);
  setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
}

export function podQosClass(spec: Obj): string {
  const containers = (
    Array.isArray(spec.containers) ? spec.containers : []
  ) as Obj[];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const res = (isObject(c.resources) ? c.resources : {}) as {
      limits?: Obj;
      requests?: Obj;
    };
    const lim = res.limits ?? {};
    const req = res.requests ?? {};
    if (Object.keys(lim).length || Object.keys(req).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && req[r] !== lim[r]))
        guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

let ipCounter = randomInt(1, 60000);
export function allocateClusterIP(): string {
  ipCounter = (ipCounter + 7919) % 1048000;
  const n = ipCounter + 256;
  // 10.96.0.0/12
  return `10.${96 + ((n >> 16) & 0x0f)}.${(n >> 8) & 0xff}.${n & 0xff || 1}`;
}

/** Applies the defaults the apiserver fills in, per resource (keyed by storage key). */
export function applyDefaults(storageKey: string, obj: KObject) {
  const spec = (isObject(obj.spec) ? obj.spec : undefined) as Obj | undefined;
  switch (storageKey) {
    case '/namespaces':
      obj.spec = { finalizers: ['kubernetes'], ...(spec ?? {}) };
      if (!isObject(obj.status) || !obj.status.phase)
        obj.status = { phase: 'Active' };
      break;
    case '/pods':
      defaultPod(obj);
      break;
    case '/services': {
      const s = spec ?? (obj.spec = {});
      setDefault(s, 'type', 'ClusterIP');
      if (Array.isArray(s.ports)) {
        for (const p of s.ports as Obj[]) {
          setDefault(p, 'protocol', 'TCP');
          setDefault(p, 'targetPort', p.port);
        }
      }
      if (s.type !== 'ExternalName') {
        setDefault(s, 'clusterIP', allocateClusterIP());
        setDefault(s, 'clusterIPs', [s.clusterIP]);
      }
      setDefault(s, 'sessionAffinity', 'None');
      if (s.type === 'NodePort' || s.type === 'LoadBalancer') {
        setDefault(s, 'externalTrafficPolicy', 'Cluster');
        for (const p of (s.ports ?? []) as Obj[])
          setDefault(p, 'nodePort', 30000 + randomInt(0, 2767));
      }
      if (!isObject(obj.status)) obj.status = { loadBalancer: {} };
      break;
    }
    case '/secrets': {
      setDefault(obj as Obj, 'type', 'Opaque');
      const sd = (obj as Obj).stringData;
      if (isObject(sd)) {
        const data = (
          isObject((obj as Obj).data) ? (obj as Obj).data : {}
        ) as Obj;
        for (const [k, v] of Object.entries(sd))
          data[k] = Buffer.from(String(v)).toString('base64');
        (obj as Obj).data = data;
        delete (obj as Obj).stringData;
      }
      break;
    }
    case '/persistentvolumeclaims': {
      const s = spec ?? (obj.spec = {});
      setDefault(s, 'volumeMode', 'Filesystem');
      if (!isObject(obj.status)) obj.status = { phase: 'Pending' };
      break;
    }
    case 'apps/deployments': {
      const s = spec ?? (obj.spec = {});
      setDefault(s, 'replicas', 1);
      const st = isObject(s.strategy) ? s.strategy : (s.strategy = {});
      setDefault(st, 'type', 'RollingUpdate');
      if (st.type === 'RollingUpdate') {
        const ru = isObject(st.rollingUpdate)
          ? st.rollingUpdate
          : (st.rollingUpdate = {});
        setDefault(ru, 'maxUnavailable', '25%');
        setDefault(ru, 'maxSurge', '25%');
      }
      setDefault(s, 'revisionHistoryLimit', 10);
      setDefault(s, 'progressDeadlineSeconds', 600);
      defaultTemplate(s);
      break;
    }
    case 'apps/replicasets':
    case '/replicationcontrollers': {
      const s = spec ?? (obj.spec = {});
      setDefault(s, 'replicas', 1);
      defaultTemplate(s);
      break;
    }
    case 'apps/statefulsets': {
      const s = spec ?? (obj.spec = {});
      setDefault(s, 'replicas', 1);
      setDefault(s, 'podManagementPolicy', 'OrderedReady');
      setDefault(s, 'updateStrategy', {
        type: 'RollingUpdate',
        rollingUpdate: { partition: 0 },
      });
      setDefault(s, 'revisionHistoryLimit', 10);
      setDefault(s, 'persistentVolumeClaimRetentionPolicy', {
        whenDeleted: 'Retain',
        whenScaled: 'Retain',
      });
      defaultTemplate(s);
      break;
    }
    case 'apps/daemonsets': {
      const s = spec ?? (obj.spec = {});
      setDefault(s, 'updateStrategy', {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
      });
      setDefault(s, 'revisionHistoryLimit', 10);
      defaultTemplate(s);
      break;
    }
    case 'batch/jobs': {
      const s = spec ?? (obj.spec = {});
      setDefault(s, 'parallelism', 1);
      setDefault(s, 'completions', 1);
      setDefault(s, 'backoffLimit', 6);
      setDefault(s, 'completionMode', 'NonIndexed');
      setDefault(s, 'suspend', false);
      defaultTemplate(s);
      break;
    }
    case 'apiextensions.k8s.io/customresourcedefinitions': {
      const s = spec ?? (obj.spec = {});
      setDefault(s, 'conversion', { strategy: 'None' });
      break;
    }
    case 'batch/cronjobs': {
      const s = spec ?? (obj.spec = {});
      setDefault(s, 'concurrencyPolicy', 'Allow');
      setDefault(s, 'suspend', false);
      setDefault(s, 'successfulJobsHistoryLimit', 3);
      setDefault(s, 'failedJobsHistoryLimit', 1);
      const jt = isObject(s.jobTemplate) ? s.jobTemplate : (s.jobTemplate = {});
      const jm = isObject(jt.metadata) ? jt.metadata : (jt.metadata = {});
      setDefault(jm, 'creationTimestamp', null);
      const js = isObject(jt.spec) ? jt.spec : (jt.spec = {});
      defaultTemplate(js as Obj);
      break;
    }
    default:
      break;
  }
}

/** Resources whose metadata.generation tracks spec changes. */
export function tracksGeneration(
  storageKey: string,
  isCustom: boolean,
): boolean {
  if (isCustom) return true;
  return [
    'apps/deployments',
    'apps/replicasets',
    'apps/statefulsets',
    'apps/daemonsets',
    'batch/jobs',
    'batch/cronjobs',
    '/replicationcontrollers',
    'networking.k8s.io/ingresses',
    'networking.k8s.io/networkpolicies',
    'policy/poddisruptionbudgets',
    'apiextensions.k8s.io/customresourcedefinitions',
    'autoscaling/horizontalpodautoscalers',
  ].includes(storageKey);
}

/** Status the object starts with when the resource has a status subresource. */
export function initialStatus(storageKey: string, obj: KObject): unknown {
  switch (storageKey) {
    case '/pods':
      return {
        phase: 'Pending',
        qosClass: podQosClass((obj.spec ?? {}) as Obj),
      };
    case '/persistentvolumeclaims':
      return { phase: 'Pending' };
    case '/namespaces':
      return { phase: 'Active' };
    case '/services':
      return { loadBalancer: {} };
    case 'apiextensions.k8s.io/customresourcedefinitions':
      return {
        conditions: null,
        acceptedNames: { plural: '', kind: '' },
        storedVersions: (
          (obj.spec?.versions ?? []) as Array<{
            name: string;
            storage?: boolean;
          }>
        )
          .filter(v => v.storage)
          .map(v => v.name),
      };
    default:
      return {};
  }
}

/** Defaults that need the object's uid (Job selectors and pod labels). */
export function defaultsAfterUid(storageKey: string, obj: KObject) {
  if (storageKey !== 'batch/jobs') return;
  const spec = (obj.spec ?? {}) as Obj;
  if (spec.manualSelector) return;
  const uidv = obj.metadata.uid!;
  const name = obj.metadata.name!;
  spec.selector = {
    matchLabels: { 'batch.kubernetes.io/controller-uid': uidv },
  };
  const t = (spec.template ?? {}) as Obj;
  const meta = (t.metadata ?? {}) as Obj;
  meta.labels = {
    ...((meta.labels as Record<string, string>) ?? {}),
    'batch.kubernetes.io/controller-uid': uidv,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uidv,
    'job-name': name,
  };
  t.metadata = meta;
  spec.template = t;
}
