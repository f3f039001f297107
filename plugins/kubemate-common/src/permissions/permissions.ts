import { createPermission } from '@backstage/plugin-permission-common';

/** See the configured clusters and whether they answer. */
export const kubemateClusterReadPermission = createPermission({
  name: 'kubemate.cluster.read',
  attributes: { action: 'read' },
});

/** Every permission Kubemate defines, for registration with the permission framework. */
export const kubematePermissions = [kubemateClusterReadPermission];
