import { createRouteRef } from '@backstage/core-plugin-api';

/** Root of the Kubemate page in a legacy app. */
export const rootRouteRef = createRouteRef({ id: 'kubemate' });

/** The cluster inspection page (fleet view, runs, rules, profiles) in a legacy app. */
export const inspectionRouteRef = createRouteRef({ id: 'kubemate-inspection' });
