export interface Config {
  /** Kubemate: Kubernetes workload management, routing, canaries and inspection. */
  kubemate?: {
    /**
     * The default Kubemate permission policy
     * (`@kubemate/plugin-permission-backend-module-kubemate-policy`). Validated at startup; a bad
     * key stops the backend with a message naming it. Requires `permission.enabled: true`.
     */
    permissionPolicy?: {
      /**
       * The answer for permissions that are not Kubemate permissions (names not starting with
       * `kubemate.`: catalog, scaffolder, ...). Default `allow`, so the rest of Backstage keeps
       * working. Kubemate permissions no role grants are always denied.
       */
      defaultDecision?: 'allow' | 'deny';
      /** Roles: a set of Kubemate permissions granted to groups and users. */
      roles?: Array<{
        /** Unique, non-empty role name (shown in logs). */
        name: string;
        /**
         * Kubemate permission names (e.g. `kubemate.workload.scale`) or wildcard patterns
         * (e.g. `kubemate.workload.*`, `kubemate.*`). Unknown names and patterns that match
         * no Kubemate permission are rejected.
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
