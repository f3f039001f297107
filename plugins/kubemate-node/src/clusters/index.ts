export * from './types';
export { buildKubeConfig, type StaticClusterAccess } from './buildKubeConfig';
export { readClusters } from './readClusters';
export { readConfigClusters } from './readConfigClusters';
export { readKubeconfigClusters } from './readKubeconfigClusters';
