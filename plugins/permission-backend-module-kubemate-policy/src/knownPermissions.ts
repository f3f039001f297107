import { catalogPermissions } from '@backstage/plugin-catalog-common/alpha';
import { kubernetesPermissions } from '@backstage/plugin-kubernetes-common';
import type { Permission } from '@backstage/plugin-permission-common';
import { scaffolderPermissions } from '@backstage/plugin-scaffolder-common/alpha';
import { kubematePermissions } from '@kubemate/plugin-kubemate-common';

/**
 * Every permission defined by the plugins of a Kubemate portal, taken from the plugins' own
 * packages so a new permission in an upgrade shows up here (and in the policy tests, which
 * require a decision for each). Roles may only name these, so a typo cannot grant nothing
 * silently.
 */
export const KNOWN_PERMISSIONS: readonly Permission[] = [
  ...kubematePermissions,
  ...catalogPermissions,
  ...kubernetesPermissions,
  ...scaffolderPermissions,
];

/** Their names, in the order above, without repeats. */
export const KNOWN_PERMISSION_NAMES: readonly string[] = [
  ...new Set(KNOWN_PERMISSIONS.map(p => p.name)),
];
