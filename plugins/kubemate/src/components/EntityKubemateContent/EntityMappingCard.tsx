import {
  InfoCard,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { resolveEntityMapping } from '@kubemate/plugin-kubemate-common';

/** How this entity maps onto clusters, namespaces and workloads, resolved from its annotations. */
export function EntityMappingCard() {
  const { entity } = useEntity();
  const mapping = resolveEntityMapping(entity.metadata.annotations);
  if (!mapping) {
    return (
      <WarningPanel
        title="This entity is not mapped to Kubernetes workloads"
        message="Add backstage.io/kubernetes-id (workloads labelled backstage.io/kubernetes-id=<id>), backstage.io/kubernetes-label-selector, or kubemate.io/workloads to its catalog-info.yaml."
      />
    );
  }
  const all = (values: string[], what: string) =>
    values.length ? values.join(', ') : `all ${what}`;
  return (
    <InfoCard title="Kubernetes mapping">
      <StructuredMetadataTable
        metadata={{
          'Label selector': mapping.labelSelector ?? '—',
          Namespaces: all(mapping.namespaces, 'namespaces'),
          Clusters: all(mapping.clusters, 'clusters'),
          'Named workloads': mapping.workloads.length
            ? mapping.workloads.join(', ')
            : '—',
        }}
      />
    </InfoCard>
  );
}
