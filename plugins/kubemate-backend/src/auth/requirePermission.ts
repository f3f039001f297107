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

/**
 * Asks the permission framework about several checks in one round trip; ALLOW is the only yes
 * (conditional answers are not).
 */
export async function decide(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  checks: Check[],
): Promise<boolean[]> {
  const decisions = await permissions.authorize(checks, { credentials });
  return decisions.map(d => d.result === AuthorizeResult.ALLOW);
}

export async function isAllowed(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  check: Check,
): Promise<boolean> {
  const [allowed] = await decide(permissions, credentials, [check]);
  return allowed;
}

/** The 403 for a check that was refused, naming what is missing. */
export function notAllowed(check: Check): NotAllowedError {
  const on = 'resourceRef' in check ? ` on '${check.resourceRef}'` : '';
  return new NotAllowedError(
    `Missing permission '${check.permission.name}'${on}`,
  );
}

/**
 * The one place a route enforces a single permission. `onDenied` sees the 403 before it is
 * thrown, so a refused attempt can be audited.
 */
export async function requirePermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  check: Check,
  onDenied?: (error: NotAllowedError) => Promise<void>,
): Promise<void> {
  if (!(await isAllowed(permissions, credentials, check))) {
    const error = notAllowed(check);
    await onDenied?.(error);
    throw error;
  }
}
