import type {
  ClusterRoutes,
  HttpRouteParentRef,
} from '@kubemate/plugin-kubemate-common';
import { gatewayParentRef, serviceParentRef } from './draft';

export type ParentOption = {
  key: string;
  label: string;
  ref: HttpRouteParentRef;
};

/** What identifies a parentRef in the select: kind, namespace, name, listener, port. */
export function parentOptionKey(ref: HttpRouteParentRef): string {
  return [
    ref.kind ?? 'Gateway',
    ref.namespace ?? '',
    ref.name,
    ref.sectionName ?? '',
    ref.port ?? '',
  ].join('/');
}

/** A parentRef in words, for one the options do not list (e.g. written by hand). */
export function parentRefLabel(ref: HttpRouteParentRef): string {
  const kind = ref.kind ?? 'Gateway';
  return `${kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}${
    ref.sectionName ? ` · listener ${ref.sectionName}` : ''
  }${ref.port !== undefined ? ` :${ref.port}` : ''}`;
}

/**
 * The parents a route in `namespace` may attach to: each listener of the namespace's Gateways
 * (Traefik), then each port of its Services (Linkerd). Routes attach only within their namespace.
 */
export function parentOptions(
  cluster: Pick<ClusterRoutes, 'gateways' | 'services'>,
  namespace: string,
): ParentOption[] {
  const options: ParentOption[] = [];
  for (const gateway of cluster.gateways) {
    if (gateway.namespace !== namespace) continue;
    for (const listener of gateway.listeners) {
      const ref = gatewayParentRef(gateway, listener);
      options.push({
        key: parentOptionKey(ref),
        label: `Gateway ${gateway.name} · listener ${listener.name}${
          listener.port !== undefined ? ` :${listener.port}` : ''
        }${listener.hostname ? ` (${listener.hostname})` : ''}`,
        ref,
      });
    }
  }
  for (const service of cluster.services) {
    if (service.namespace !== namespace) continue;
    for (const port of service.ports) {
      const ref = serviceParentRef(service, port.port);
      options.push({
        key: parentOptionKey(ref),
        label: `Service ${service.name} :${port.port}${
          port.name ? ` (${port.name})` : ''
        }${service.serviceProfile ? ' · has a ServiceProfile' : ''}`,
        ref,
      });
    }
  }
  return options;
}
