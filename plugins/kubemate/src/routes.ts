import { createRouteRef } from '@backstage/core-plugin-api';

/** Root of the Kubemate page in a legacy app. */
export const rootRouteRef = createRouteRef({ id: 'kubemate' });

/** The cluster inspection page (fleet view, runs, rules, profiles) in a legacy app. */
export const inspectionRouteRef = createRouteRef({ id: 'kubemate-inspection' });

/** The platform admin console (nodes, events, namespaces, YAML, audit log) in a legacy app. */
export const adminRouteRef = createRouteRef({ id: 'kubemate-admin' });

/** Releases across the fleet and each release's page; mount it on `/kubemate/releases`. */
export const releasesRouteRef = createRouteRef({ id: 'kubemate-releases' });

/** Probes across the fleet (`?probe=<id>` selects one); mount it on `/kubemate/probes`. */
export const probesRouteRef = createRouteRef({ id: 'kubemate-probes' });
