import {
  LabelSelectorObject,
  fromSelectorObject,
  matchLabels,
} from '../api/selectors';
import { Store } from '../storage/store';
import { KObject } from '../util/types';
import { isCoreGroup, referenceGranted } from './referenceGrants';

export const GW = 'gateway.networking.k8s.io';

export interface ObjectRef {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
}

export interface Listener {
  name: string;
  port: number;
  protocol: string;
  hostname?: string;
  tls?: { mode?: string; certificateRefs?: ObjectRef[] };
  allowedRoutes?: {
    namespaces?: { from?: string; selector?: LabelSelectorObject };
    kinds?: Array<{ group?: string; kind: string }>;
  };
}

export interface RouteKind {
  group: string;
  kind: string;
}

export type ListenerConflict = 'ProtocolConflict' | 'HostnameConflict';

/** What the controller found out about one listener of a Gateway. */
export interface ListenerState {
  listener: Listener;
  conflict?: ListenerConflict;
  protocolSupported: boolean;
  supportedKinds: RouteKind[];
  invalidKinds: RouteKind[];
  refProblem?: {
    reason: 'InvalidCertificateRef' | 'RefNotPermitted';
    message: string;
  };
}

// Route kinds Traefik serves per listener protocol; only HTTPRoutes get status in the simulator.
const KINDS_BY_PROTOCOL: Record<string, string[]> = {
  HTTP: ['HTTPRoute'],
  HTTPS: ['HTTPRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

const sameHostname = (a?: string, b?: string) =>
  (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/**
 * Listeners of one Gateway that cannot be told apart: a shared port with another protocol, or the
 * same port, protocol and hostname (no hostname on both counts as the same).
 */
export function listenerConflicts(
  listeners: Listener[],
): Map<string, ListenerConflict> {
  const out = new Map<string, ListenerConflict>();
  for (const l of listeners) {
    const samePort = listeners.filter(o => o !== l && o.port === l.port);
    if (samePort.some(o => o.protocol !== l.protocol))
      out.set(l.name, 'ProtocolConflict');
    else if (samePort.some(o => sameHostname(o.hostname, l.hostname)))
      out.set(l.name, 'HostnameConflict');
  }
  return out;
}

function certificateProblem(
  store: Store,
  gw: KObject,
  l: Listener,
): ListenerState['refProblem'] {
  if (l.protocol !== 'HTTPS') return undefined;
  const ns = gw.metadata.namespace!;
  const refs = l.tls?.certificateRefs ?? [];
  if (!refs.length)
    return {
      reason: 'InvalidCertificateRef',
      message: 'HTTPS listener has no certificateRefs',
    };
  for (const ref of refs) {
    const where = `${ref.namespace ?? ns}/${ref.name}`;
    if (!isCoreGroup(ref.group) || (ref.kind ?? 'Secret') !== 'Secret')
      return {
        reason: 'InvalidCertificateRef',
        message: `Unsupported certificate reference kind "${ref.kind}" for "${where}"`,
      };
    const target = {
      kind: 'Secret',
      namespace: ref.namespace ?? ns,
      name: ref.name,
    };
    // the spec asks for RefNotPermitted before checking whether a foreign Secret exists
    if (
      target.namespace !== ns &&
      !referenceGranted(store, { kind: 'Gateway', namespace: ns }, target)
    )
      return {
        reason: 'RefNotPermitted',
        message: `Certificate Secret "${where}" is in another namespace and no ReferenceGrant allows it`,
      };
    if (!store.get('/secrets', target.namespace, target.name))
      return {
        reason: 'InvalidCertificateRef',
        message: `Certificate Secret "${where}" not found`,
      };
  }
  return undefined;
}

/** Conflicts, route kinds and certificate references of every listener of a Gateway. */
export function analyzeListeners(store: Store, gw: KObject): ListenerState[] {
  const listeners = (gw.spec?.listeners ?? []) as Listener[];
  const conflicts = listenerConflicts(listeners);
  return listeners.map(l => {
    const served = KINDS_BY_PROTOCOL[l.protocol] ?? [];
    const asked = (l.allowedRoutes?.kinds ?? []).map(k => ({
      group: k.group ?? GW,
      kind: k.kind,
    }));
    const wanted = asked.length
      ? asked
      : served.map(kind => ({ group: GW, kind }));
    const ok = (k: RouteKind) => k.group === GW && served.includes(k.kind);
    return {
      listener: l,
      conflict: conflicts.get(l.name),
      protocolSupported: served.length > 0,
      supportedKinds: wanted.filter(ok),
      invalidKinds: wanted.filter(k => !ok(k)),
      refProblem: certificateProblem(store, gw, l),
    };
  });
}

/** Whether HTTPRoutes can attach to the listener at all. */
export function acceptsHttpRoutes(s: ListenerState): boolean {
  return (
    !s.conflict &&
    s.supportedKinds.some(k => k.group === GW && k.kind === 'HTTPRoute')
  );
}

/** Whether the listener is ready to carry traffic. */
export function listenerProgrammed(s: ListenerState): boolean {
  return (
    !s.conflict &&
    s.protocolSupported &&
    !s.refProblem &&
    s.supportedKinds.length > 0
  );
}

/** allowedRoutes.namespaces: Same (default), All, or Selector over the route namespace's labels. */
export function namespaceAllowed(
  store: Store,
  l: Listener,
  gatewayNamespace: string,
  routeNamespace: string,
): boolean {
  const from = l.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return routeNamespace === gatewayNamespace;
  if (from !== 'Selector') return false;
  const selector = l.allowedRoutes?.namespaces?.selector;
  // a Selector listener without a selector is invalid: it admits nothing
  if (!selector) return false;
  const ns = store.get('/namespaces', undefined, routeNamespace);
  return !!ns && matchLabels(fromSelectorObject(selector), ns.metadata.labels);
}
