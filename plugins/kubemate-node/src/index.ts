/**
 * Node library for Kubemate: cluster access, the inspection rule engine and the plugin's extension points, shared by the
 * backend plugin, its modules and the inspector CLI.
 *
 * @packageDocumentation
 */
export * from './clusters';
export * from './inspection';
export * from './extensions';
export {
  describeKubeError,
  fetchClusterObjects,
  kindsForRules,
  RELATED_KINDS,
} from './inspection/fetchClusterObjects';
export type {
  FetchedKind,
  FetchOptions,
  FetchResult,
  KindSpec,
  ObjectLister,
} from './inspection/fetchClusterObjects';
export * from './cli';
