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
import { GatewayTimeoutError, isAbortError } from '../service/httpErrors';
import { StreamingHttpLibrary } from './streamingHttpLibrary';

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
    // node-fetch as client-node's default, with response texts decoded as they arrive.
    httpApi: new StreamingHttpLibrary(),
    promiseMiddleware: [deadline(timeoutMs)],
  });
}

/**
 * The API object with its calls' deadline aborts turned into a GatewayTimeoutError (504) that
 * names the cluster; an abort before the deadline (the caller's own signal) stays as it is.
 */
function timed<T extends object>(
  api: T,
  cluster: string,
  timeoutMs: number,
): T {
  return new Proxy(api, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const started = Date.now();
        const result = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error: unknown) => {
          if (isAbortError(error) && Date.now() - started >= timeoutMs - 50) {
            throw new GatewayTimeoutError(
              `cluster ${cluster} did not answer within ${timeoutMs} ms`,
            );
          }
          throw error;
        });
      };
    },
  });
}

/** Builds the clients of a cluster; every request they make times out after `timeoutMs`. */
export function createClusterClients(
  kc: KubeConfig,
  options: { timeoutMs: number; cluster?: string },
): ClusterClients {
  const { timeoutMs } = options;
  const cluster =
    options.cluster ?? kc.getCurrentCluster()?.name ?? 'the cluster';
  const configuration = configurationOf(kc, timeoutMs);
  const t = <T extends object>(api: T) => timed(api, cluster, timeoutMs);
  return {
    kubeConfig: kc,
    core: t(new CoreV1Api(configuration)),
    apps: t(new AppsV1Api(configuration)),
    batch: t(new BatchV1Api(configuration)),
    version: t(new VersionApi(configuration)),
    custom: t(new CustomObjectsApi(configuration)),
    objects: t(ObjectApi.forContext(configuration, kc)),
    raw: t(RawObjectApi.forContext(configuration, kc)),
  };
}
