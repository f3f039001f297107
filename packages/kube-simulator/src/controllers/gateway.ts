import { ObjectService } from '../api/objects';
import { toExternal } from '../api/conversion';
import { clone, deepEqual } from '../util/objects';
import { KObject } from '../util/types';
import { Controller } from './manager';
import { Res } from './util';
import { Condition, cond } from './gatewayConditions';
import {
  GW,
  ListenerState,
  analyzeListeners,
  listenerProgrammed,
} from './gatewayListeners';
import {
  GatewayListeners,
  LINKERD_CONTROLLER,
  ParentResult,
  evaluateBackends,
  evaluateParents,
} from './gatewayRoutes';

type Conditions = Condition[] | undefined;

function listenerStatus(
  s: ListenerState,
  classOk: boolean,
  attachedRoutes: number,
  g: number | undefined,
  prev: Conditions,
) {
  const l = s.listener;
  const programmed = classOk && listenerProgrammed(s);
  let notProgrammed = 'GatewayClass not found';
  if (s.conflict) notProgrammed = `Listener is conflicted (${s.conflict})`;
  else if (!s.protocolSupported)
    notProgrammed = `Protocol "${l.protocol}" is not supported`;
  else if (s.refProblem) notProgrammed = s.refProblem.message;
  else if (!s.supportedKinds.length) notProgrammed = 'No supported route kind';
  const kindsText = s.invalidKinds.map(k => `${k.group}/${k.kind}`).join(', ');
  let resolved = cond(
    'ResolvedRefs',
    true,
    'ResolvedRefs',
    'No error found',
    g,
    prev,
  );
  if (s.refProblem)
    resolved = cond(
      'ResolvedRefs',
      false,
      s.refProblem.reason,
      s.refProblem.message,
      g,
      prev,
    );
  else if (s.invalidKinds.length)
    resolved = cond(
      'ResolvedRefs',
      false,
      'InvalidRouteKinds',
      `Unsupported route kinds: ${kindsText}`,
      g,
      prev,
    );
  return {
    name: l.name,
    supportedKinds: s.supportedKinds,
    attachedRoutes,
    conditions: [
      cond(
        'Accepted',
        s.protocolSupported,
        s.protocolSupported ? 'Accepted' : 'UnsupportedProtocol',
        s.protocolSupported
          ? 'No error found'
          : `Protocol "${l.protocol}" is not supported`,
        g,
        prev,
      ),
      cond(
        'Programmed',
        programmed,
        programmed ? 'Programmed' : 'Invalid',
        programmed ? 'No error found' : notProgrammed,
        g,
        prev,
      ),
      resolved,
      cond(
        'Conflicted',
        !!s.conflict,
        s.conflict ?? 'NoConflicts',
        s.conflict
          ? `Another listener on port ${l.port} ${
              s.conflict === 'ProtocolConflict'
                ? 'uses a different protocol'
                : 'has the same hostname'
            }`
          : 'No conflicts found',
        g,
        prev,
      ),
    ],
  };
}

function gatewayConditions(
  className: string,
  classOk: boolean,
  states: ListenerState[],
  g: number | undefined,
  prev: Conditions,
) {
  if (!classOk) {
    const message = `GatewayClass "${className}" not found`;
    return [
      cond('Accepted', false, 'Invalid', message, g, prev),
      cond('Programmed', false, 'Invalid', message, g, prev),
    ];
  }
  const invalid = states.filter(s => !listenerProgrammed(s));
  // spec: ListenersNotValid also goes with Accepted=True when only some listeners fail
  const accepted = invalid.length
    ? cond(
        'Accepted',
        true,
        'ListenersNotValid',
        `Gateway scheduled; listener ${invalid
          .map(s => `"${s.listener.name}"`)
          .join(', ')} not valid`,
        g,
        prev,
      )
    : cond(
        'Accepted',
        true,
        'Accepted',
        'Gateway successfully scheduled',
        g,
        prev,
      );
  const programmed = invalid.length < states.length;
  return [
    accepted,
    cond(
      'Programmed',
      programmed,
      programmed ? 'Programmed' : 'Invalid',
      programmed ? 'Gateway successfully programmed' : 'No listener is valid',
      g,
      prev,
    ),
  ];
}

/**
 * Gateway API status as Traefik (gateways) and Linkerd (Service parents) would write it, plus
 * LoadBalancer addresses. Everything is recomputed from the objects on each pass, so a change to a
 * Gateway, Service, Namespace, Secret or ReferenceGrant shows in the routes it concerns; statuses
 * are written only when they differ.
 */
export class GatewayController implements Controller {
  name = 'gateway';
  constructor(private readonly o: ObjectService, private readonly res: Res) {}

