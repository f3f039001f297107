import { ObjectService } from '../api/objects';
import { toExternal } from '../api/conversion';
import { clone, deepEqual } from '../util/objects';
import { KObject } from '../util/types';
import { Controller } from './manager';
import {
  CM,
  EventRecorder,
  Res,
  isPodActive,
  isPodReady,
  ownedBy,
  ownerRef,
} from './util';

/** Builds a Pod from a template the way controllers do (generateName, labels, ownerReference). */
export function podFromTemplate(
  owner: KObject,
  template: KObject | undefined,
  extra: {
    name?: string;
    generateName?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    nodeName?: string;
  } = {},
): KObject {
  const tmpl = clone(template ?? { metadata: {}, spec: {} }) as KObject;
  const meta = tmpl.metadata ?? {};
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(extra.name
        ? { name: extra.name }
        : { generateName: extra.generateName ?? `${owner.metadata.name}-` }),
      namespace: owner.metadata.namespace,
      labels: { ...(meta.labels ?? {}), ...(extra.labels ?? {}) },
      ownerReferences: [ownerRef(owner)],
    },
    spec: tmpl.spec,
  };
  const ann = { ...(meta.annotations ?? {}), ...(extra.annotations ?? {}) };
  if (Object.keys(ann).length) pod.metadata.annotations = ann;
  if (extra.nodeName) pod.spec = { ...pod.spec, nodeName: extra.nodeName };
  return pod;
}

/** ReplicaSet → Pods, with SuccessfulCreate/SuccessfulDelete events and replica status. */
export class ReplicaSetController implements Controller {
  name = 'replicaset';
  constructor(
    private readonly o: ObjectService,
    private readonly res: Res,
    private readonly events: EventRecorder,
  ) {}

  reconcile() {
    const podDef = this.res.def('', 'pods');
    const rsDef = this.res.def('apps', 'replicasets');
    for (const rs of this.o.store.list('apps/replicasets')) {
      if (rs.metadata.deletionTimestamp) continue;
      const ns = rs.metadata.namespace!;
      const pods = ownedBy(this.o.store, '/pods', rs).filter(isPodActive);
      const want: number = rs.spec.replicas ?? 1;
      if (pods.length < want) {
        for (let i = pods.length; i < want; i++) {
          try {
            const p = this.o.create(
              podDef,
              ns,
              podFromTemplate(rs, rs.spec.template),
              { manager: CM },
            );
            this.events.record(
              rs,
              'Normal',
              'SuccessfulCreate',
              `Created pod: ${p.metadata.name}`,
              'replicaset-controller',
            );
          } catch {
            break;
          }
        }
      } else if (pods.length > want) {
        // delete the least useful first: not scheduled, not ready, newest
        const rank = (p: KObject) =>
          (p.spec.nodeName ? 2 : 0) + (isPodReady(p) ? 4 : 0);
        const victims = [...pods]
          .sort(
            (a, b) =>
              rank(a) - rank(b) ||
              String(b.metadata.creationTimestamp).localeCompare(
                String(a.metadata.creationTimestamp),
              ),
          )
          .slice(0, pods.length - want);
        for (const v of victims) {
          this.o.delete(podDef, ns, v.metadata.name!, {});
          this.events.record(
            rs,
            'Normal',
            'SuccessfulDelete',
            `Deleted pod: ${v.metadata.name}`,
            'replicaset-controller',
          );
        }
      }
      const all = ownedBy(this.o.store, '/pods', rs).filter(isPodActive);
      const ready = all.filter(isPodReady).length;
      const status: Record<string, unknown> = { replicas: all.length };
      const labelsMatch = all.filter(p =>
        Object.entries(rs.spec.template?.metadata?.labels ?? {}).every(
          ([k, v]) => p.metadata.labels?.[k] === v,
        ),
      ).length;
      if (labelsMatch) status.fullyLabeledReplicas = labelsMatch;
      if (ready) status.readyReplicas = ready;
      if (ready) status.availableReplicas = ready;
      status.observedGeneration = rs.metadata.generation;
      const cur = this.o.store.get('apps/replicasets', ns, rs.metadata.name!);
      if (!cur || deepEqual(cur.status, status)) continue;
      const next = toExternal(rsDef, clone(cur));
      next.status = status;
      delete next.metadata.resourceVersion;
      this.o.update(rsDef, ns, rs.metadata.name!, next, {
        manager: CM,
        subresource: 'status',
      });
    }
  }
}
