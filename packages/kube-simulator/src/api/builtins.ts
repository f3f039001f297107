import { ALL_VERBS, Registry, ResourceDef, SubresourceDef } from './registry';

interface Opts {
  cluster?: boolean;
  short?: string[];
  cat?: string[];
  verbs?: string[];
  subs?: Array<string | SubresourceDef>;
  hash?: string;
  storage?: string;
  virtual?: boolean;
  singular?: string;
}

const GUV = ['get', 'patch', 'update'];

function r(
  group: string,
  version: string,
  plural: string,
  kind: string,
  o: Opts = {},
): ResourceDef {
  const subresources: SubresourceDef[] = (o.subs ?? []).map(s => {
    if (typeof s !== 'string') return s;
    if (s === 'status') return { name: 'status', kind, verbs: GUV };
    if (s === 'scale')
      return {
        name: 'scale',
        kind: 'Scale',
        group: 'autoscaling',
        version: 'v1',
        verbs: GUV,
      };
    if (s === 'log') return { name: 'log', kind: 'Pod', verbs: ['get'] };
    return { name: s, kind, verbs: GUV };
  });
  return {
    group,
    version,
    plural,
    singular: o.singular ?? kind.toLowerCase(),
    kind,
    namespaced: !o.cluster,
    verbs: o.verbs ?? ALL_VERBS,
    shortNames: o.short,
    categories: o.cat,
    subresources,
    storageVersionHash: o.hash,
    storageKey: o.storage ?? `${group}/${plural}`,
    virtual: o.virtual,
  };
}

