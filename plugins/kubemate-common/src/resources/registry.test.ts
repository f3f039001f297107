import { WORKLOAD_RESOURCES } from '../workloads';
import {
  collectionPath,
  RESOURCE_TYPES,
  resourceId,
  resourceOf,
  resourcesOfKind,
} from './registry';

describe('resource registry', () => {
  it('has one entry per group version resource, each apiVersion matching its group and version', () => {
    const ids = RESOURCE_TYPES.map(resourceId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RESOURCE_TYPES) {
      expect(r.apiVersion).toBe(
        r.group ? `${r.group}/${r.version}` : r.version,
      );
      expect(r.plural).toMatch(/^[a-z0-9]+$/);
    }
  });

  it('derives the Workloads tab resources, unique by plural and never optional', () => {
    expect(WORKLOAD_RESOURCES.map(r => r.plural)).toEqual([
      'deployments',
      'statefulsets',
      'daemonsets',
      'replicasets',
      'pods',
      'jobs',
      'cronjobs',
      'services',
      'endpoints',
      'configmaps',
      'secrets',
      'persistentvolumeclaims',
      'horizontalpodautoscalers',
      'events',
    ]);
    expect(WORKLOAD_RESOURCES.some(r => 'optional' in r)).toBe(false);
  });

  it('lists the places of a kind preferred first, and finds an object type', () => {
    expect(resourcesOfKind('IngressRoute').map(r => r.apiVersion)).toEqual([
      'traefik.io/v1alpha1',
      'traefik.containo.us/v1alpha1',
    ]);
    expect(resourcesOfKind('Widget')).toEqual([]);
    expect(resourceOf('linkerd.io/v1alpha2', 'ServiceProfile')?.optional).toBe(
      true,
    );
    expect(resourceId(resourceOf('apps/v1', 'Deployment')!)).toBe(
      'deployments.v1.apps',
    );
    expect(collectionPath(resourceOf('v1', 'Pod')!)).toBe('/api/v1/pods');
    expect(
      collectionPath(resourceOf('gateway.networking.k8s.io/v1', 'Gateway')!),
    ).toBe('/apis/gateway.networking.k8s.io/v1/gateways');
  });
});
