import { Store } from '../storage/store';
import { KObject } from '../util/types';
import { routeHostnamesMatch } from './gatewayHostnames';
import {
  GW,
  ListenerState,
  ObjectRef,
  acceptsHttpRoutes,
  namespaceAllowed,
} from './gatewayListeners';
import { isCoreGroup, referenceGranted } from './referenceGrants';

export const TRAEFIK_CONTROLLER = 'traefik.io/gateway-controller';
export const LINKERD_CONTROLLER = 'linkerd.io/gateway-controller';

export interface ParentRef extends ObjectRef {
  sectionName?: string;
  port?: number;
}

export interface Verdict {
  ok: boolean;
  reason: string;
  message: string;
}

export interface ParentResult {
  parentRef: ParentRef;
  controllerName: string;
  accepted: Verdict;
  /** `namespace/name` of the Gateway and the listeners the route attached to. */
  gateway?: string;
  attachedListeners: string[];
}

/** A Gateway's listeners as analysed for this pass, by `namespace/name`. */
export type GatewayListeners = Map<string, ListenerState[]>;

const accepted: Verdict = {
  ok: true,
  reason: 'Accepted',
  message: 'Route is accepted',
};
const notAccepted = (reason: string, message: string): Verdict => ({
  ok: false,
  reason,
  message,
});
const names = (xs: ListenerState[]) =>
  xs.map(s => `"${s.listener.name}"`).join(', ');

/** The parentRef as written back in status, with the defaults spelled out. */
function normalize(p: ParentRef): ParentRef {
  return {
    group: p.group ?? GW,
    kind: p.kind ?? 'Gateway',
    name: p.name,
    ...(p.namespace ? { namespace: p.namespace } : {}),
    ...(p.sectionName ? { sectionName: p.sectionName } : {}),
    ...(p.port ? { port: p.port } : {}),
  };
}