const ALL = ['all'];
const NO_DC = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** Built-in resources, in the order discovery lists them. */
export function builtinResources(): Array<{
  def: ResourceDef;
  preferred?: boolean;
}> {
  const defs: Array<{ def: ResourceDef; preferred?: boolean }> = [];
  const add = (def: ResourceDef, preferred?: boolean) =>
    defs.push({ def, preferred });
  // core/v1
  add(r('', 'v1', 'bindings', 'Binding', { verbs: ['create'] }));
  add(
    r('', 'v1', 'componentstatuses', 'ComponentStatus', {
      cluster: true,
      verbs: ['get', 'list'],
      short: ['cs'],
    }),
  );
  add(
    r('', 'v1', 'configmaps', 'ConfigMap', {
      short: ['cm'],
      hash: 'qFsyl6wFWjQ=',
    }),
  );
  add(
    r('', 'v1', 'endpoints', 'Endpoints', {
      short: ['ep'],
      hash: 'fWeeMqaN/OA=',
      singular: 'endpoints',
    }),
  );
  add(
    r('', 'v1', 'events', 'Event', {
      short: ['ev'],
      hash: 'r2yiGXH7wu8=',
      storage: 'events',
    }),
  );
  add(
    r('', 'v1', 'limitranges', 'LimitRange', {
      short: ['limits'],
      hash: 'EBKMFVe6cwo=',
    }),
  );
  add(
    r('', 'v1', 'namespaces', 'Namespace', {
      cluster: true,
      verbs: NO_DC,
      short: ['ns'],
      hash: 'Q3oi5N2YM8M=',
      subs: [
        { name: 'finalize', kind: 'Namespace', verbs: ['update'] },
        'status',
      ],
    }),
  );
  add(
    r('', 'v1', 'nodes', 'Node', {
      cluster: true,
      short: ['no'],
      hash: 'XwShjMxG9Fs=',
      subs: [
        {
          name: 'proxy',
          kind: 'NodeProxyOptions',
          verbs: ['create', 'delete', 'get', 'patch', 'update'],
        },
        'status',
      ],
    }),
  );
  add(
    r('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', {
      short: ['pvc'],
      hash: 'QWTyNDq0dC4=',
      subs: ['status'],
    }),
  );
  add(
    r('', 'v1', 'persistentvolumes', 'PersistentVolume', {
      cluster: true,
      short: ['pv'],
      hash: 'HN/zwEC+JgM=',
      subs: ['status'],
    }),
  );
  add(
    r('', 'v1', 'pods', 'Pod', {
      short: ['po'],
      cat: ALL,
      hash: 'xPOwRZ+Yhw8=',
      subs: [
        { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
        { name: 'binding', kind: 'Binding', verbs: ['create'] },
        {
          name: 'eviction',
          kind: 'Eviction',
          group: 'policy',
          version: 'v1',
          verbs: ['create'],
        },
        { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
        'log',
        {
          name: 'portforward',
          kind: 'PodPortForwardOptions',
          verbs: ['create', 'get'],
        },
        {
          name: 'proxy',
          kind: 'PodProxyOptions',
          verbs: ['create', 'delete', 'get', 'patch', 'update'],
        },
        'status',
      ],
    }),
  );
  add(r('', 'v1', 'podtemplates', 'PodTemplate', { hash: 'LIXB2x4IFpk=' }));
  add(
    r('', 'v1', 'replicationcontrollers', 'ReplicationController', {
      short: ['rc'],
      cat: ALL,
      hash: 'Jond2If31h0=',
      subs: ['scale', 'status'],
    }),
  );
  add(
    r('', 'v1', 'resourcequotas', 'ResourceQuota', {
      short: ['quota'],
      hash: '8uhSgffRX6w=',
      subs: ['status'],
    }),
  );
  add(r('', 'v1', 'secrets', 'Secret', { hash: 'S6u1pOWzb84=' }));
  add(
    r('', 'v1', 'serviceaccounts', 'ServiceAccount', {
      short: ['sa'],
      hash: 'pbx9ZvyFpBE=',
      subs: [
        {
          name: 'token',
          kind: 'TokenRequest',
          group: 'authentication.k8s.io',
          version: 'v1',
          verbs: ['create'],
        },
      ],
    }),
  );
  add(
    r('', 'v1', 'services', 'Service', {
      verbs: NO_DC,
      short: ['svc'],
      cat: ALL,
      hash: '0/CO1lhkEBI=',
      subs: [
        {
          name: 'proxy',
          kind: 'ServiceProxyOptions',
          verbs: ['create', 'delete', 'get', 'patch', 'update'],
        },
        'status',
      ],
    }),
  );
  // apps/v1
  add(
    r('apps', 'v1', 'controllerrevisions', 'ControllerRevision', {
      hash: '85nkx63pcBU=',
    }),
  );
  add(
    r('apps', 'v1', 'daemonsets', 'DaemonSet', {
      short: ['ds'],
      cat: ALL,
      hash: 'dd7pWHUlMKQ=',
      subs: ['status'],
    }),
  );
  add(
    r('apps', 'v1', 'deployments', 'Deployment', {
      short: ['deploy'],
      cat: ALL,
      hash: '8aSe+NMegvE=',
      subs: ['scale', 'status'],
    }),
  );
  add(
    r('apps', 'v1', 'replicasets', 'ReplicaSet', {
      short: ['rs'],
      cat: ALL,
      hash: 'P1RzHs8/mWQ=',
      subs: ['scale', 'status'],
    }),
  );
  add(
    r('apps', 'v1', 'statefulsets', 'StatefulSet', {
      short: ['sts'],
      cat: ALL,
      hash: 'H+vl74LkKdo=',
      subs: ['scale', 'status'],
    }),
  );
  // events.k8s.io/v1 shares storage with core events
  add(
    r('events.k8s.io', 'v1', 'events', 'Event', {
      short: ['ev'],
      hash: 'r2yiGXH7wu8=',
      storage: 'events',
    }),
  );
  add(
    r(
      'authentication.k8s.io',
      'v1',
      'selfsubjectreviews',
      'SelfSubjectReview',
      { cluster: true, verbs: ['create'], virtual: true },
    ),
  );
  add(
    r('authentication.k8s.io', 'v1', 'tokenreviews', 'TokenReview', {
      cluster: true,
      verbs: ['create'],
      virtual: true,
    }),
  );
  add(
    r(
      'authorization.k8s.io',
      'v1',
      'localsubjectaccessreviews',
      'LocalSubjectAccessReview',
      { verbs: ['create'], virtual: true },
    ),
  );
  add(
    r(
      'authorization.k8s.io',
      'v1',
      'selfsubjectaccessreviews',
      'SelfSubjectAccessReview',
      { cluster: true, verbs: ['create'], virtual: true },
    ),
  );
  add(
    r(
      'authorization.k8s.io',
      'v1',
      'selfsubjectrulesreviews',
      'SelfSubjectRulesReview',
      { cluster: true, verbs: ['create'], virtual: true },
    ),
  );
  add(
    r(
      'authorization.k8s.io',
      'v1',
      'subjectaccessreviews',
      'SubjectAccessReview',
      { cluster: true, verbs: ['create'], virtual: true },
    ),
  );
  // autoscaling: v2 preferred, v1 served from the same storage
  add(
    r(
      'autoscaling',
      'v2',
      'horizontalpodautoscalers',
      'HorizontalPodAutoscaler',
      {
        short: ['hpa'],
        cat: ALL,
        hash: 'oQlkt7f5j/A=',
        subs: ['status'],
        storage: 'autoscaling/horizontalpodautoscalers',
      },
    ),
    true,
  );
  add(
    r(
      'autoscaling',
      'v1',
      'horizontalpodautoscalers',
      'HorizontalPodAutoscaler',
      {
        short: ['hpa'],
        cat: ALL,
        hash: 'oQlkt7f5j/A=',
        subs: ['status'],
        storage: 'autoscaling/horizontalpodautoscalers',
      },
    ),
  );
  add(
    r('batch', 'v1', 'cronjobs', 'CronJob', {
      short: ['cj'],
      cat: ALL,
      hash: 'sd5LIXh4Fjs=',
      subs: ['status'],
    }),
  );
  add(
    r('batch', 'v1', 'jobs', 'Job', {
      cat: ALL,
      hash: 'mudhfqk/qZY=',
      subs: ['status'],
    }),
  );
  add(
    r(
      'certificates.k8s.io',
      'v1',
      'certificatesigningrequests',
      'CertificateSigningRequest',
      { cluster: true, short: ['csr'], subs: ['approval', 'status'] },
    ),
  );
  add(
    r('networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', {
      cluster: true,
      hash: '6upRfBq0FOI=',
    }),
  );
  add(
    r('networking.k8s.io', 'v1', 'ingresses', 'Ingress', {
      short: ['ing'],
      hash: 'ZOAfGflaKd0=',
      subs: ['status'],
    }),
  );
  add(
    r('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', {
      short: ['netpol'],
      hash: 'YpfwF18m1G8=',
    }),
  );
  add(
    r('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', {
      short: ['pdb'],
      hash: 'EVWiDmWqyJw=',
      subs: ['status'],
    }),
  );
  add(
    r(
      'rbac.authorization.k8s.io',
      'v1',
      'clusterrolebindings',
      'ClusterRoleBinding',
      { cluster: true, hash: '48tpQ8gZHFc=' },
    ),
  );
  add(
    r('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', {
      cluster: true,
      hash: 'bYE5ZWDrJ44=',
    }),
  );
  add(
    r('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', {
      hash: 'eGsCzGH6b1g=',
    }),
  );
  add(
    r('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', {
      hash: '7FuwZcIIItM=',
    }),
  );
  add(
    r('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', {
      cluster: true,
      short: ['sc'],
      hash: 'K+m6uJwbjGY=',
    }),
  );
  add(
    r(
      'apiextensions.k8s.io',
      'v1',
      'customresourcedefinitions',
      'CustomResourceDefinition',
      {
        cluster: true,
        short: ['crd', 'crds'],
        cat: ['api-extensions'],
        hash: 'jfWCUB31mvA=',
        subs: ['status'],
      },
    ),
  );
  add(
    r('scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', {
      cluster: true,
      short: ['pc'],
      hash: '1QwjyaZjj3Y=',
    }),
  );
  add(
    r('coordination.k8s.io', 'v1', 'leases', 'Lease', { hash: 'gqkMMb/YqFM=' }),
  );
  add(
    r('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', {
      hash: 'Nx3SIv6I0mE=',
    }),
  );
  add(
    r('metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', {
      cluster: true,
      verbs: ['get', 'list'],
      virtual: true,
      storage: 'metrics.k8s.io/nodes',
    }),
  );
  add(
    r('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', {
      verbs: ['get', 'list'],
      virtual: true,
      storage: 'metrics.k8s.io/pods',
    }),
  );
  return defs;
}

export function createRegistry(): Registry {
  const reg = new Registry();
  for (const { def, preferred } of builtinResources())
    reg.add(def, { preferred });
  return reg;
}
