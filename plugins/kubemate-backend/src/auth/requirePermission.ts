import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

type Check =
  | { permission: BasicPermission }
  | { permission: ResourcePermission; resourceRef: string };

/** Asks the permission framework; ALLOW is the only yes (conditional answers are not). */
export async function isAllowed(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  check: Check,
): Promise<boolean> {
  const [decision] = await permissions.authorize([check], { credentials });
  return decision.result === AuthorizeResult.ALLOW;
}

/** The one place a route enforces a permission; throws 403 naming what is missing. */
export async function requirePermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  check: Check,
): Promise<void> {
  if (!(await isAllowed(permissions, credentials, check))) {
    const on = 'resourceRef' in check ? ` on '${check.resourceRef}'` : '';
    throw new NotAllowedError(
      `Missing permission '${check.permission.name}'${on}`,
    );
  }
}
