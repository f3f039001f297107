import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ProbeListResponse,
  ProbeRun,
  ProbeRunListResponse,
  ProbeSummary,
} from '@kubemate/plugin-kubemate-common';
import type { ProbesApi } from './ProbesApi';

const probePath = (id: string) => `/probes/${encodeURIComponent(id)}`;

/** Calls the probe routes of `/api/kubemate` with the user's token. */
export class ProbesClient implements ProbesApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  listProbes(): Promise<ProbeListResponse> {
    return this.send('/probes');
  }

  listEntityProbes(entity: CompoundEntityRef): Promise<ProbeListResponse> {
    const path = [entity.kind, entity.namespace, entity.name]
      .map(encodeURIComponent)
      .join('/');
    return this.send(`/entities/${path}/probes`);
  }

  getProbe(id: string): Promise<ProbeSummary> {
    return this.send(probePath(id));
  }

  listProbeRuns(id: string, limit = 50): Promise<ProbeRunListResponse> {
    return this.send(`${probePath(id)}/runs?limit=${limit}`);
  }

  runProbe(id: string): Promise<ProbeRun> {
    return this.send(`${probePath(id)}/run`, 'POST');
  }

  private async send<T>(path: string, method = 'GET'): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('kubemate');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
