import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { podsBySelector } from './selectors';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  nodePort?: number;
}

export type Service = KubeObject & {
  spec?: {
    type?: string;
    clusterIP?: string;
    externalName?: string;
    ports?: ServicePort[];
    selector?: Record<string, string>;
  };
};

interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind?: string; name?: string };
}

type Endpoints = KubeObject & {
  subsets?: Array<{
    addresses?: EndpointAddress[];
    notReadyAddresses?: EndpointAddress[];
  }>;
};

export interface EndpointTarget {
  ip: string;
  /** The pod (or other object) behind the address, when the endpoints controller recorded it. */
  target?: string;
}

export interface EndpointReadiness {
  ready: EndpointTarget[];
  notReady: EndpointTarget[];
}

const toTarget = (a: EndpointAddress): EndpointTarget => ({
  ip: a.ip,
  target: a.targetRef?.name,
});

/** Distinct by IP: an address appears once per subset (port set) it serves. */
function distinct(targets: EndpointTarget[]): EndpointTarget[] {
  const seen = new Map<string, EndpointTarget>();
  for (const t of targets) if (!seen.has(t.ip)) seen.set(t.ip, t);
  return [...seen.values()];
}

/** The ready and not-ready addresses of a Service's Endpoints object (same name and namespace). */
export function endpointReadiness(
  service: KubeObject,
  endpoints: KubeObject[],
): EndpointReadiness | undefined {
  const match = (endpoints as Endpoints[]).find(
    e =>
      e.metadata.name === service.metadata.name &&
      e.metadata.namespace === service.metadata.namespace,
  );
  if (!match) return undefined;
  const subsets = match.subsets ?? [];
  const ready = distinct(subsets.flatMap(s => s.addresses ?? []).map(toTarget));
  const readyIps = new Set(ready.map(t => t.ip));
  const notReady = distinct(
    subsets.flatMap(s => s.notReadyAddresses ?? []).map(toTarget),
  ).filter(t => !readyIps.has(t.ip));
  return { ready, notReady };
}

/** `http 80→8080/TCP`, with `:30080` for a node port. */
export function formatPort(p: ServicePort): string {
  const target =
    p.targetPort !== undefined && String(p.targetPort) !== String(p.port)
      ? `→${p.targetPort}`
      : '';
  const node = p.nodePort ? ` (node port ${p.nodePort})` : '';
  return `${p.name ? `${p.name} ` : ''}${p.port}${target}/${
    p.protocol ?? 'TCP'
  }${node}`;
}

export interface ServiceRow {
  id: string;
  name: string;
  namespace: string;
  type: string;
  clusterIP: string;
  ports: string[];
  selector: Record<string, string>;
  endpoints?: EndpointReadiness;
  pods: KubeObject[];
  object: KubeObject;
}

export function serviceRow(
  service: KubeObject,
  resources: { endpoints: KubeObject[]; pods: KubeObject[] },
): ServiceRow {
  const spec = (service as Service).spec ?? {};
  return {
    id: service.metadata.uid ?? service.metadata.name,
    name: service.metadata.name,
    namespace: service.metadata.namespace ?? '',
    type: spec.type ?? 'ClusterIP',
    clusterIP:
      spec.type === 'ExternalName'
        ? spec.externalName ?? '—'
        : spec.clusterIP ?? '—',
    ports: (spec.ports ?? []).map(formatPort),
    selector: spec.selector ?? {},
    endpoints: endpointReadiness(service, resources.endpoints),
    pods: podsBySelector(
      resources.pods,
      service.metadata.namespace,
      spec.selector,
    ),
    object: service,
  };
}
