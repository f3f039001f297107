import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import type { kubemateWorkloadReadPermission } from '@kubemate/plugin-kubemate-common';

/** Whether the user holds a workload permission on the entity of the page. */
export function useEntityPermission(
  permission: typeof kubemateWorkloadReadPermission,
): boolean {
  const { entity } = useEntity();
  return usePermission({
    permission,
    resourceRef: stringifyEntityRef(entity),
  }).allowed;
}
