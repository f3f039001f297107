export interface Config {
  /** Kubemate: Kubernetes workload management and cluster inspection. */
  kubemate?: {
    /**
     * The default Kubemate permission policy
     * (`@kubemate/plugin-permission-backend-module-kubemate-policy`). Validated at startup; a bad
     * key stops the backend with a message naming it. Requires `permission.enabled: true`.
     */
    permissionPolicy?: {
      /**
       * The answer for a permission no role grants. Default `deny`. `allow` applies only to
       * permissions of other plugins (catalog, scaffolder, ...): Kubemate permissions no role
       * grants are always denied, and so is everything for a caller that is not a signed-in user.
       */
      defaultDecision?: 'allow' | 'deny';
      /** Roles: a set of permissions granted to groups, users or every signed-in user. */
      roles?: Array<{
        /** Unique, non-empty role name (shown in logs). */
        name: string;
        /**
         * Permission names of the portal's plugins (Kubemate, catalog, Kubernetes, scaffolder;
         * e.g. `kubemate.workload.scale`, `catalog.entity.read`) or wildcard patterns (e.g.
         * `kubemate.workload.*`, `catalog.*`). Unknown names and patterns that match no known
         * permission are rejected.
         */
        permissions: string[];
        /**
         * Groups holding the role, as entity refs (`group:default/team-banking`) or the short
         * form `team-banking` (kind `group`, namespace `default`). Matched against the
         * caller's ownership refs, i.e. the groups the signed-in user is a member of.
         */
        groups?: string[];
        /**
         * Users holding the role, as entity refs (`user:default/guest`) or the short form
         * `guest` (kind `user`, namespace `default`).
         */
        users?: string[];
        /** When true, every signed-in user holds the role (e.g. catalog reads). Default false. */
        everyone?: boolean;
        /**
         * When true, the role's permissions only apply to catalog entities the caller owns
         * (the catalog's `isEntityOwner` condition). Has no effect on permissions that are not
         * about an entity (`kubemate.cluster.read`, `kubemate.audit.read`,
         * `kubemate.inspection.*`, `kubemate.risk.ignore`): such a role does not grant them.
         * Default false.
         */
        ownedEntitiesOnly?: boolean;
      }>;
    };
  };
}
