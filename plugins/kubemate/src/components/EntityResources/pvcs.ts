import type { KubeObject } from '@kubemate/plugin-kubemate-common';

type Pvc = KubeObject & {
  spec?: {
    accessModes?: string[];
    storageClassName?: string;
    volumeName?: string;
    resources?: { requests?: { storage?: string } };
  };
  status?: { phase?: string; capacity?: { storage?: string } };
};

type PodVolumes = {
  spec?: {
    volumes?: Array<{ persistentVolumeClaim?: { claimName?: string } }>;
  };
};

/** Pods of the claim's namespace that mount it. */
export function pvcUsers(pvc: KubeObject, pods: KubeObject[]): KubeObject[] {
  return pods.filter(
    p =>
      p.metadata.namespace === pvc.metadata.namespace &&
      ((p as PodVolumes).spec?.volumes ?? []).some(
        v => v.persistentVolumeClaim?.claimName === pvc.metadata.name,
      ),
  );
}

const MODE_SHORT: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

export interface PvcRow {
  id: string;
  name: string;
  namespace: string;
  phase: string;
  /** What is provisioned; the request while the claim is not bound. */
  capacity: string;
  accessModes: string;
  storageClass: string;
  volume: string;
  users: KubeObject[];
  object: KubeObject;
}

export function pvcRow(pvc: KubeObject, pods: KubeObject[]): PvcRow {
  const { spec = {}, status = {} } = pvc as Pvc;
  const requested = spec.resources?.requests?.storage;
  return {
    id: pvc.metadata.uid ?? pvc.metadata.name,
    name: pvc.metadata.name,
    namespace: pvc.metadata.namespace ?? '',
    phase: status.phase ?? 'Unknown',
    capacity:
      status.capacity?.storage ?? (requested ? `${requested} requested` : '—'),
    accessModes:
      (spec.accessModes ?? []).map(m => MODE_SHORT[m] ?? m).join(', ') || '—',
    storageClass: spec.storageClassName ?? '—',
    volume: spec.volumeName || '—',
    users: pvcUsers(pvc, pods),
    object: pvc,
  };
}
