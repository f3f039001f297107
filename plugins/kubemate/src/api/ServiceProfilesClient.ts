import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ServiceProfileListResponse,
  ServiceProfileSaveRequest,
  ServiceProfileSaveResponse,
} from '@kubemate/plugin-kubemate-common';
import type {
  ServiceProfilesApi,
  ServiceProfileTarget,
} from './ServiceProfilesApi';

const entityPath = (e: CompoundEntityRef) =>
  `/entities/${[e.kind, e.namespace, e.name]
    .map(encodeURIComponent)
    .join('/')}`;

/** Calls the ServiceProfile routes of `/api/kubemate` with the user's token. */
export class ServiceProfilesClient implements ServiceProfilesApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  listServiceProfiles(
    entity: CompoundEntityRef,
  ): Promise<ServiceProfileListResponse> {
    return this.send(`${entityPath(entity)}/serviceprofiles`);
  }

  saveServiceProfile(
    entity: CompoundEntityRef,
    target: ServiceProfileTarget,
    request: ServiceProfileSaveRequest,
  ): Promise<ServiceProfileSaveResponse> {
    const path = [target.cluster, target.namespace, target.service]
      .map(encodeURIComponent)
      .join('/');
    return this.send(
      `${entityPath(entity)}/serviceprofiles/${path}`,
      'PUT',
      request,
    );
  }

  private async send<T>(
    path: string,
    method = 'GET',
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('kubemate');
    const response = await this.deps.fetchApi.fetch(
      `${baseUrl}${path}`,
      body === undefined
        ? { method }
        : {
            method,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
