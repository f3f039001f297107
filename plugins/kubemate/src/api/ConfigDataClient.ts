import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ConfigDataApplyResponse,
  ConfigDataEditRequest,
  ConfigDataHistoryResponse,
  ConfigDataPreviewResponse,
  ConfigDataTarget,
  SecretRevealRequest,
  SecretRevealResponse,
} from '@kubemate/plugin-kubemate-common';
import type { ConfigDataApi } from './ConfigDataApi';

const entityPath = (e: CompoundEntityRef) =>
  `/entities/${[e.kind, e.namespace, e.name]
    .map(encodeURIComponent)
    .join('/')}`;

/** Calls the config-data routes of `/api/kubemate` with the user's token (fetch API). */
export class ConfigDataClient implements ConfigDataApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  previewConfigData(
    entity: CompoundEntityRef,
    request: ConfigDataEditRequest,
  ): Promise<ConfigDataPreviewResponse> {
    return this.send(`${entityPath(entity)}/configdata/preview`, request);
  }

  applyConfigData(
    entity: CompoundEntityRef,
    request: ConfigDataEditRequest,
  ): Promise<ConfigDataApplyResponse> {
    return this.send(`${entityPath(entity)}/configdata/apply`, request);
  }

  getConfigDataHistory(
    entity: CompoundEntityRef,
    target: ConfigDataTarget,
  ): Promise<ConfigDataHistoryResponse> {
    const query = new URLSearchParams(target).toString();
    return this.send(`${entityPath(entity)}/configdata/history?${query}`);
  }

  revealSecretKey(
    entity: CompoundEntityRef,
    request: SecretRevealRequest,
  ): Promise<SecretRevealResponse> {
    return this.send(`${entityPath(entity)}/secrets/reveal`, request);
  }

  private async send<T>(path: string, body?: unknown): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('kubemate');
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}${path}`,
      body === undefined
        ? {}
        : {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
