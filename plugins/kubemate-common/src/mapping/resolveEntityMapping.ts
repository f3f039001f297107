import {
  ANNOTATION_KUBEMATE_NAMESPACES,
  ANNOTATION_KUBEMATE_WORKLOADS,
  ANNOTATION_KUBERNETES_CLUSTER,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  LABEL_KUBERNETES_ID,
} from './annotations';

/** Where an entity's workloads live, resolved from its annotations. */
export interface EntityMapping {
  /** Label selector the workloads carry; undefined when only explicit names are given. */
  labelSelector?: string;
  /** Namespaces to look in; empty means every namespace. */
  namespaces: string[];
  /** Cluster names to look in; empty means every cluster. */
  clusters: string[];
  /** Workloads named explicitly (`kind/name` or `name`), found regardless of labels. */
  workloads: string[];
  /** The entity the mapping is of (a System's answer holds one per member). */
  entityRef?: string;
  /**
   * The entity's owner (an entity ref). Only namespaces this owner owns, or that are shared
   * with it, are resolved.
   */
  owner?: string;
}

const splitList = (value?: string) =>
  (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);

/**
 * Resolves an entity's annotations to a mapping, or undefined when the entity is not mapped.
 * Precedence: `backstage.io/kubernetes-label-selector` wins over `backstage.io/kubernetes-id`
 * (as in Backstage's Kubernetes plugin); `kubemate.io/namespaces` and
 * `backstage.io/kubernetes-namespace` are combined; `kubemate.io/workloads` adds named
 * workloads on top of whatever the selector finds.
 */
export function resolveEntityMapping(
  annotations: Record<string, string> | undefined,
): EntityMapping | undefined {
  const a = annotations ?? {};
  const id = a[ANNOTATION_KUBERNETES_ID]?.trim();
  const selector = a[ANNOTATION_KUBERNETES_LABEL_SELECTOR]?.trim();
  const workloads = splitList(a[ANNOTATION_KUBEMATE_WORKLOADS]);
  const labelSelector =
    selector || (id ? `${LABEL_KUBERNETES_ID}=${id}` : undefined);
  if (!labelSelector && workloads.length === 0) {
    return undefined;
  }
  const namespaces = [
    ...new Set([
      ...splitList(a[ANNOTATION_KUBEMATE_NAMESPACES]),
      ...splitList(a[ANNOTATION_KUBERNETES_NAMESPACE]),
    ]),
  ];
  return {
    labelSelector,
    namespaces,
    clusters: splitList(a[ANNOTATION_KUBERNETES_CLUSTER]),
    workloads,
  };
}
