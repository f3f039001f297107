import type {
  ClusterEvent,
  KubeObject,
} from '@kubemate/plugin-kubemate-common';

export interface EventFilter {
  type: 'Warning' | 'Normal' | 'all';
  namespace?: string;
  kind?: string;
  reason?: string;
  limit: number;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;

function toClusterEvent(e: KubeObject): ClusterEvent {
  const o = e as KubeObject & Record<string, unknown>;
  const involved = (o.involvedObject ?? {}) as Record<string, unknown>;
  const source = (o.source ?? {}) as Record<string, unknown>;
  const series = (o.series ?? {}) as Record<string, unknown>;
  const lastSeen =
    str(series.lastObservedTime) ??
    str(o.lastTimestamp) ??
    str(o.eventTime) ??
    str(o.metadata.creationTimestamp);
  const firstSeen =
    str(o.firstTimestamp) ??
    str(o.eventTime) ??
    str(o.metadata.creationTimestamp);
  const count = typeof o.count === 'number' ? o.count : 1;
  return {
    namespace: o.metadata.namespace ?? '',
    name: o.metadata.name,
    type: str(o.type) ?? 'Normal',
    reason: str(o.reason) ?? '',
    message: str(o.message) ?? '',
    count,
    involvedObject: {
      kind: str(involved.kind) ?? '',
      name: str(involved.name) ?? '',
      ...(str(involved.namespace)
        ? { namespace: str(involved.namespace) }
        : {}),
    },
    ...(str(source.component) || str(o.reportingComponent)
      ? { source: str(source.component) ?? str(o.reportingComponent) }
      : {}),
    ...(lastSeen ? { lastSeen } : {}),
    ...(firstSeen ? { firstSeen } : {}),
  };
}

/** Events matching the filter, newest first, at most `limit`; `total` counts every match. */
export function selectEvents(
  events: readonly KubeObject[],
  filter: EventFilter,
): { items: ClusterEvent[]; total: number } {
  const matching = events
    .map(toClusterEvent)
    .filter(
      e =>
        (filter.type === 'all' || e.type === filter.type) &&
        (!filter.namespace || e.namespace === filter.namespace) &&
        (!filter.kind || e.involvedObject.kind === filter.kind) &&
        (!filter.reason || e.reason === filter.reason),
    );
  const at = (e: ClusterEvent) => (e.lastSeen ? Date.parse(e.lastSeen) : 0);
  matching.sort((a, b) => at(b) - at(a) || a.name.localeCompare(b.name));
  return { items: matching.slice(0, filter.limit), total: matching.length };
}
