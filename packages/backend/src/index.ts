/*
 * The Kubemate portal backend: Backstage's catalog, scaffolder, Kubernetes plugin, permission
 * framework and guest sign-in, plus the Kubemate backend plugin.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in. The guest provider is for development; production configs add a real provider.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Software catalog, with the example entities from examples/.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-scaffolder-backend'));

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

backend.add(import('@kubemate/plugin-kubemate-backend'));

backend.start();
