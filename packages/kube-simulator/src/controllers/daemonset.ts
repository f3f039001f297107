import { ObjectService } from '../api/objects';
import { toExternal } from '../api/conversion';
import { clone } from '../util/objects';
import { Controller } from './manager';
import { podFromTemplate } from './replicaset';
import { ensureRevision } from './revisions';
import {
  CM,
  EventRecorder,
  Res,
  isPodActive,
  isPodReady,
  ownedBy,
} from './util';

/** DaemonSet → one pod per matching node, replaced when the template revision changes. */
export class DaemonSetController implements Controller {
  name = 'daemonset';
  constructor(
    private readonly o: ObjectService,
    private readonly res: Res,
    private readonly events: EventRecorder,
  ) {}

  reconcile() {
    const podDef = this.res.def('', 'pods');
    const dsDef = this.res.def('apps', 'daemonsets');
    const nodes = this.o.store.list('/nodes');
    for (const ds of this.o.store.list('apps/daemonsets')) {
      if (ds.metadata.deletionTimestamp) continue;
      const ns = ds.metadata.namespace!;
      const rev = ensureRevision(this.o, this.res, ds);
      const sel = (ds.spec.template?.spec?.nodeSelector ?? {}) as Record<
        string,
        string
      >;
      const targets = nodes.filter(n =>
        Object.entries(sel).every(([k, v]) => n.metadata.labels?.[k] === v),
      );
      const pods = ownedBy(this.o.store, '/pods', ds).filter(isPodActive);
      for (const n of targets) {
        const nodeName = n.metadata.name!;
        const onNode = pods.filter(
          p =>
            p.spec?.nodeName === nodeName ||
            p.spec?.affinity?.nodeAffinity
              ?.requiredDuringSchedulingIgnoredDuringExecution
              ?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0] ===
              nodeName,
        );
        if (onNode.length === 0) {
          const pod = podFromTemplate(ds, ds.spec.template, {
            labels: {
              'controller-revision-hash': rev.hash,
              'pod-template-generation': String(ds.metadata.generation ?? 1),
            },
            nodeName,
          });
          pod.spec.affinity = {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  {
                    matchFields: [
                      {
                        key: 'metadata.name',
                        operator: 'In',
                        values: [nodeName],
                      },
                    ],
                  },
                ],
              },
            },
          };
          const created = this.o.create(podDef, ns, pod, { manager: CM });
          this.events.record(
            ds,
            'Normal',
            'SuccessfulCreate',
            `Created pod: ${created.metadata.name}`,
            'daemonset-controller',
          );
        } else {
          const stale = onNode.find(
            p => p.metadata.labels?.['controller-revision-hash'] !== rev.hash,
          );
          if (stale && ds.spec.updateStrategy?.type !== 'OnDelete') {
            this.o.delete(podDef, ns, stale.metadata.name!, {});
            this.events.record(
              ds,
              'Normal',
              'SuccessfulDelete',
              `Deleted pod: ${stale.metadata.name}`,
              'daemonset-controller',
            );
          }
        }
      }
      const live = ownedBy(this.o.store, '/pods', ds).filter(isPodActive);
      const ready = live.filter(isPodReady).length;
      const updated = live.filter(
        p => p.metadata.labels?.['controller-revision-hash'] === rev.hash,
      ).length;
      const cur = this.o.store.get('apps/daemonsets', ns, ds.metadata.name!);
      if (!cur) continue;
      const next = toExternal(dsDef, clone(cur));
      const status: Record<string, unknown> = {
        currentNumberScheduled: live.length,
        numberMisscheduled: 0,
        desiredNumberScheduled: targets.length,
        numberReady: ready,
        observedGeneration: cur.metadata.generation,
      };
      if (updated) status.updatedNumberScheduled = updated;
      if (ready) status.numberAvailable = ready;
      if (targets.length - ready > 0)
        status.numberUnavailable = targets.length - ready;
      next.status = status;
      delete next.metadata.resourceVersion;
      this.o.update(dsDef, ns, ds.metadata.name!, next, {
        manager: CM,
        subresource: 'status',
      });
    }
  }
}
