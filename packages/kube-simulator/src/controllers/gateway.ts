import { ObjectService } from '../api/objects';
import { toExternal } from '../api/conversion';
import { clone, deepEqual, now } from '../util/objects';
import { KObject } from '../util/types';
import { Controller } from './manager';
import { Res } from './util';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const GW = 'gateway.networking.k8s.io';

function cond(
  type: string,
  ok: boolean,
  reason: string,
  message: string,
  generation: number | undefined,
  prev: Any[] | undefined,
) {
  const old = (prev ?? []).find(c => c.type === type);
  const status = ok ? 'True' : 'False';
  return {
    type,
    status,
    reason,
    message,
    observedGeneration: generation,
    lastTransitionTime:
      old && old.status === status ? old.lastTransitionTime : now(),
  };
}

/**
 * Gateway API status as Traefik (gateways) and Linkerd (Service parents) would write it, plus
 * LoadBalancer addresses: routes report ResolvedRefs=False for missing backend Services.
 */
export class GatewayController implements Controller {
  name = 'gateway';
  constructor(private readonly o: ObjectService, private readonly res: Res) {}

  private writeStatus(
    group: string,
    plural: string,
    obj: KObject,
    status: unknown,
  ) {
    if (deepEqual(obj.status, status)) return;
    const def = this.res.def(group, plural);
    const next = toExternal(def, clone(obj));
    next.status = status;
    delete next.metadata.resourceVersion;
    this.o.update(def, obj.metadata.namespace, obj.metadata.name!, next, {
      manager: group === '' ? 'metallb-controller' : 'traefik',
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
    const lbIp =
      store.get('/services', 'traefik', 'traefik')?.status?.loadBalancer
        ?.ingress?.[0]?.ip ?? '172.18.255.200';
    const routes = store.list(`${GW}/httproutes`);
    for (const gw of store.list(`${GW}/gateways`)) {
      const ns = gw.metadata.namespace!;
      const classOk = !!store.get(
        `${GW}/gatewayclasses`,
        undefined,
        gw.spec?.gatewayClassName,
      );
      const g = gw.metadata.generation;
      const listeners = ((gw.spec?.listeners ?? []) as Any[]).map(l => {
        const attached = routes.filter(
          r =>
            r.metadata.namespace === ns &&
            ((r.spec?.parentRefs ?? []) as Any[]).some(
              p =>
                (p.kind ?? 'Gateway') === 'Gateway' &&
                p.name === gw.metadata.name &&
                (!p.sectionName || p.sectionName === l.name),
            ),
        ).length;
        const prevL = ((gw.status?.listeners ?? []) as Any[]).find(
          x => x.name === l.name,
        );
        return {
          name: l.name,
          supportedKinds: [{ group: GW, kind: 'HTTPRoute' }],
          attachedRoutes: attached,
          conditions: [
            cond(
              'Accepted',
              true,
              'Accepted',
              'No error found',
              g,
              prevL?.conditions,
            ),
            cond(
              'Programmed',
              classOk,
              classOk ? 'Programmed' : 'Invalid',
              classOk ? 'No error found' : 'GatewayClass not found',
              g,
              prevL?.conditions,
            ),
            cond(
              'ResolvedRefs',
              true,
              'ResolvedRefs',
              'No error found',
              g,
              prevL?.conditions,
            ),
          ],
        };
      });
      this.writeStatus(GW, 'gateways', gw, {
        addresses: classOk ? [{ type: 'IPAddress', value: lbIp }] : [],
        conditions: [
          cond(
            'Accepted',
            classOk,
            classOk ? 'Accepted' : 'NoResources',
            classOk
              ? 'Gateway successfully scheduled'
              : 'GatewayClass not found',
            g,
            gw.status?.conditions,
          ),
          cond(
            'Programmed',
            classOk,
            classOk ? 'Programmed' : 'Invalid',
            classOk
              ? 'Gateway successfully programmed'
              : 'GatewayClass not found',
            g,
            gw.status?.conditions,
          ),
        ],
        listeners,
      });
    }
    for (const r of routes) {
      const ns = r.metadata.namespace!;
      const g = r.metadata.generation;
      const missing = ((r.spec?.rules ?? []) as Any[])
        .flatMap(rule => (rule.backendRefs ?? []) as Any[])
        .filter(
          b =>
            (b.kind ?? 'Service') === 'Service' &&
            !store.get('/services', b.namespace ?? ns, b.name),
        )
        .map(b => `${b.namespace ?? ns}/${b.name}`);
      const parents = ((r.spec?.parentRefs ?? []) as Any[]).map(p => {
        const isService = p.kind === 'Service';
        const exists = isService
          ? !!store.get('/services', p.namespace ?? ns, p.name)
          : !!store.get(`${GW}/gateways`, p.namespace ?? ns, p.name);
        const prevP = ((r.status?.parents ?? []) as Any[]).find(
          x => x.parentRef?.name === p.name,
        );
        return {
          parentRef: {
            group: p.group ?? GW,
            kind: p.kind ?? 'Gateway',
            name: p.name,
            ...(p.namespace ? { namespace: p.namespace } : {}),
            ...(p.sectionName ? { sectionName: p.sectionName } : {}),
            ...(p.port ? { port: p.port } : {}),
          },
          controllerName: isService
            ? 'linkerd.io/gateway-controller'
            : 'traefik.io/gateway-controller',
          conditions: [
            cond(
              'Accepted',
              exists,
              exists ? 'Accepted' : 'NoMatchingParent',
              exists
                ? 'Route is accepted'
                : `${isService ? 'Service' : 'Gateway'} "${p.name}" not found`,
              g,
              prevP?.conditions,
            ),
            cond(
              'ResolvedRefs',
              missing.length === 0,
              missing.length ? 'BackendNotFound' : 'ResolvedRefs',
              missing.length
                ? `Service ${missing.map(m => `"${m}"`).join(', ')} not found`
                : 'Resolved all the Object references for the Route',
              g,
              prevP?.conditions,
            ),
          ],
        };
      });
      this.writeStatus(GW, 'httproutes', r, { parents });
    }
  }
}
