import { ObjectService } from '../api/objects';
import { toExternal } from '../api/conversion';
import { clone, now, parseQuantity } from '../util/objects';
import { KObject } from '../util/types';
import { Controller } from './manager';
import { CM, Res } from './util';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** Small controllers: PVC binding, CRD establishment, HPA and ResourceQuota status. */
export class MiscController implements Controller {
  name = 'misc';
  constructor(private readonly o: ObjectService, private readonly res: Res) {}

  reconcile() {
    this.bindClaims();
    this.establishCrds();
    this.hpas();
    this.quotas();
  }

  private writeStatus(
    group: string,
    plural: string,
    obj: KObject,
    status: unknown,
  ) {
    const def = this.res.def(group, plural);
    const next = toExternal(def, clone(obj));
    next.status = status;
    delete next.metadata.resourceVersion;
    this.o.update(def, obj.metadata.namespace, obj.metadata.name!, next, {
      manager: CM,
      subresource: 'status',
    });
  }

  private bindClaims() {
    const pvDef = this.res.def('', 'persistentvolumes');
    const pvcDef = this.res.def('', 'persistentvolumeclaims');
    for (const pvc of this.o.store.list('/persistentvolumeclaims')) {
      if (pvc.status?.phase === 'Bound' || pvc.metadata.deletionTimestamp)
        continue;
      const volume = `pvc-${pvc.metadata.uid}`;
      const storage = pvc.spec?.resources?.requests?.storage ?? '1Gi';
      const sc = pvc.spec?.storageClassName ?? 'standard';
      if (!this.o.store.get('/persistentvolumes', undefined, volume)) {
        this.o.create(
          pvDef,
          undefined,
          {
            apiVersion: 'v1',
            kind: 'PersistentVolume',
            metadata: {
              name: volume,
              annotations: {
                'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path',
              },
              finalizers: ['kubernetes.io/pv-protection'],
            },
            spec: {
              capacity: { storage },
              accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
              claimRef: {
                kind: 'PersistentVolumeClaim',
                namespace: pvc.metadata.namespace,
                name: pvc.metadata.name,
                uid: pvc.metadata.uid,
                apiVersion: 'v1',
              },
              persistentVolumeReclaimPolicy: 'Delete',
              storageClassName: sc,
              volumeMode: 'Filesystem',
              hostPath: {
                path: `/var/local-path-provisioner/${volume}`,
                type: 'DirectoryOrCreate',
              },
            },
            status: { phase: 'Bound' },
          },
          { manager: 'kube-controller-manager' },
        );
      }
      const next = toExternal(pvcDef, clone(pvc));
      next.spec = { ...next.spec, volumeName: volume, storageClassName: sc };
      next.metadata.annotations = {
        ...(next.metadata.annotations ?? {}),
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
      };
      delete next.metadata.resourceVersion;
      const updated = this.o.update(
        pvcDef,
        pvc.metadata.namespace,
        pvc.metadata.name!,
        next,
        { manager: CM },
      );
      this.writeStatus('', 'persistentvolumeclaims', updated, {
        phase: 'Bound',
        accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage },
      });
    }
  }

  private establishCrds() {
    for (const crd of this.o.store.list(
      'apiextensions.k8s.io/customresourcedefinitions',
    )) {
      const conds: Any[] = crd.status?.conditions ?? [];
      if (conds.some(c => c.type === 'Established' && c.status === 'True'))
        continue;
      const ts = now();
      const names = crd.spec?.names ?? {};
      this.writeStatus(
        'apiextensions.k8s.io',
        'customresourcedefinitions',
        crd,
        {
          conditions: [
            {
              type: 'NamesAccepted',
              status: 'True',
              lastTransitionTime: ts,
              reason: 'NoConflicts',
              message: 'no conflicts found',
            },
            {
              type: 'Established',
              status: 'True',
              lastTransitionTime: ts,
              reason: 'InitialNamesAccepted',
              message: 'the initial names have been accepted',
            },
          ],
          acceptedNames: {
            plural: names.plural,
            singular: names.singular,
            shortNames: names.shortNames,
            kind: names.kind,
            listKind: names.listKind ?? `${names.kind}List`,
            categories: names.categories,
          },
          storedVersions: ((crd.spec?.versions ?? []) as Any[])
            .filter(v => v.storage)
            .map(v => v.name),
        },
      );
    }
  }

  private hpas() {
    for (const hpa of this.o.store.list(
      'autoscaling/horizontalpodautoscalers',
    )) {
      const ref = hpa.spec?.scaleTargetRef ?? {};
      const target =
        ref.kind === 'StatefulSet'
          ? this.o.store.get(
              'apps/statefulsets',
              hpa.metadata.namespace,
              ref.name,
            )
          : this.o.store.get(
              'apps/deployments',
              hpa.metadata.namespace,
              ref.name,
            );
      const current = target?.status?.replicas ?? 0;
      const desired = Math.min(
        hpa.spec?.maxReplicas ?? 1,
        Math.max(hpa.spec?.minReplicas ?? 1, current),
      );
      const status: Record<string, unknown> = {
        currentReplicas: current,
        desiredReplicas: desired,
      };
      const cpu = ((hpa.spec?.metrics ?? []) as Any[]).find(
        m => m.type === 'Resource' && m.resource?.name === 'cpu',
      );
      if (cpu && target)
        status.currentMetrics = [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              current: { averageUtilization: 35, averageValue: '35m' },
            },
          },
        ];
      status.conditions = [
        {
          type: 'AbleToScale',
          status: target ? 'True' : 'False',
          lastTransitionTime: hpa.metadata.creationTimestamp,
          reason: target ? 'ReadyForNewScale' : 'FailedGetScale',
          message: target
            ? 'recommended size matches current size'
            : `the HPA controller was unable to get the target's current scale: deployments/scale.apps "${ref.name}" not found`,
        },
      ];
      this.writeStatus('autoscaling', 'horizontalpodautoscalers', hpa, status);
    }
  }

  private quotas() {
    for (const q of this.o.store.list('/resourcequotas')) {
      const hard = (q.spec?.hard ?? {}) as Record<string, string>;
      const pods = this.o.store
        .list('/pods', q.metadata.namespace)
        .filter(
          p => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
        );
      const sum = (kind: 'requests' | 'limits', res: string) =>
        pods.reduce(
          (n, p) =>
            n +
            ((p.spec?.containers ?? []) as Any[]).reduce(
              (m, c) => m + parseQuantity(c.resources?.[kind]?.[res]),
              0,
            ),
          0,
        );
      const fmtCpu = (v: number) => {
        if (v === 0) return '0';
        return Number.isInteger(v) ? String(v) : `${Math.round(v * 1000)}m`;
      };
      const fmtMem = (v: number) =>
        v === 0 ? '0' : `${Math.round(v / 1024 / 1024)}Mi`;
      const used: Record<string, string> = {};
      for (const k of Object.keys(hard)) {
        if (k === 'pods') used[k] = String(pods.length);
        else if (k === 'requests.cpu' || k === 'cpu')
          used[k] = fmtCpu(sum('requests', 'cpu'));
        else if (k === 'limits.cpu') used[k] = fmtCpu(sum('limits', 'cpu'));
        else if (k === 'requests.memory' || k === 'memory')
          used[k] = fmtMem(sum('requests', 'memory'));
        else if (k === 'limits.memory')
          used[k] = fmtMem(sum('limits', 'memory'));
        else if (k === 'services')
          used[k] = String(
            this.o.store.list('/services', q.metadata.namespace).length,
          );
        else if (k === 'configmaps')
          used[k] = String(
            this.o.store.list('/configmaps', q.metadata.namespace).length,
          );
        else if (k === 'secrets')
          used[k] = String(
            this.o.store.list('/secrets', q.metadata.namespace).length,
          );
        else if (k === 'persistentvolumeclaims')
          used[k] = String(
            this.o.store.list('/persistentvolumeclaims', q.metadata.namespace)
              .length,
          );
        else used[k] = '0';
      }
      this.writeStatus('', 'resourcequotas', q, { hard, used });
    }
  }
}