  private writeStatus(
    group: string,
    plural: string,
    obj: KObject,
    status: unknown,
    manager = group === '' ? 'metallb-controller' : 'traefik',
  ) {
    if (deepEqual(obj.status, status)) return;
    const def = this.res.def(group, plural);
    const next = toExternal(def, clone(obj));
    next.status = status;
    delete next.metadata.resourceVersion;
    this.o.update(def, obj.metadata.namespace, obj.metadata.name!, next, {
      manager,
      subresource: 'status',
    });
  }

  reconcile() {
    const store = this.o.store;
    let lbIndex = 200;
    for (const svc of store.list('/services')) {
      if (svc.spec?.type !== 'LoadBalancer') continue;
      const ip = `172.18.255.${lbIndex++}`;
      const want = { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
      if (!svc.status?.loadBalancer?.ingress?.length)
        this.writeStatus('', 'services', svc, want);
    }
    if (!this.o.registry.byResource(GW, 'gateways')) return;
    for (const gc of store.list(`${GW}/gatewayclasses`)) {
      const ok = String(gc.spec?.controllerName ?? '').length > 0;
      this.writeStatus(GW, 'gatewayclasses', gc, {
        conditions: [
          cond(
            'Accepted',
            ok,
            ok ? 'Accepted' : 'InvalidParameters',
            ok ? 'Handled by Traefik controller' : 'no controller',
            gc.metadata.generation,
            gc.status?.conditions,
          ),
        ],
      });
    }

    const gateways = store.list(`${GW}/gateways`);
    const listeners: GatewayListeners = new Map();
    for (const gw of gateways)
      listeners.set(
        `${gw.metadata.namespace}/${gw.metadata.name}`,
        analyzeListeners(store, gw),
      );

    // routes first: a listener's attachedRoutes is the number of routes that attached to it
    const routes = store.list(`${GW}/httproutes`);
    const routeParents = new Map<KObject, ParentResult[]>();
    const attached = new Map<string, Set<string>>();
    for (const r of routes) {
      const parents = evaluateParents(store, r, listeners);
      routeParents.set(r, parents);
      for (const p of parents)
        for (const l of p.attachedListeners) {
          const key = `${p.gateway}/${l}`;
          const set = attached.get(key) ?? new Set<string>();
          set.add(`${r.metadata.namespace}/${r.metadata.name}`);
          attached.set(key, set);
        }
    }

    const lbIp =
      store.get('/services', 'traefik', 'traefik')?.status?.loadBalancer
        ?.ingress?.[0]?.ip ?? '172.18.255.200';
    for (const gw of gateways) {
      const key = `${gw.metadata.namespace}/${gw.metadata.name}`;
      const className = gw.spec?.gatewayClassName;
      const classOk = !!store.get(`${GW}/gatewayclasses`, undefined, className);
      const g = gw.metadata.generation;
      const states = listeners.get(key)!;
      this.writeStatus(GW, 'gateways', gw, {
        addresses: classOk ? [{ type: 'IPAddress', value: lbIp }] : [],
        conditions: gatewayConditions(
          className,
          classOk,
          states,
          g,
          gw.status?.conditions,
        ),
        listeners: states.map(s =>
          listenerStatus(
            s,
            classOk,
            attached.get(`${key}/${s.listener.name}`)?.size ?? 0,
            g,
            (gw.status?.listeners ?? []).find(
              (x: { name: string }) => x.name === s.listener.name,
            )?.conditions,
          ),
        ),
      });
    }

    for (const r of routes) {
      const g = r.metadata.generation;
      const backends = evaluateBackends(store, r);
      const prevParents = (r.status?.parents ?? []) as Array<{
        parentRef: unknown;
        conditions: Condition[];
      }>;
      const parents = routeParents.get(r)!.map(p => {
        const prev = prevParents.find(x =>
          deepEqual(x.parentRef, p.parentRef),
        )?.conditions;
        return {
          parentRef: p.parentRef,
          controllerName: p.controllerName,
          conditions: [
            cond(
              'Accepted',
              p.accepted.ok,
              p.accepted.reason,
              p.accepted.message,
              g,
              prev,
            ),
            cond(
              'ResolvedRefs',
              backends.ok,
              backends.reason,
              backends.message,
              g,
              prev,
            ),
          ],
        };
      });
      const meshOnly =
        parents.length > 0 &&
        parents.every(p => p.controllerName === LINKERD_CONTROLLER);
      this.writeStatus(
        GW,
        'httproutes',
        r,
        { parents },
        meshOnly ? 'linkerd-destination' : 'traefik',
      );
    }
  }
}
