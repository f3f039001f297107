import type {
  ClusterRoutes,
  RouteTestParentRequest,
} from '@kubemate/plugin-kubemate-common';

/** A place a tested request can arrive at, as the parent select offers it. */
export type TestParentOption = {
  key: string;
  label: string;
  parent: RouteTestParentRequest;
};

/**
 * Every Gateway listener (`ns/name · listener :port`) and every Service of the cluster. A
 * listener is named by sectionName only: the server completes its port and hostname.
 */
export function testParentOptions(
  cluster: Pick<ClusterRoutes, 'gateways' | 'services'>,
): TestParentOption[] {
  const listeners = cluster.gateways.flatMap(g =>
    g.listeners.map(l => ({
      key: `Gateway/${g.namespace}/${g.name}/${l.name}`,
      label: `${g.namespace}/${g.name} · ${l.name}${
        l.port !== undefined ? ` :${l.port}` : ''
      }`,
      parent: {
        kind: 'Gateway' as const,
        namespace: g.namespace,
        name: g.name,
        sectionName: l.name,
      },
    })),
  );
  const services = cluster.services.map(s => ({
    key: `Service/${s.namespace}/${s.name}`,
    label: `Service ${s.namespace}/${s.name}`,
    parent: { kind: 'Service' as const, namespace: s.namespace, name: s.name },
  }));
  return [...listeners, ...services];
}
