import type { EntityWorkloadsResponse } from '@kubemate/plugin-kubemate-common';

export interface NamespaceChoices {
  namespace: string;
  services: string[];
  deployments: string[];
}

export interface ClusterChoices {
  cluster: string;
  title?: string;
  namespaces: NamespaceChoices[];
}

/**
 * What a release can bind, from the entity's workloads: per readable cluster and namespace, its
 * Services and Deployments (namespaces with at least a Service and two Deployments).
 */
export function releaseChoices(
  workloads: EntityWorkloadsResponse,
): ClusterChoices[] {
  return workloads.clusters
    .filter(c => c.status === 'ok')
    .map(c => {
      const byNamespace = new Map<string, NamespaceChoices>();
      const entry = (namespace: string) => {
        let found = byNamespace.get(namespace);
        if (!found) {
          found = { namespace, services: [], deployments: [] };
          byNamespace.set(namespace, found);
        }
        return found;
      };
      for (const s of c.resources.services ?? [])
        entry(s.metadata.namespace ?? '').services.push(s.metadata.name);
      for (const d of c.resources.deployments ?? [])
        entry(d.metadata.namespace ?? '').deployments.push(d.metadata.name);
      const namespaces = [...byNamespace.values()]
        .filter(n => n.services.length > 0 && n.deployments.length > 1)
        .map(n => ({
          ...n,
          services: [...n.services].sort(),
          deployments: [...n.deployments].sort(),
        }))
        .sort((a, b) => a.namespace.localeCompare(b.namespace));
      return { cluster: c.cluster, title: c.title, namespaces };
    })
    .filter(c => c.namespaces.length > 0);
}
