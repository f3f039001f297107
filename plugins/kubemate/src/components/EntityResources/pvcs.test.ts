import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { pvcRow, pvcUsers } from './pvcs';

const pvc: KubeObject = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'ns', uid: 'c1' },
  spec: {
    accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
    storageClassName: 'fast',
    volumeName: 'pvc-123',
    resources: { requests: { storage: '10Gi' } },
  },
  status: { phase: 'Bound', capacity: { storage: '10Gi' } },
};

const pod = (name: string, claim: string, namespace = 'ns'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace },
  spec: {
    volumes: [
      { name: 'tmp', emptyDir: {} },
      { name: 'v', persistentVolumeClaim: { claimName: claim } },
    ],
  },
});

describe('pvcUsers', () => {
  it('finds the pods of the namespace mounting the claim', () => {
    const users = pvcUsers(pvc, [
      pod('db-0', 'data'),
      pod('other', 'logs'),
      pod('elsewhere', 'data', 'other-ns'),
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'no-volumes', namespace: 'ns' },
      },
    ]);
    expect(users.map(p => p.metadata.name)).toEqual(['db-0']);
  });
});

describe('pvcRow', () => {
  it('shows phase, capacity, short access modes, class and bound volume', () => {
    expect(pvcRow(pvc, [])).toMatchObject({
      phase: 'Bound',
      capacity: '10Gi',
      accessModes: 'RWO, ROX',
      storageClass: 'fast',
      volume: 'pvc-123',
    });
  });

  it('shows the request of a pending claim', () => {
    const pending = {
      ...pvc,
      spec: { resources: { requests: { storage: '5Gi' } } },
      status: { phase: 'Pending' },
    };
    expect(pvcRow(pending, [])).toMatchObject({
      phase: 'Pending',
      capacity: '5Gi requested',
      volume: '—',
      storageClass: '—',
    });
  });
});
