import { createRouteRef } from '@backstage/core-plugin-api';

/** Root of the Kubemate page in a legacy app. */
export const rootRouteRef = createRouteRef({ id: 'kubemate' });
