import type { ServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { kubematePlugin } from '../plugin';

/** Test-only: no scheduled inspection run during a test. */
export const NO_SCHEDULE = {
  frequency: { hours: 24 },
  timeout: { minutes: 10 },
  initialDelay: { hours: 1 },
};

/**
 * Test-only: the kubemate plugin with the given Kubernetes clusters, catalog entities and
 * `kubemate` config; a failed inspection fetch is retried after 50 ms instead of 5 s.
 * Everything is allowed unless `permissions` says otherwise.
 */
export function startInspectionBackend(options: {
  clusters: object[];
  kubemate?: JsonObject;
  entities?: object[];
  permissions?: ServiceFactory;
  /** More service factories, e.g. a database shared by two backends (replicas). */
  features?: ServiceFactory[];
}) {
  const kubemate = options.kubemate ?? {};
  return startTestBackend({
    features: [
      kubematePlugin,
      catalogServiceMock.factory({
        entities: (options.entities ?? []) as never,
      }),
      ...(options.permissions ? [options.permissions] : []),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              { type: 'config', clusters: options.clusters },
            ],
          },
          kubemate: {
            // As app-config.yaml: the one seeded namespace without an owner label.
            tenancy: {
              namespaces: [{ namespace: 'erp-finance', owner: 'team-erp' }],
            },
            ...kubemate,
            inspection: {
              retryDelayMs: 50,
              ...((kubemate.inspection as JsonObject | undefined) ?? {}),
            },
          },
        },
      }),
    ],
  });
}
