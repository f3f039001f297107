import type { Config } from '@backstage/config';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { CATALOG_ENTITY_RESOURCE_TYPE } from '@kubemate/plugin-kubemate-common';
import {
  KUBEMATE_PERMISSION_PREFIX,
  parsePolicyConfig,
  readPolicyConfig,
  type KubemateRole,
  type KubematePolicyConfig,
} from './config';

/**
 * The default permission policy of a Kubemate portal: roles from `kubemate.permissionPolicy`
 * grant permissions of any of the portal's plugins to groups, users or every signed-in user;
 * a permission no role grants gets `defaultDecision` (deny by default; Kubemate's own are
 * always denied).
 *
 * @public
 */
export class KubematePermissionPolicy implements PermissionPolicy {
  /** Builds the policy from the root config; throws naming the bad key when invalid. */
  static fromConfig(config: Config): KubematePermissionPolicy {
    return new KubematePermissionPolicy(readPolicyConfig(config));
  }

  /** Builds the policy from the raw `kubemate.permissionPolicy` value (handy in tests). */
  static fromRaw(raw: unknown): KubematePermissionPolicy {
    return new KubematePermissionPolicy(parsePolicyConfig(raw));
  }

  constructor(private readonly options: KubematePolicyConfig) {}

  /** The validated configuration in use. */
  get config(): KubematePolicyConfig {
    return this.options;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    // No user: an unauthenticated ('none') caller. Service principals never reach the policy
    // (the permissions service allows service-to-service calls before asking it; external
    // access tokens are narrowed by their `accessRestrictions` instead).
    // `info` is the only place the framework passes the ownership refs to a policy today.
    const info = user?.info;
    const claims = info?.ownershipEntityRefs ?? [];
    if (!info || claims.length === 0) {
      return { result: AuthorizeResult.DENY };
    }

    const held = this.rolesOf(info.userEntityRef, claims).filter(role =>
      role.grants(permission.name),
    );
    if (held.some(role => !role.ownedEntitiesOnly)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      held.length > 0 &&
      isResourcePermission(permission, CATALOG_ENTITY_RESOURCE_TYPE)
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (held.length > 0) {
      // Only ownedEntitiesOnly roles grant it, and it is not about an entity: not granted.
      return { result: AuthorizeResult.DENY };
    }
    // No role mentions it. Kubemate's own permissions are never granted by default.
    return {
      result:
        this.options.defaultDecision === 'allow' &&
        !permission.name.startsWith(KUBEMATE_PERMISSION_PREFIX)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    };
  }

  /** Roles whose groups or users include one of the caller's refs. */
  private rolesOf(userEntityRef: string, claims: string[]): KubemateRole[] {
    const refs = new Set(
      [userEntityRef, ...claims].map(ref => ref.toLocaleLowerCase('en-US')),
    );
    return this.options.roles.filter(
      role =>
        role.everyone ||
        role.groups.some(g => refs.has(g)) ||
        role.users.some(u => refs.has(u)),
    );
  }
}
