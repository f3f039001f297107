import { formatAge } from '../util/objects';
import { KObject, isObject } from '../util/types';
import { PrinterColumn, ResourceDef } from './registry';
import { mapSelectorToString, selectorObjectToString } from './selectors';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

const NAME_DESC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: http://kubernetes.io/docs/user-guide/identifiers#names';
const AGE_DESC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

type Cell = string | number | boolean | null;
type Printer = {
  cols: Array<[string, string, string, number?]>;
  row: (o: KObject) => Cell[];
};

function col(
  name: string,
  type: string,
  description: string,
  priority = 0,
): ColumnDefinition {
  return {
    name,
    type,
    format: name === 'Name' ? 'name' : '',
    description,
    priority,
  };
}

const age = (o: KObject) => formatAge(o.metadata.creationTimestamp);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function containersOf(tmpl: Any): { names: string; images: string } {
  const cs: Any[] = tmpl?.spec?.containers ?? [];
  return {
    names: cs.map(c => c.name).join(','),
    images: cs.map(c => c.image).join(','),
  };
}

function podStatus(p: Any): {
  ready: string;
  status: string;
  restarts: number | string;
} {
  const cs: Any[] = p.status?.containerStatuses ?? [];
  const total = p.spec?.containers?.length ?? 0;
  const ready = cs.filter(c => c.ready).length;
  let restarts = 0;
  let reason: string = p.status?.reason ?? p.status?.phase ?? 'Unknown';
  let lastRestart: string | undefined;
  for (const c of cs) {
    restarts += c.restartCount ?? 0;
    if (c.lastState?.terminated?.finishedAt)
      lastRestart = c.lastState.terminated.finishedAt;
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
  }
  if (p.metadata?.deletionTimestamp) reason = 'Terminating';
  const restartsCell =
    lastRestart && restarts
      ? `${restarts} (${formatAge(lastRestart)} ago)`
      : restarts;
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsCell };
}

function servicePorts(s: Any): string {
  const ports: Any[] = s.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports
    .map(p =>
      p.nodePort
        ? `${p.port}:${p.nodePort}/${p.protocol}`
        : `${p.port}/${p.protocol}`,
    )
    .join(',');
}

