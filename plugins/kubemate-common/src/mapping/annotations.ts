/** Backstage Kubernetes plugin conventions, reused so one catalog-info serves both plugins. */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
export const ANNOTATION_KUBERNETES_CLUSTER = 'backstage.io/kubernetes-cluster';
/** Kubemate additions for teams that cannot relabel their workloads. */
export const ANNOTATION_KUBEMATE_NAMESPACES = 'kubemate.io/namespaces';
export const ANNOTATION_KUBEMATE_WORKLOADS = 'kubemate.io/workloads';

/** Label that `backstage.io/kubernetes-id` selects on. */
export const LABEL_KUBERNETES_ID = 'backstage.io/kubernetes-id';

/**
 * Namespace tenancy: the label naming the Group that owns a Namespace (a group of the catalog's
 * `default` namespace, since label values cannot hold a full entity ref), and the annotation
 * listing further groups (entity refs, comma-separated) the namespace is shared with.
 */
export const LABEL_KUBEMATE_OWNER = 'kubemate.io/owner';
export const ANNOTATION_KUBEMATE_OWNER = 'kubemate.io/owner';
export const ANNOTATION_KUBEMATE_SHARED_WITH = 'kubemate.io/shared-with';
