import { podRestarts, type KubeObject } from '@kubemate/plugin-kubemate-common';

export interface PodRow {
  id: string;
  name: string;
  namespace: string;
  phase: string;
  ready: string;
  restarts: number;
  node: string;
  createdAt?: string;
  object: KubeObject;
}

type PodStatus = {
  phase?: string;
  containerStatuses?: Array<{
    ready?: boolean;
    state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
  }>;
};

/** A pod's status as kubectl shows it: a waiting/terminated reason wins over the phase. */
export function podPhase(status: PodStatus): string {
  for (const c of status.containerStatuses ?? []) {
    const reason = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (reason) return reason;
  }
  return status.phase ?? 'Unknown';
}

export function podRow(p: KubeObject): PodRow {
  const status = (p.status ?? {}) as PodStatus;
  const containers = status.containerStatuses ?? [];
  return {
    id: `${p.metadata.namespace}/${p.metadata.name}`,
    name: p.metadata.name,
    namespace: p.metadata.namespace ?? '',
    phase: podPhase(status),
    ready: `${containers.filter(c => c.ready).length}/${containers.length}`,
    restarts: podRestarts([p]),
    node: (p.spec as { nodeName?: string } | undefined)?.nodeName ?? '—',
    createdAt: p.metadata.creationTimestamp,
    object: p,
  };
}

export type PodSortKey = Exclude<keyof PodRow, 'id' | 'object'>;

/** Rows whose name, namespace, status or node contains the search text (case-insensitive). */
export function filterPodRows(rows: PodRow[], search: string): PodRow[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return rows;
  return rows.filter(r =>
    [r.name, r.namespace, r.phase, r.node].some(v =>
      v.toLowerCase().includes(needle),
    ),
  );
}

export function sortPodRows(
  rows: PodRow[],
  key: PodSortKey,
  direction: 'asc' | 'desc',
): PodRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key] ?? '';
    const y = b[key] ?? '';
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return (
      sign * String(x).localeCompare(String(y), undefined, { numeric: true })
    );
  });
}