function gatewayParent(
  store: Store,
  route: KObject,
  p: ParentRef,
  gateways: GatewayListeners,
): ParentResult {
  const routeNs = route.metadata.namespace!;
  const ns = p.namespace ?? routeNs;
  const key = `${ns}/${p.name}`;
  const result = (v: Verdict, attached: string[] = []): ParentResult => ({
    parentRef: normalize(p),
    controllerName: TRAEFIK_CONTROLLER,
    accepted: v,
    gateway: key,
    attachedListeners: attached,
  });
  const listeners = gateways.get(key);
  if (!listeners)
    return result(
      notAccepted('NoMatchingParent', `Gateway "${key}" not found`),
    );
  // sectionName and port narrow the Gateway down to the listeners the route asks for
  const relevant = listeners.filter(
    s =>
      (!p.sectionName || s.listener.name === p.sectionName) &&
      (p.port === undefined || s.listener.port === p.port),
  );
  if (!relevant.length) {
    const what = [
      p.sectionName ? `named "${p.sectionName}"` : '',
      p.port !== undefined ? `on port ${p.port}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return result(
      notAccepted(
        'NoMatchingParent',
        `Gateway "${key}" has no listener ${what}`,
      ),
    );
  }
  const usable = relevant.filter(acceptsHttpRoutes);
  if (!usable.length)
    return result(
      notAccepted(
        'NotAllowedByListeners',
        `Listener ${names(
          relevant,
        )} is conflicted or does not accept HTTPRoutes`,
      ),
    );
  const allowed = usable.filter(s =>
    namespaceAllowed(store, s.listener, ns, routeNs),
  );
  if (!allowed.length)
    return result(
      notAccepted(
        'NotAllowedByListeners',
        `Listener ${names(
          usable,
        )} does not allow routes from namespace "${routeNs}"`,
      ),
    );
  const hostnames = route.spec?.hostnames as string[] | undefined;
  const matching = allowed.filter(s =>
    routeHostnamesMatch(s.listener.hostname, hostnames),
  );
  if (!matching.length)
    return result(
      notAccepted(
        'NoMatchingListenerHostname',
        `No hostname of the route matches listener ${names(allowed)}`,
      ),
    );
  return result(
    accepted,
    matching.map(s => s.listener.name),
  );
}

// Linkerd (GAMMA): the parent is a Service; hostnames play no part in attachment.
function serviceParent(
  store: Store,
  route: KObject,
  p: ParentRef,
): ParentResult {
  const ns = p.namespace ?? route.metadata.namespace!;
  const result = (v: Verdict): ParentResult => ({
    parentRef: normalize(p),
    controllerName: LINKERD_CONTROLLER,
    accepted: v,
    attachedListeners: [],
  });
  const svc = store.get('/services', ns, p.name);
  if (!svc)
    return result(
      notAccepted('NoMatchingParent', `Service "${ns}/${p.name}" not found`),
    );
  const ports = (svc.spec?.ports ?? []) as Array<{
    name?: string;
    port: number;
  }>;
  const portOk =
    (p.port === undefined || ports.some(x => x.port === p.port)) &&
    (!p.sectionName || ports.some(x => x.name === p.sectionName));
  if (!portOk)
    return result(
      notAccepted(
        'NoMatchingParent',
        `Service "${ns}/${p.name}" has no port ${p.sectionName ?? p.port}`,
      ),
    );
  return result(accepted);
}

/**
 * One entry per parentRef this simulator's controllers own (Gateways for Traefik, Services for
 * Linkerd); parentRefs of other kinds belong to other implementations and get no entry.
 */
export function evaluateParents(
  store: Store,
  route: KObject,
  gateways: GatewayListeners,
): ParentResult[] {
  const out: ParentResult[] = [];
  for (const p of (route.spec?.parentRefs ?? []) as ParentRef[]) {
    const kind = p.kind ?? 'Gateway';
    if (kind === 'Gateway' && (p.group ?? GW) === GW)
      out.push(gatewayParent(store, route, p, gateways));
    else if (kind === 'Service' && isCoreGroup(p.group))
      out.push(serviceParent(store, route, p));
  }
  return out;
}

const PROBLEM_MESSAGES: Record<string, (refs: string) => string> = {
  InvalidKind: refs => `Unsupported backend kind: ${refs}`,
  RefNotPermitted: refs =>
    `Service ${refs} in another namespace is not allowed by any ReferenceGrant`,
  BackendNotFound: refs => `Service ${refs} not found`,
};

/** ResolvedRefs of a route: every backendRef must be an existing, permitted core Service. */
export function evaluateBackends(store: Store, route: KObject): Verdict {
  const routeNs = route.metadata.namespace!;
  const problems = new Map<string, string[]>();
  const add = (reason: string, ref: string) => {
    const list = problems.get(reason) ?? [];
    if (!list.includes(ref)) list.push(ref);
    problems.set(reason, list);
  };
  for (const rule of (route.spec?.rules ?? []) as Array<{
    backendRefs?: ObjectRef[];
  }>) {
    for (const b of rule.backendRefs ?? []) {
      const ns = b.namespace ?? routeNs;
      const kind = b.kind ?? 'Service';
      if (!isCoreGroup(b.group) || kind !== 'Service') {
        add(
          'InvalidKind',
          `${b.group ? `${b.group}/` : ''}${kind} "${ns}/${b.name}"`,
        );
        continue;
      }
      const target = { kind: 'Service', namespace: ns, name: b.name };
      if (
        ns !== routeNs &&
        !referenceGranted(
          store,
          { kind: 'HTTPRoute', namespace: routeNs },
          target,
        )
      )
        add('RefNotPermitted', `"${ns}/${b.name}"`);
      else if (!store.get('/services', ns, b.name))
        add('BackendNotFound', `"${ns}/${b.name}"`);
    }
  }
  if (!problems.size)
    return {
      ok: true,
      reason: 'ResolvedRefs',
      message: 'Resolved all the Object references for the Route',
    };
  // the first problem found gives the reason; the message names them all
  const [reason] = problems.keys();
  return {
    ok: false,
    reason,
    message: [...problems]
      .map(([r, refs]) => PROBLEM_MESSAGES[r](refs.join(', ')))
      .join('; '),
  };
}
