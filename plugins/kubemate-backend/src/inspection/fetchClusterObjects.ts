// Listing for inspection lives in kubemate-node, so the backend's runs and the kubemate-inspect
// CLI's live mode fetch a cluster the same way (kinds, pages, stamping, skipped APIs).
export {
  describeKubeError,
  fetchClusterObjects,
  kindsForRules,
  RELATED_KINDS,
} from '@kubemate/plugin-kubemate-node';
export type {
  FetchedKind,
  FetchOptions,
  FetchResult,
  KindSpec,
} from '@kubemate/plugin-kubemate-node';
