import { ServiceUnavailableError } from '@backstage/errors';
import {
  Observable,
  type CustomObjectsApi,
  type ObservableMiddleware,
} from '@kubernetes/client-node';
import type { KubemateCluster } from '@kubemate/plugin-kubemate-node';
import { toBackstageError } from '../workloads/operations/kubeErrors';
import { FIELD_MANAGER } from '../workloads/operations/kubeClients';

export const DEFAULT_TRAFFIC_TIMEOUT_MS = 10_000;

/** The API group, version and plural of a route kind. */
export interface RouteResource {
  group: string;
  version: string;
  plural: string;
  kind: string;
}

/** A route object as the API server returns it. */
export interface RouteObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    resourceVersion?: string;
    generation?: number;
  };
  spec?: Record<string, unknown>;
}

/** Aborts every request after `ms`: a hung API server never blocks a release step. */
function timeout(ms: number): ObservableMiddleware {
  return {
    pre: context => {
      context.setSignal(AbortSignal.timeout(ms));
      return new Observable(Promise.resolve(context));
    },
    post: response => new Observable(Promise.resolve(response)),
  };
}

/** Where the routers get a cluster's CRD client: the cluster layer (`ClusterService.clients`). */
export type CustomObjectsOf = (cluster: KubemateCluster) => CustomObjectsApi;

/** Reads and conditionally replaces the route objects of one kind in one cluster. */
export class RouteObjects {
  private readonly options: {
    middleware: ObservableMiddleware[];
    middlewareMergeStrategy: 'append';
  };

  constructor(
    private readonly cluster: KubemateCluster,
    private readonly api: CustomObjectsApi,
    private readonly resource: RouteResource,
    timeoutMs = DEFAULT_TRAFFIC_TIMEOUT_MS,
  ) {
    this.options = {
      middleware: [timeout(timeoutMs)],
      middlewareMergeStrategy: 'append',
    };
  }

  async list(namespace: string): Promise<RouteObject[]> {
    const { group, version, plural } = this.resource;
    const answer = await this.call(
      `${this.resource.kind}s in ${namespace}`,
      () =>
        this.api.listNamespacedCustomObject(
          { group, version, namespace, plural },
          this.options,
        ),
    );
    return ((answer as { items?: RouteObject[] }).items ?? []).sort((a, b) =>
      a.metadata.name.localeCompare(b.metadata.name),
    );
  }

  /** One route by name; undefined when there is none. */
  async get(namespace: string, name: string): Promise<RouteObject | undefined> {
    const { group, version, plural } = this.resource;
    try {
      return (await this.call(
        `${this.resource.kind} ${namespace}/${name}`,
        () =>
          this.api.getNamespacedCustomObject(
            { group, version, namespace, plural, name },
            this.options,
          ),
      )) as RouteObject;
    } catch (e) {
      if ((e as Error).name === 'NotFoundError') return undefined;
      throw e;
    }
  }

  /** PUT with the read resourceVersion: a concurrent change is a ConflictError, never lost. */
  async replace(route: RouteObject): Promise<RouteObject> {
    const { group, version, plural } = this.resource;
    const { name, namespace } = route.metadata;
    return (await this.call(`${route.kind} ${namespace}/${name}`, () =>
      this.api.replaceNamespacedCustomObject(
        {
          group,
          version,
          namespace,
          plural,
          name,
          body: route,
          fieldManager: FIELD_MANAGER,
        },
        this.options,
      ),
    )) as RouteObject;
  }

  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const error = e as Error;
      if (error?.name === 'TimeoutError' || error?.name === 'AbortError') {
        throw new ServiceUnavailableError(
          `${what} in cluster ${this.cluster.name}: the API server did not answer in time`,
        );
      }
      throw toBackstageError(e, `${what} in cluster ${this.cluster.name}`);
    }
  }
}
