import { usePermission } from '@backstage/plugin-permission-react';
import { kubemateAdminReadPermission } from '@kubemate/plugin-kubemate-common';
import type { ReactNode } from 'react';

/**
 * Its children only for users with kubemate.admin.read (nothing while the decision loads): for
 * the admin console's sidebar item, which others do not see.
 */
export function IfKubemateAdmin(props: { children?: ReactNode }) {
  const { allowed } = usePermission({
    permission: kubemateAdminReadPermission,
  });
  return allowed ? <>{props.children}</> : null;
}
