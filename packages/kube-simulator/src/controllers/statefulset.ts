import { ObjectService } from '../api/objects';
import { toExternal } from '../api/conversion';
import { clone } from '../util/objects';
import { KObject } from '../util/types';
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

/** StatefulSet → ordered pods `<name>-N`, PVCs from volumeClaimTemplates, rolling updates by revision. */
export class StatefulSetController implements Controller {
  name = 'statefulset';
  constructor(
    private readonly o: ObjectService,
    private readonly res: Res,
    private readonly events: EventRecorder,
  ) {}

  reconcile() {
    const podDef = this.res.def('', 'pods');
    const pvcDef = this.res.def('', 'persistentvolumeclaims');
    const stsDef = this.res.def('apps', 'statefulsets');
    for (const sts of this.o.store.list('apps/statefulsets')) {
      if (sts.metadata.deletionTimestamp) continue;
      const ns = sts.metadata.namespace!;
      const name = sts.metadata.name!;
      const rev = ensureRevision(this.o, this.res, sts);
      const replicas: number = sts.spec.replicas ?? 1;
      const pods = ownedBy(this.o.store, '/pods', sts).filter(isPodActive);
      const byOrdinal = new Map<number, KObject>();
      for (const p of pods)
        byOrdinal.set(Number(p.metadata.name!.slice(name.length + 1)), p);
      const parallel = sts.spec.podManagementPolicy === 'Parallel';
      for (let i = 0; i < replicas; i++) {
        const existing = byOrdinal.get(i);
        if (existing) {
          if (!parallel && !isPodReady(existing)) break;
          continue;
        }
        const podName = `${name}-${i}`;
        if (this.o.store.get('/pods', ns, podName)) break; // still terminating
        for (const t of (sts.spec.volumeClaimTemplates ?? []) as KObject[]) {
          const claim = `${t.metadata.name}-${podName}`;
          if (!this.o.store.get('/persistentvolumeclaims', ns, claim)) {
            this.o.create(
              pvcDef,
              ns,
              {
                apiVersion: 'v1',
                kind: 'PersistentVolumeClaim',
                metadata: {
                  name: claim,
                  labels: { ...(sts.spec.selector?.matchLabels ?? {}) },
                },
                spec: clone(t.spec),
              },
              { manager: CM },
            );
            this.events.record(
              sts,
              'Normal',
              'SuccessfulCreate',
              `create Claim ${claim} Pod ${podName} in StatefulSet ${name} success`,
              'statefulset-controller',
            );
          }
        }
        const pod = podFromTemplate(sts, sts.spec.template, {
          name: podName,
          labels: {
            'controller-revision-hash': rev.name,
            'statefulset.kubernetes.io/pod-name': podName,
            'apps.kubernetes.io/pod-index': String(i),
          },
        });
        pod.spec.hostname = podName;
        if (sts.spec.serviceName) pod.spec.subdomain = sts.spec.serviceName;
        const vols = ((sts.spec.volumeClaimTemplates ?? []) as KObject[]).map(
          t => ({
            name: t.metadata.name,
            persistentVolumeClaim: {
              claimName: `${t.metadata.name}-${podName}`,
            },
          }),
        );
        if (vols.length)
          pod.spec.volumes = [...(pod.spec.volumes ?? []), ...vols];
        this.o.create(podDef, ns, pod, { manager: CM });
        this.events.record(
          sts,
          'Normal',
          'SuccessfulCreate',
          `create Pod ${podName} in StatefulSet ${name} successful`,
          'statefulset-controller',
        );
        if (!parallel) break;
      }
      // scale down from the highest ordinal
      const extra = [...byOrdinal.entries()]
        .filter(([i]) => i >= replicas)
        .sort((a, b) => b[0] - a[0]);
      if (extra.length) {
        const [, p] = extra[0];
        this.o.delete(podDef, ns, p.metadata.name!, {});
        this.events.record(
          sts,
          'Normal',
          'SuccessfulDelete',
          `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`,
          'statefulset-controller',
        );
      } else {
        // rolling update: replace the highest-ordinal pod still on an old revision, one at a time
        const all = [...byOrdinal.entries()].sort((a, b) => b[0] - a[0]);
        const allReady = all.every(([, p]) => isPodReady(p));
        const stale = all.find(
          ([, p]) =>
            p.metadata.labels?.['controller-revision-hash'] !== rev.name,
        );
        if (stale && allReady && sts.spec.updateStrategy?.type !== 'OnDelete') {
          this.o.delete(podDef, ns, stale[1].metadata.name!, {});
        }
      }
      const live = ownedBy(this.o.store, '/pods', sts).filter(isPodActive);
      const ready = live.filter(isPodReady).length;
      const updated = live.filter(
        p => p.metadata.labels?.['controller-revision-hash'] === rev.name,
      ).length;
      const cur = this.o.store.get('apps/statefulsets', ns, name);
      if (!cur) continue;
      const next = toExternal(stsDef, clone(cur));
      const status: Record<string, unknown> = {
        observedGeneration: cur.metadata.generation,
        replicas: live.length,
        currentReplicas:
          updated === live.length ? live.length : live.length - updated,
        updatedReplicas: updated,
        currentRevision:
          updated === live.length
            ? rev.name
            : cur.status?.currentRevision ?? rev.name,
        updateRevision: rev.name,
        collisionCount: 0,
        availableReplicas: ready,
      };
      if (ready) status.readyReplicas = ready;
      next.status = status;
      delete next.metadata.resourceVersion;
      this.o.update(stsDef, ns, name, next, {
        manager: CM,
        subresource: 'status',
      });
    }
  }
}
