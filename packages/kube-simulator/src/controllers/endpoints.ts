import { ObjectService } from '../api/objects';
import { toExternal } from '../api/conversion';
import { clone, deepEqual, now } from '../util/objects';
import { KObject } from '../util/types';
import { Controller } from './manager';
import { CM, Res, isPodReady } from './util';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function resolvePort(pod: KObject, target: unknown): number | undefined {
  if (typeof target === 'number') return target;
  if (typeof target === 'string' && /^\d+$/.test(target)) return Number(target);
  for (const c of (pod.spec?.containers ?? []) as Any[])
    for (const p of c.ports ?? [])
      if (p.name === target) return p.containerPort;
  return undefined;
}

/** Service → Endpoints and EndpointSlices from ready pod IPs matching the selector. */
export class EndpointsController implements Controller {
  name = 'endpoints';
  constructor(private readonly o: ObjectService, private readonly res: Res) {}

  reconcile() {
    const store = this.o.store;
    const epDef = this.res.def('', 'endpoints');
    for (const ep of store.list('/endpoints')) {
      if (!store.get('/services', ep.metadata.namespace, ep.metadata.name!))
        store.delete('/endpoints', ep.metadata.namespace, ep.metadata.name!);
    }
    const esDef = this.res.def('discovery.k8s.io', 'endpointslices');
    for (const svc of store.list('/services')) {
      const sel = svc.spec?.selector as Record<string, string> | undefined;
      if (!sel || !Object.keys(sel).length) continue;
      const ns = svc.metadata.namespace!;
      const pods = store
        .list('/pods', ns)
        .filter(
          p =>
            !p.metadata.deletionTimestamp &&
            p.status?.podIP &&
            Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v),
        );
      const ports = ((svc.spec.ports ?? []) as Any[]).map(sp => ({
        sp,
        name: sp.name,
      }));
      const addr = (p: KObject) => ({
        ip: p.status.podIP,
        nodeName: p.spec.nodeName,
        targetRef: {
          kind: 'Pod',
          namespace: ns,
          name: p.metadata.name,
          uid: p.metadata.uid,
        },
      });
      const ready = pods
        .filter(isPodReady)
        .sort((a, b) => a.status.podIP.localeCompare(b.status.podIP));
      const notReady = pods.filter(p => !isPodReady(p));
      const epPorts = (p?: KObject) =>
        ports.map(({ sp }) => {
          const port: Any = {};
          if (sp.name) port.name = sp.name;
          port.port =
            (p ? resolvePort(p, sp.targetPort) : undefined) ??
            (typeof sp.targetPort === 'number' ? sp.targetPort : sp.port);
          port.protocol = sp.protocol ?? 'TCP';
          return port;
        });
      const ep: KObject = {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: {
          name: svc.metadata.name,
          namespace: ns,
          labels: { ...(svc.metadata.labels ?? {}) },
          annotations: {
            'endpoints.kubernetes.io/last-change-trigger-time': now(),
          },
        },
      };
      if (ready.length || notReady.length) {
        const subset: Any = {};
        if (ready.length) subset.addresses = ready.map(addr);
        if (notReady.length) subset.notReadyAddresses = notReady.map(addr);
        subset.ports = epPorts(ready[0] ?? notReady[0]);
        ep.subsets = [subset];
      }
      if (!Object.keys(ep.metadata.labels ?? {}).length)
        delete ep.metadata.labels;
      const existing = store.get('/endpoints', ns, svc.metadata.name!);
      if (!existing) this.o.create(epDef, ns, ep, { manager: CM });
      else if (
        !deepEqual(existing.subsets, ep.subsets) ||
        !deepEqual(existing.metadata.labels, ep.metadata.labels)
      ) {
        const next = toExternal(epDef, clone(existing));
        next.subsets = ep.subsets;
        if (!ep.subsets) delete next.subsets;
        next.metadata.labels = ep.metadata.labels;
        next.metadata.annotations = {
          ...(next.metadata.annotations ?? {}),
          ...ep.metadata.annotations,
        };
        delete next.metadata.resourceVersion;
        this.o.update(epDef, ns, svc.metadata.name!, next, { manager: CM });
      }
      // one EndpointSlice per Service
      const slice = store
        .list('discovery.k8s.io/endpointslices', ns)
        .find(
          s =>
            s.metadata.labels?.['kubernetes.io/service-name'] ===
            svc.metadata.name,
        );
      const endpoints = [...ready, ...notReady].map(p => ({
        addresses: [p.status.podIP],
        conditions: {
          ready: isPodReady(p),
          serving: isPodReady(p),
          terminating: false,
        },
        targetRef: {
          kind: 'Pod',
          namespace: ns,
          name: p.metadata.name,
          uid: p.metadata.uid,
        },
        nodeName: p.spec.nodeName,
      }));
      const body: KObject = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${svc.metadata.name}-`,
          namespace: ns,
          labels: {
            'endpointslice.kubernetes.io/managed-by':
              'endpointslice-controller.k8s.io',
            'kubernetes.io/service-name': svc.metadata.name!,
          },
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Service',
              name: svc.metadata.name!,
              uid: svc.metadata.uid!,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        addressType: 'IPv4',
        endpoints,
        ports: epPorts(ready[0] ?? notReady[0]),
      };
      if (!slice) this.o.create(esDef, ns, body, { manager: CM });
      else if (!deepEqual(slice.endpoints, endpoints)) {
        const next = toExternal(esDef, clone(slice));
        next.endpoints = endpoints;
        next.ports = body.ports;
        delete next.metadata.resourceVersion;
        this.o.update(esDef, ns, slice.metadata.name!, next, { manager: CM });
      }
    }
  }
}