const PRINTERS: Record<string, Printer> = {
  '/pods': {
    cols: [
      [
        'Ready',
        'string',
        'The aggregate readiness state of this pod for accepting traffic.',
      ],
      [
        'Status',
        'string',
        'The aggregate status of the containers in this pod.',
      ],
      [
        'Restarts',
        'integer',
        'The number of times the containers in this pod have been restarted.',
      ],
      [
        'Age',
        'string',
        'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
      ],
      [
        'IP',
        'string',
        'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
        1,
      ],
      [
        'Node',
        'string',
        'NodeName is a request to schedule this pod onto a specific node. If it is non-empty, the scheduler simply schedules this pod onto that node, assuming that it fits resource requirements.',
        1,
      ],
      [
        'Nominated Node',
        'string',
        'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.',
        1,
      ],
      [
        'Readiness Gates',
        'string',
        'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/0007-pod-ready%2B%2B.md',
        1,
      ],
    ],
    row: (p: Any) => {
      const s = podStatus(p);
      return [
        s.ready,
        s.status,
        typeof s.restarts === 'number'
          ? s.restarts
          : Number(String(s.restarts).split(' ')[0]),
        age(p),
        p.status?.podIP ?? '<none>',
        p.spec?.nodeName ?? '<none>',
        p.status?.nominatedNodeName ?? '<none>',
        '<none>',
      ];
    },
  },
  'apps/deployments': {
    cols: [
      ['Ready', 'string', 'Number of the pod with ready state'],
      [
        'Up-to-date',
        'string',
        'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      ],
      [
        'Available',
        'string',
        'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
      ],
      ['Age', 'string', AGE_DESC],
      ['Containers', 'string', 'Names of each container in the template.', 1],
      [
        'Images',
        'string',
        'Images referenced by each container in the template.',
        1,
      ],
      [
        'Selector',
        'string',
        'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
        1,
      ],
    ],
    row: (d: Any) => {
      const c = containersOf(d.spec?.template);
      return [
        `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
        d.status?.updatedReplicas ?? 0,
        d.status?.availableReplicas ?? 0,
        age(d),
        c.names,
        c.images,
        selectorObjectToString(d.spec?.selector),
      ];
    },
  },
  'apps/replicasets': {
    cols: [
      [
        'Desired',
        'integer',
        'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
      ],
      [
        'Current',
        'integer',
        'Replicas is the most recently oberved number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
      ],
      [
        'Ready',
        'integer',
        'The number of ready replicas for this replica set.',
      ],
      [
        'Age',
        'string',
        'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
      ],
      ['Containers', 'string', 'Names of each container in the template.', 1],
      [
        'Images',
        'string',
        'Images referenced by each container in the template.',
        1,
      ],
      [
        'Selector',
        'string',
        'Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
        1,
      ],
    ],
    row: (r: Any) => {
      const c = containersOf(r.spec?.template);
      return [
        r.spec?.replicas ?? 0,
        r.status?.replicas ?? 0,
        r.status?.readyReplicas ?? 0,
        age(r),
        c.names,
        c.images,
        selectorObjectToString(r.spec?.selector),
      ];
    },
  },
  'apps/statefulsets': {
    cols: [
      ['Ready', 'string', 'Number of the pod with ready state'],
      ['Age', 'string', AGE_DESC],
      ['Containers', 'string', 'Names of each container in the template.', 1],
      [
        'Images',
        'string',
        'Images referenced by each container in the template.',
        1,
      ],
    ],
    row: (s: Any) => {
      const c = containersOf(s.spec?.template);
      return [
        `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`,
        age(s),
        c.names,
        c.images,
      ];
    },
  },
  'apps/daemonsets': {
    cols: [
      [
        'Desired',
        'integer',
        'The total number of nodes that should be running the daemon pod.',
      ],
      [
        'Current',
        'integer',
        'The number of nodes that are running at least 1 daemon pod.',
      ],
      [
        'Ready',
        'integer',
        'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
      ],
      [
        'Up-to-date',
        'integer',
        'The total number of nodes that are running updated daemon pod',
      ],
      [
        'Available',
        'integer',
        'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
      ],
      [
        'Node Selector',
        'string',
        'NodeSelector is a selector which must be true for the pod to fit on a node.',
      ],
      ['Age', 'string', AGE_DESC],
      ['Containers', 'string', 'Names of each container in the template.', 1],
      [
        'Images',
        'string',
        'Images referenced by each container in the template.',
        1,
      ],
      [
        'Selector',
        'string',
        'A label query over pods that are managed by the daemon set.',
        1,
      ],
    ],
    row: (d: Any) => {
      const c = containersOf(d.spec?.template);
      const st = d.status ?? {};
      return [
        st.desiredNumberScheduled ?? 0,
        st.currentNumberScheduled ?? 0,
        st.numberReady ?? 0,
        st.updatedNumberScheduled ?? 0,
        st.numberAvailable ?? 0,
        mapSelectorToString(d.spec?.template?.spec?.nodeSelector) || '<none>',
        age(d),
        c.names,
        c.images,
        selectorObjectToString(d.spec?.selector),
      ];
    },
  },
  '/services': {
    cols: [
      [
        'Type',
        'string',
        'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
      ],
      [
        'Cluster-IP',
        'string',
        'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
      ],
      [
        'External-IP',
        'string',
        'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.',
      ],
      [
        'Port(s)',
        'string',
        'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
      ],
      [
        'Age',
        'string',
        'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
      ],
      [
        'Selector',
        'string',
        'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/',
        1,
      ],
    ],
    row: (s: Any) => {
      const lb = (s.status?.loadBalancer?.ingress ?? []).map(
        (i: Any) => i.ip ?? i.hostname,
      );
      const ext = [...(s.spec?.externalIPs ?? []), ...lb];
      const none = s.spec?.type === 'LoadBalancer' ? '<pending>' : '<none>';
      return [
        s.spec?.type,
        s.spec?.clusterIP ?? '<none>',
        ext.length ? ext.join(',') : none,
        servicePorts(s),
        age(s),
        mapSelectorToString(s.spec?.selector) || '<none>',
      ];
    },
  },
  '/configmaps': {
    cols: [
      [
        'Data',
        'string',
        "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
      ],
      [
        'Age',
        'string',
        'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
      ],
    ],
    row: (c: Any) => [
      Object.keys(c.data ?? {}).length + Object.keys(c.binaryData ?? {}).length,
      age(c),
    ],
  },
  '/secrets': {
    cols: [
      [
        'Type',
        'string',
        'Used to facilitate programmatic handling of secret data.',
      ],
      ['Data', 'string', 'Data contains the secret data.'],
      ['Age', 'string', AGE_DESC],
    ],
    row: (s: Any) => [s.type, Object.keys(s.data ?? {}).length, age(s)],
  },
  '/namespaces': {
    cols: [
      ['Status', 'string', 'The status of the namespace'],
      ['Age', 'string', AGE_DESC],
    ],
    row: (n: Any) => [n.status?.phase ?? 'Active', age(n)],
  },
  '/nodes': {
    cols: [
      ['Status', 'string', 'The status of the node'],
      ['Roles', 'string', 'The roles of the node'],
      ['Age', 'string', AGE_DESC],
      ['Version', 'string', 'Kubelet Version reported by the node.'],
      ['Internal-IP', 'string', 'List of addresses reachable to the node.', 1],
      ['External-IP', 'string', 'List of addresses reachable to the node.', 1],
      [
        'OS-Image',
        'string',
        'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
        1,
      ],
      [
        'Kernel-Version',
        'string',
        "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
        1,
      ],
      [
        'Container-Runtime',
        'string',
        'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
        1,
      ],
    ],
    row: (n: Any) => {
      const ready = (n.status?.conditions ?? []).find(
        (c: Any) => c.type === 'Ready',
      );
      const roles = Object.keys(n.metadata.labels ?? {})
        .filter(l => l.startsWith('node-role.kubernetes.io/'))
        .map(l => l.slice('node-role.kubernetes.io/'.length));
      const addr = (t: string) =>
        (n.status?.addresses ?? []).find((a: Any) => a.type === t)?.address ??
        '<none>';
      const info = n.status?.nodeInfo ?? {};
      return [
        ready?.status === 'True' ? 'Ready' : 'NotReady',
        roles.join(',') || '<none>',
        age(n),
        info.kubeletVersion ?? '',
        addr('InternalIP'),
        addr('ExternalIP'),
        info.osImage ?? '',
        info.kernelVersion ?? '',
        info.containerRuntimeVersion ?? '',
      ];
    },
  },
  events: {
    cols: [
      ['Last Seen', 'string', 'Time when this Event was last observed.'],
      [
        'Type',
        'string',
        'Type of this event (Normal, Warning), new types could be added in the future.',
      ],
      [
        'Reason',
        'string',
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
      ],
      ['Object', 'string', 'The object that this event is about.'],
      ['Subobject', 'string', 'Subobject of the event', 1],
      ['Source', 'string', 'The component reporting this event.', 1],
      [
        'Message',
        'string',
        'A human-readable description of the status of this operation.',
      ],
      [
        'First Seen',
        'string',
        'The time at which the event was first recorded.',
        1,
      ],
      ['Count', 'string', 'The number of times this event has occurred.', 1],
      ['Name', 'string', NAME_DESC, 1],
    ],
    row: (e: Any) => [
      formatAge(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp),
      e.type,
      e.reason,
      `${(e.involvedObject?.kind ?? '').toLowerCase()}/${
        e.involvedObject?.name ?? ''
      }`,
      e.involvedObject?.fieldPath ?? '',
      e.source?.component ?? '',
      e.message,
      formatAge(e.firstTimestamp ?? e.metadata.creationTimestamp),
      e.count ?? 1,
      e.metadata.name,
    ],
  },
  'batch/jobs': {
    cols: [
      ['Status', 'string', 'Status of the job.'],
      [
        'Completions',
        'string',
        'The desired number of successfully finished pods the job should be run with.',
      ],
      ['Duration', 'string', 'Time required to complete the job.'],
      ['Age', 'string', AGE_DESC],
      ['Containers', 'string', 'Names of each container in the template.', 1],
      [
        'Images',
        'string',
        'Images referenced by each container in the template.',
        1,
      ],
      [
        'Selector',
        'string',
        'A label query over pods that should match the pod count.',
        1,
      ],
    ],
    row: (j: Any) => {
      const c = containersOf(j.spec?.template);
      const conds: Any[] = j.status?.conditions ?? [];
      let status = 'Running';
      if (conds.find(x => x.type === 'Complete' && x.status === 'True'))
        status = 'Complete';
      else if (conds.find(x => x.type === 'Failed' && x.status === 'True'))
        status = 'Failed';
      const dur = j.status?.startTime
        ? formatAge(
            j.status.startTime,
            j.status.completionTime
              ? Date.parse(j.status.completionTime)
              : Date.now(),
          )
        : '';
      return [
        status,
        `${j.status?.succeeded ?? 0}/${j.spec?.completions ?? 1}`,
        dur,
        age(j),
        c.names,
        c.images,
        selectorObjectToString(j.spec?.selector),
      ];
    },
  },
  'batch/cronjobs': {
    cols: [
      ['Schedule', 'string', 'The schedule in Cron format'],
      ['Timezone', 'string', 'The time zone name for the given schedule'],
      [
        'Suspend',
        'boolean',
        'This flag tells the controller to suspend subsequent executions.',
      ],
      ['Active', 'integer', 'A list of pointers to currently running jobs.'],
      [
        'Last Schedule',
        'string',
        'Information when was the last time the job was successfully scheduled.',
      ],
      ['Age', 'string', AGE_DESC],
      ['Containers', 'string', 'Names of each container in the template.', 1],
      [
        'Images',
        'string',
        'Images referenced by each container in the template.',
        1,
      ],
      [
        'Selector',
        'string',
        'A label query over pods that should match the pod count.',
        1,
      ],
    ],
    row: (c: Any) => {
      const t = containersOf(c.spec?.jobTemplate?.spec?.template);
      return [
        c.spec?.schedule,
        c.spec?.timeZone ?? '<none>',
        !!c.spec?.suspend,
        (c.status?.active ?? []).length,
        c.status?.lastScheduleTime
          ? formatAge(c.status.lastScheduleTime)
          : '<none>',
        age(c),
        t.names,
        t.images,
        '<none>',
      ];
    },
  },
  'networking.k8s.io/ingresses': {
    cols: [
      ['Class', 'string', 'The name of the IngressClass resource.'],
      [
        'Hosts',
        'string',
        'Hosts that incoming requests are matched against before the ingress rule',
      ],
      [
        'Address',
        'string',
        'Address is a list containing ingress points for the load-balancer',
      ],
      ['Ports', 'string', 'Ports of TLS configurations that open'],
      ['Age', 'string', AGE_DESC],
    ],
    row: (i: Any) => [
      i.spec?.ingressClassName ?? '<none>',
      (i.spec?.rules ?? []).map((r: Any) => r.host ?? '*').join(',') || '*',
      (i.status?.loadBalancer?.ingress ?? [])
        .map((x: Any) => x.ip ?? x.hostname)
        .join(','),
      i.spec?.tls?.length ? '80, 443' : '80',
      age(i),
    ],
  },
  '/endpoints': {
    cols: [
      ['Endpoints', 'string', 'Endpoints of the service'],
      ['Age', 'string', AGE_DESC],
    ],
    row: (e: Any) => {
      const eps: string[] = [];
      for (const s of e.subsets ?? [])
        for (const a of s.addresses ?? [])
          for (const p of s.ports ?? []) eps.push(`${a.ip}:${p.port}`);
      return [
        eps.length
          ? eps.slice(0, 3).join(',') +
            (eps.length > 3 ? ` + ${eps.length - 3} more...` : '')
          : '<none>',
        age(e),
      ];
    },
  },
  '/persistentvolumeclaims': {
    cols: [
      ['Status', 'string', 'The status of the claim'],
      [
        'Volume',
        'string',
        'VolumeName is the binding reference to the PersistentVolume backing this claim.',
      ],
      ['Capacity', 'string', 'Capacity of the volume'],
      [
        'Access Modes',
        'string',
        'AccessModes contains the desired access modes the volume should have.',
      ],
      [
        'StorageClass',
        'string',
        'StorageClassName is the name of the StorageClass required by the claim.',
      ],
      [
        'VolumeAttributesClass',
        'string',
        'The name of the VolumeAttributesClass.',
      ],
      ['Age', 'string', AGE_DESC],
      [
        'VolumeMode',
        'string',
        'volumeMode defines what type of volume is required by the claim.',
        1,
      ],
    ],
    row: (p: Any) => [
      p.status?.phase ?? 'Pending',
      p.spec?.volumeName ?? '',
      p.status?.capacity?.storage ?? '',
      (p.status?.accessModes ?? [])
        .map(
          (m: string) =>
            ((
              {
                ReadWriteOnce: 'RWO',
                ReadOnlyMany: 'ROX',
                ReadWriteMany: 'RWX',
                ReadWriteOncePod: 'RWOP',
              } as Any
            )[m] ?? m),
        )
        .join(','),
      p.spec?.storageClassName ?? '<unset>',
      '<unset>',
      age(p),
      p.spec?.volumeMode ?? 'Filesystem',
    ],
  },
  'autoscaling/horizontalpodautoscalers': {
    cols: [
      ['Reference', 'string', 'reference to scaled resource'],
      ['Targets', 'string', 'metrics targets'],
      ['MinPods', 'string', 'lower limit for the number of pods'],
      ['MaxPods', 'string', 'upper limit for the number of pods'],
      ['Replicas', 'string', 'current number of replicas'],
      ['Age', 'string', AGE_DESC],
    ],
    row: (h: Any) => [
      `${h.spec?.scaleTargetRef?.kind}/${h.spec?.scaleTargetRef?.name}`,
      '<unknown>',
      h.spec?.minReplicas ?? 1,
      h.spec?.maxReplicas,
      h.status?.currentReplicas ?? 0,
      age(h),
    ],
  },
  '/serviceaccounts': {
    cols: [
      [
        'Secrets',
        'string',
        'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
      ],
      ['Age', 'string', AGE_DESC],
    ],
    row: (s: Any) => [(s.secrets ?? []).length, age(s)],
  },
  'apiextensions.k8s.io/customresourcedefinitions': {
    cols: [['Created At', 'date', AGE_DESC]],
    row: (c: Any) => [c.metadata.creationTimestamp],
  },
};

function jsonPathValue(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const raw of path.replace(/^\./, '').split('.')) {
    const m = /^([^[]*)(?:\[(\d+)\])?$/.exec(raw);
    if (!m) return undefined;
    if (m[1]) {
      if (!isObject(cur)) return undefined;
      cur = cur[m[1]];
    }
    if (m[2] !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[Number(m[2])];
    }
  }
  return cur;
}

export function tableFor(def: ResourceDef): {
  columns: ColumnDefinition[];
  row: (o: KObject) => Cell[];
} {
  const name = col('Name', 'string', NAME_DESC);
  if (def.crd) {
    const pcs: PrinterColumn[] = def.crd.printerColumns.length
      ? def.crd.printerColumns
      : [
          {
            name: 'Age',
            type: 'date',
            jsonPath: '.metadata.creationTimestamp',
          },
        ];
    return {
      columns: [
        name,
        ...pcs.map(p => ({
          name: p.name,
          type: p.type,
          format: p.format ?? '',
          description:
            p.description ??
            `Custom resource definition column (in JSONPath format): ${p.jsonPath}`,
          priority: p.priority ?? 0,
        })),
      ],
      row: o => [
        o.metadata.name ?? '',
        ...pcs.map(p => {
          const v = jsonPathValue(o, p.jsonPath);
          if (p.type === 'date' && typeof v === 'string') return formatAge(v);
          if (v === undefined) return null;
          return isObject(v) || Array.isArray(v)
            ? JSON.stringify(v)
            : (v as Cell);
        }),
      ],
    };
  }
  const printer = PRINTERS[def.storageKey];
  if (!printer) {
    return {
      columns: [name, col('Age', 'string', AGE_DESC)],
      row: o => [o.metadata.name ?? '', age(o)],
    };
  }
  return {
    columns: [
      name,
      ...printer.cols.map(([n, t, d, p]) => col(n, t, d, p ?? 0)),
    ],
    row: o => [o.metadata.name ?? '', ...printer.row(o)],
  };
}
