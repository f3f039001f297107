/*
 * The Kubemate portal backend: Backstage's catalog, scaffolder, Kubernetes plugin, permission
 * framework and sign-in (guest and OpenID Connect), plus the Kubemate backend plugin.
 */
import { createBackend } from '@backstage/backend-defaults';
import { catalogModuleKubemateCreatedEntities } from '@kubemate/plugin-kubemate-backend';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in. The guest provider is for development; production configs add a real provider.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// OpenID Connect (auth.providers.oidc). In development it signs the demo users in through the
// local provider of packages/dev-oidc (docs/admin-guide.md#demo-sign-in); in production, through
// your identity provider.
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));

// Software catalog, with the example entities from examples/.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
// Kubemate's template actions (namespace onboarding, manifests, routes), run as the template's user.
backend.add(import('@kubemate/plugin-scaffolder-backend-module-kubemate'));

// Permission framework. Every Kubemate mutation is checked through it.
backend.add(import('@backstage/plugin-permission-backend'));
// Kubemate's default policy: roles from app-config (kubemate.permissionPolicy) granted to groups.
backend.add(
  import('@kubemate/plugin-permission-backend-module-kubemate-policy'),
);

// Backstage's own Kubernetes plugin reads the same kubernetes.* config as Kubemate.
backend.add(import('@backstage/plugin-kubernetes-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// Notifications: Kubemate tells an entity's owners when a release waits, is promoted or aborted.
backend.add(import('@backstage/plugin-notifications-backend'));

backend.add(import('@kubemate/plugin-kubemate-backend'));
// Components of apps created by templates, served to the catalog without an SCM repository.
backend.add(catalogModuleKubemateCreatedEntities);

backend.start();
