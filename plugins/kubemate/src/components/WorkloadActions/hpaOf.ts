import type {
  ClusterWorkloads,
  KubeObject,
} from '@kubemate/plugin-kubemate-common';

/** The HPA that scales a workload, among the entity's HPAs in its cluster. */
export function hpaOf(
  resources: ClusterWorkloads['resources'],
  object: KubeObject,
): KubeObject | undefined {
  return resources.horizontalpodautoscalers.find(h => {
    const target = (
      h.spec as { scaleTargetRef?: { kind?: string; name?: string } }
    )?.scaleTargetRef;
    return (
      h.metadata.namespace === object.metadata.namespace &&
      target?.kind === object.kind &&
      target?.name === object.metadata.name
    );
  });
}
