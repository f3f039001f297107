import {
  resourcesOfKind,
  type KubeObject,
} from '@kubemate/plugin-kubemate-common';
import type { ClusterWatchCache } from '../clusters/ClusterWatchCache';
import { comparableYaml } from '../kube/comparableYaml';
import type { OnboardingConfig } from './onboardingConfig';
import {
  LIMITS_NAME,
  QUOTA_NAME,
  withTraefikEntryPoint,
} from './onboardingPlan';

const QUOTA = resourcesOfKind('ResourceQuota')[0];
const LIMITS = resourcesOfKind('LimitRange')[0];
const DEPLOYMENT = resourcesOfKind('Deployment')[0];
const SERVICE = resourcesOfKind('Service')[0];

/** What the watch caches must hold for `missingOfOnboarded`. */
export const ONBOARDING_CHECK_RESOURCES = [QUOTA, LIMITS, DEPLOYMENT, SERVICE];

/**
 * What an onboarded namespace lacks of what onboarding makes (someone deleted or changed it):
 * the owner, its quota and limits, its gateway port and the Traefik entryPoint on that port.
 * Running onboarding again restores them.
 */
export function missingOfOnboarded(input: {
  cache: ClusterWatchCache;
  namespace: KubeObject;
  owner?: string;
  port?: number;
  config?: OnboardingConfig;
}): string[] {
  const { cache, port, config } = input;
  const name = input.namespace.metadata.name;
  const missing: string[] = [];
  if (!input.owner) missing.push('an owner group (kubemate.io/owner)');
  if (!cache.get(QUOTA, name, QUOTA_NAME)) {
    missing.push(`ResourceQuota ${QUOTA_NAME}`);
  }
  if (!cache.get(LIMITS, name, LIMITS_NAME)) {
    missing.push(`LimitRange ${LIMITS_NAME}`);
  }
  if (port === undefined) {
    missing.push('a gateway port allocation');
  } else if (config) {
    const { traefik } = config;
    for (const [resource, objectName] of [
      [DEPLOYMENT, traefik.deployment],
      [SERVICE, traefik.service],
    ] as const) {
      const object = cache.get(resource, traefik.namespace, objectName);
      const wanted = object && withTraefikEntryPoint(object, name, port);
      if (!object || comparableYaml(wanted) !== comparableYaml(object)) {
        missing.push(
          `the Traefik entryPoint ${name} on port ${port} (${resource.kind} ${traefik.namespace}/${objectName})`,
        );
      }
    }
  }
  return missing;
}
