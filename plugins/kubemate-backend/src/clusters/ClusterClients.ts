import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  createConfiguration,
  CustomObjectsApi,
  ServerConfiguration,
  VersionApi,
  type Configuration,
  type KubeConfig,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import { ObjectApi, RawObjectApi } from '../kube/RawObjectApi';

/** The API clients of one cluster, built once and shared by every feature. */
export interface ClusterClients {
  /** For what needs the configuration itself (watches, log streams). */
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  version: VersionApi;
  /** CRD objects by group, version and plural (routes, traffic splits). */
  custom: CustomObjectsApi;
  /** Objects of any kind, converted through client-node's models; also asks discovery. */
  objects: ObjectApi;
  /** Objects of any kind, exactly as the API server sends them (see RawObjectApi). */
  raw: RawObjectApi;
}

/**
 * Every request gets a deadline unless its caller passed its own signal: a cluster that
 * accepts the connection but never answers must not hold a request (or a run) forever.
 */
function deadline(timeoutMs: number) {
  return {
    pre: async (context: RequestContext) => {
      if (!context.getSignal())
        context.setSignal(AbortSignal.timeout(timeoutMs));
      return context;
    },
    post: async (context: ResponseContext) => context,
  };
}

function configurationOf(kc: KubeConfig, timeoutMs: number): Configuration {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('No active cluster!');
  return createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kc },
    promiseMiddleware: [deadline(timeoutMs)],
  });
}

/** Builds the clients of a cluster; every request they make times out after `timeoutMs`. */
export function createClusterClients(
  kc: KubeConfig,
  options: { timeoutMs: number },
): ClusterClients {
  const configuration = configurationOf(kc, options.timeoutMs);
  return {
    kubeConfig: kc,
    core: new CoreV1Api(configuration),
    apps: new AppsV1Api(configuration),
    batch: new BatchV1Api(configuration),
    version: new VersionApi(configuration),
    custom: new CustomObjectsApi(configuration),
    objects: ObjectApi.forContext(configuration, kc),
    raw: RawObjectApi.forContext(configuration, kc),
  };
}
