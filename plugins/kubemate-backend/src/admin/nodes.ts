import {
  NODE_CONDITION_TYPES,
  parseQuantity,
  type CpuMemory,
  type KubeObject,
  type NodeResources,
  type NodeSummary,
} from '@kubemate/plugin-kubemate-common';

type Quantities = Record<string, unknown> | undefined;

const ROLE_PREFIX = 'node-role.kubernetes.io/';

const resourcesOf = (q: Quantities): NodeResources => ({
  cpu: parseQuantity(q?.cpu) ?? 0,
  memory: parseQuantity(q?.memory) ?? 0,
  pods: Math.round(parseQuantity(q?.pods) ?? 0),
});

interface Container {
  resources?: { requests?: Quantities; limits?: Quantities };
}

/**
 * What a pod asks for, as the scheduler counts it: the sum over its containers, or its largest
 * init container when that is more (init containers run one at a time), plus its overhead.
 */
export function podAmounts(
  pod: KubeObject,
  field: 'requests' | 'limits',
): CpuMemory {
  const spec = (pod.spec ?? {}) as {
    containers?: Container[];
    initContainers?: Container[];
    overhead?: Quantities;
  };
  const sum = { cpu: 0, memory: 0 };
  for (const c of spec.containers ?? []) {
    sum.cpu += parseQuantity(c.resources?.[field]?.cpu) ?? 0;
    sum.memory += parseQuantity(c.resources?.[field]?.memory) ?? 0;
  }
  for (const c of spec.initContainers ?? []) {
    sum.cpu = Math.max(sum.cpu, parseQuantity(c.resources?.[field]?.cpu) ?? 0);
    sum.memory = Math.max(
      sum.memory,
      parseQuantity(c.resources?.[field]?.memory) ?? 0,
    );
  }
  sum.cpu += parseQuantity(spec.overhead?.cpu) ?? 0;
  sum.memory += parseQuantity(spec.overhead?.memory) ?? 0;
  return sum;
}

export const isTerminated = (pod: KubeObject) => {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
};

/** Node usage (cores, bytes) by node name, from metrics.k8s.io NodeMetrics objects. */
export function usageByNode(
  metrics: Array<{ metadata?: { name?: string }; usage?: Quantities }>,
): Map<string, CpuMemory> {
  const out = new Map<string, CpuMemory>();
  for (const m of metrics) {
    const name = m.metadata?.name;
    if (!name) continue;
    out.set(name, {
      cpu: parseQuantity(m.usage?.cpu) ?? 0,
      memory: parseQuantity(m.usage?.memory) ?? 0,
    });
  }
  return out;
}

/** Nodes with their capacity, what their non-terminated pods request and limit, and usage. */
export function summarizeNodes(
  nodes: readonly KubeObject[],
  pods: readonly KubeObject[],
  usage?: Map<string, CpuMemory>,
): NodeSummary[] {
  const byNode = new Map<
    string,
    { requested: CpuMemory; limited: CpuMemory; count: number }
  >();
  for (const pod of pods) {
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    if (!nodeName || isTerminated(pod)) continue;
    let acc = byNode.get(nodeName);
    if (!acc) {
      acc = {
        requested: { cpu: 0, memory: 0 },
        limited: { cpu: 0, memory: 0 },
        count: 0,
      };
      byNode.set(nodeName, acc);
    }
    const requests = podAmounts(pod, 'requests');
    const limits = podAmounts(pod, 'limits');
    acc.requested.cpu += requests.cpu;
    acc.requested.memory += requests.memory;
    acc.limited.cpu += limits.cpu;
    acc.limited.memory += limits.memory;
    acc.count += 1;
  }
  return nodes
    .map(node => {
      const name = node.metadata.name;
      const labels = (node.metadata.labels ?? {}) as Record<string, string>;
      const spec = (node.spec ?? {}) as {
        unschedulable?: boolean;
        taints?: Array<{ key: string; value?: string; effect: string }>;
      };
      const status = (node.status ?? {}) as {
        capacity?: Quantities;
        allocatable?: Quantities;
        conditions?: Array<Record<string, unknown>>;
        nodeInfo?: { kubeletVersion?: string };
      };
      const acc = byNode.get(name);
      const nodeUsage = usage?.get(name);
      const summary: NodeSummary = {
        name,
        roles: Object.keys(labels)
          .filter(k => k.startsWith(ROLE_PREFIX))
          .map(k => k.slice(ROLE_PREFIX.length))
          .filter(Boolean)
          .sort(),
        ...(status.nodeInfo?.kubeletVersion
          ? { kubeletVersion: status.nodeInfo.kubeletVersion }
          : {}),
        unschedulable: spec.unschedulable === true,
        conditions: (status.conditions ?? [])
          .filter(c =>
            (NODE_CONDITION_TYPES as readonly string[]).includes(
              String(c.type),
            ),
          )
          .map(c => ({
            type: String(c.type),
            status: String(c.status ?? 'Unknown'),
            ...(typeof c.reason === 'string' ? { reason: c.reason } : {}),
            ...(typeof c.message === 'string' ? { message: c.message } : {}),
            ...(typeof c.lastTransitionTime === 'string'
              ? { lastTransitionTime: c.lastTransitionTime }
              : {}),
          })),
        taints: (spec.taints ?? []).map(t => ({
          key: t.key,
          ...(t.value !== undefined ? { value: t.value } : {}),
          effect: t.effect,
        })),
        labels,
        capacity: resourcesOf(status.capacity),
        allocatable: resourcesOf(status.allocatable ?? status.capacity),
        requested: acc?.requested ?? { cpu: 0, memory: 0 },
        limited: acc?.limited ?? { cpu: 0, memory: 0 },
        podCount: acc?.count ?? 0,
        ...(nodeUsage ? { usage: nodeUsage } : {}),
      };
      return summary;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
