import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { ServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startSimulator, type Simulator } from '@kubemate/kube-simulator';
import {
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import path from 'node:path';
import { kubematePlugin } from '../plugin';

/** Test-only: the demo cluster of examples/cluster, with fast controllers. */
export async function startSeededSimulator(): Promise<Simulator> {
  const sim = await startSimulator({
    port: 0,
    seed: [path.resolve(__dirname, '../../../../examples/cluster')],
    controllers: { startDelayMs: 10, scheduleDelayMs: 10, tickMs: 20 },
  });
  await sim.reconcileNow();
  await sim.reconcileNow();
  await waitForSettledWorkloads(sim);
  return sim;
}

/**
 * Test-only: waits until the controllers stop rewriting Deployments and StatefulSets (their
 * resourceVersions hold still for a while), so a test that reads an object and then writes it
 * back does not race a status update from the rollout that seeding started.
 */
async function waitForSettledWorkloads(
  sim: Simulator,
  timeoutMs = 20_000,
): Promise<void> {
  const signature = () =>
    ['apps/deployments', 'apps/statefulsets']
      .flatMap(key =>
        sim.store
          .list(key)
          .map(o => `${o.metadata.uid}@${o.metadata.resourceVersion}`),
      )
      .sort()
      .join(',');
  const deadline = Date.now() + timeoutMs;
  let last = signature();
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 100));
    const now = signature();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 600) {
      return;
    }
  }
  throw new Error(`simulator workloads still changing after ${timeoutMs} ms`);
}

export const testComponent = (
  name: string,
  annotations: Record<string, string>,
  system?: string,
  owner = 'team-banking',
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner,
    ...(system ? { system } : {}),
  },
});

/** Test-only: a component mapped by `backstage.io/kubernetes-id=<name>`, as the seed labels them. */
export const componentWithId = (name: string) =>
  testComponent(name, { 'backstage.io/kubernetes-id': name });

/** Test-only: the seeded Deployment of accounts-service, as a workload target. */
export const ACCOUNTS_DEPLOYMENT = {
  cluster: 'sim',
  namespace: 'bank-core',
  kind: 'Deployment',
  name: 'accounts-service',
};

/** Test-only: a permission service that allows everything except the named permissions. */
export const permissionsDenying = (...denied: string[]) =>
  mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: denied.includes(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
  }).factory;

/** Test-only: a backend with the Kubemate plugin pointed at the simulator (and extra clusters). */
/** Test-only: the simulator as a `kubernetes.clusterLocatorMethods` entry named `sim`. */
export const simulatorClusterConfig = (sim: Simulator) => ({
  name: 'sim',
  url: sim.url,
  authProvider: 'serviceAccount',
  serviceAccountToken: sim.token,
  skipTLSVerify: true,
});

/** Test-only: the `kubernetes` config block of the simulator plus any other clusters. */
export const simulatorKubernetesConfig = (
  sim: Simulator,
  extraClusters: object[] = [],
) => ({
  clusterLocatorMethods: [
    {
      type: 'config',
      clusters: [simulatorClusterConfig(sim), ...extraClusters],
    },
  ],
});

export function startKubemateBackend(options: {
  sim: Simulator;
  entities: object[];
  permissions?: ServiceFactory;
  extraClusters?: object[];
  features?: ServiceFactory[];
  /** Replaces the in-memory catalog of `entities` (e.g. one that fails). */
  catalog?: ServiceFactory;
  /** More `kubemate` config. */
  kubemate?: Record<string, unknown>;
}) {
  return startTestBackend({
    features: [
      kubematePlugin,
      options.catalog ??
        catalogServiceMock.factory({ entities: options.entities as never }),
      options.permissions ?? permissionsDenying(),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: simulatorKubernetesConfig(
            options.sim,
            options.extraClusters,
          ),
          kubemate: {
            workloads: { syncTimeoutMs: 5000 },
            // As app-config.yaml: the one seeded namespace without an owner label.
            tenancy: {
              namespaces: [{ namespace: 'erp-finance', owner: 'team-erp' }],
            },
            ...options.kubemate,
          },
        },
      }),
    ],
  });
}

/**
 * Test-only: a spec change of a simulator Deployment (an annotation of its pod template), as a
 * user's `kubectl patch` would make it; `metadata.generation` moves.
 */
export async function patchDeploymentTemplate(
  sim: Simulator,
  namespace: string,
  name: string,
  value: string,
): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  await kc.makeApiClient(KubernetesObjectApi).patch(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace },
      spec: {
        template: { metadata: { annotations: { 'kubemate.io/test': value } } },
      },
    },
    undefined,
    undefined,
    undefined,
    undefined,
    PatchStrategy.MergePatch,
  );
}
