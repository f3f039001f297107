import {
  HttpMethod,
  KubernetesObjectApi,
  type Configuration,
  type KubeConfig,
  type KubernetesObject,
  type ResponseContext,
} from '@kubernetes/client-node';

/** `KubernetesObjectApi` built on a given configuration, with discovery made public. */
export class ObjectApi extends KubernetesObjectApi {
  /**
   * A client on `configuration` whose writes of objects without a namespace go to the
   * context's namespace, as `KubernetesObjectApi.makeApiClient` sets it up.
   */
  static forContext<T extends ObjectApi>(
    this: new (configuration: Configuration) => T,
    configuration: Configuration,
    kc: KubeConfig,
  ): T {
    const api = new this(configuration);
    api.setDefaultNamespace(kc);
    return api;
  }

  /**
   * Whether the API server serves `kind` at `apiVersion`, by its discovery document
   * (`/apis/<group>/<version>`): false when the group version or the kind is absent.
   * Throws on any other failure (unreachable, forbidden).
   */
  async serves(apiVersion: string, kind: string): Promise<boolean> {
    try {
      return (await this.resource(apiVersion, kind)) !== undefined;
    } catch (e) {
      if ((e as { code?: unknown }).code === 404) return false;
      throw e;
    }
  }
}

/**
 * `KubernetesObjectApi` that exchanges the API server's JSON as is. The stock client converts
 * bodies through its typed models, which turns timestamps into `Date`s, renames or drops some
 * fields (`from`, `default`, `continue`) and, on writes, silently drops every field its model
 * does not know — a misspelt key in an edited YAML would vanish without a word.
 */
export class RawObjectApi extends ObjectApi {
  protected override async processResponse<T extends KubernetesObject>(
    response: ResponseContext,
    type?: string,
  ): Promise<T> {
    if (
      type === undefined &&
      response.httpStatusCode >= 200 &&
      response.httpStatusCode <= 299
    ) {
      return JSON.parse(await response.body.text()) as T;
    }
    return super.processResponse<T>(response, type);
  }

  /**
   * PUT of the object exactly as given, with `fieldValidation=Strict`: the API server refuses
   * unknown or duplicate fields (400 naming them) instead of dropping them. A conditional
   * replace when `metadata.resourceVersion` is set (409 when it is stale).
   */
  async replaceStrict<T extends KubernetesObject>(
    spec: KubernetesObject,
    options: { dryRun?: boolean; fieldManager?: string } = {},
  ): Promise<T> {
    const path = await this.specUriPath(spec, 'replace');
    const request = this.configuration.baseServer.makeRequestContext(
      path,
      HttpMethod.PUT,
    );
    request.setHeaderParam('Accept', 'application/json');
    request.setHeaderParam('Content-Type', 'application/json');
    if (options.dryRun) request.setQueryParam('dryRun', 'All');
    if (options.fieldManager) {
      request.setQueryParam('fieldManager', options.fieldManager);
    }
    request.setQueryParam('fieldValidation', 'Strict');
    request.setBody(JSON.stringify(spec));
    return this.requestPromise<T>(request);
  }

  /**
   * Server-side apply (`application/apply-patch+yaml`; JSON is YAML) of the object exactly as
   * given, with `fieldValidation=Strict` (the stock `patch` passes bodies through the typed
   * models, which drop unknown fields); `dryRun` asks for the server-side dry run.
   */
  async applyServerSide<T extends KubernetesObject>(
    spec: KubernetesObject,
    options: { fieldManager: string; dryRun?: boolean; force?: boolean },
  ): Promise<T> {
    const path = await this.specUriPath(spec, 'patch');
    const request = this.configuration.baseServer.makeRequestContext(
      path,
      HttpMethod.PATCH,
    );
    request.setHeaderParam('Accept', 'application/json');
    request.setHeaderParam('Content-Type', 'application/apply-patch+yaml');
    if (options.dryRun) request.setQueryParam('dryRun', 'All');
    if (options.force) request.setQueryParam('force', 'true');
    request.setQueryParam('fieldManager', options.fieldManager);
    request.setQueryParam('fieldValidation', 'Strict');
    request.setBody(JSON.stringify(spec));
    return this.requestPromise<T>(request);
  }

  /**
   * GET of an API server path answered as JSON (discovery documents, lists of any resource),
   * `query` as query parameters.
   */
  async getJson<T>(
    path: string,
    query: Record<string, string> = {},
  ): Promise<T> {
    const request = this.configuration.baseServer.makeRequestContext(
      path,
      HttpMethod.GET,
    );
    request.setHeaderParam('Accept', 'application/json');
    for (const [k, v] of Object.entries(query)) request.setQueryParam(k, v);
    return (await this.requestPromise<KubernetesObject>(
      request,
    )) as unknown as T;
  }
}
