import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CurrentSummary,
  ExportFormat,
  Finding,
  FindingFilter,
  FindingQuery,
  IgnoreRequest,
  InspectedCluster,
  InspectionProfile,
  InspectionRule,
  InspectionRun,
  RunDiff,
  RunsQuery,
  SummaryScope,
  TrendPoint,
  TrendQuery,
} from '@kubemate/plugin-kubemate-common';
import type { InspectionApi } from './InspectionApi';

type QueryValue = string | number | string[] | undefined;

/** Lists go out comma-separated (the backend accepts both forms); empty values are left out. */
export function inspectionQuery(values: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values) as [string, QueryValue][]) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const EXPORT_PATHS: Record<ExportFormat, string> = {
  csv: '/inspection/findings.csv',
  json: '/inspection/findings.json',
  pdf: '/inspection/report.pdf',
};

/** Calls `/api/kubemate/inspection` through Backstage's fetch API (the user's token goes along). */
export class InspectionClient implements InspectionApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listRules(): Promise<InspectionRule[]> {
    return (await this.get<{ items: InspectionRule[] }>('/inspection/rules'))
      .items;
  }

  async listProfiles(): Promise<InspectionProfile[]> {
    return (
      await this.get<{ items: InspectionProfile[] }>('/inspection/profiles')
    ).items;
  }

  async listClusters(): Promise<InspectedCluster[]> {
    return (
      await this.get<{ items: InspectedCluster[] }>('/inspection/clusters')
    ).items;
  }

  startRun(cluster: string, profile?: string): Promise<InspectionRun> {
    return this.send('/inspection/runs', {
      cluster,
      ...(profile ? { profile } : {}),
    });
  }

  listRuns(
    options: RunsQuery = {},
  ): Promise<{ items: InspectionRun[]; total: number }> {
    return this.get(`/inspection/runs${inspectionQuery(options)}`);
  }

  getRun(id: string): Promise<InspectionRun> {
    return this.get(`/inspection/runs/${encodeURIComponent(id)}`);
  }

  getRunDiff(id: string): Promise<RunDiff> {
    return this.get(`/inspection/runs/${encodeURIComponent(id)}/diff`);
  }

  listFindings(
    query: FindingQuery,
  ): Promise<{ items: Finding[]; total: number }> {
    return this.get(`/inspection/findings${inspectionQuery(query)}`);
  }

  getFinding(fingerprint: string): Promise<Finding> {
    return this.get(`/inspection/findings/${encodeURIComponent(fingerprint)}`);
  }

  ignoreFinding(fingerprint: string, request: IgnoreRequest): Promise<Finding> {
    return this.send(
      `/inspection/findings/${encodeURIComponent(fingerprint)}/ignore`,
      request,
    );
  }

  unignoreFinding(fingerprint: string): Promise<Finding> {
    return this.send(
      `/inspection/findings/${encodeURIComponent(fingerprint)}/unignore`,
    );
  }

  getSummary(scope: SummaryScope): Promise<CurrentSummary> {
    return this.get(`/inspection/summary${inspectionQuery(scope)}`);
  }

  async getTrend(scope: TrendQuery): Promise<TrendPoint[]> {
    return (
      await this.get<{ items: TrendPoint[] }>(
        `/inspection/trend${inspectionQuery(scope)}`,
      )
    ).items;
  }

  async exportFindings(
    format: ExportFormat,
    filter: FindingFilter,
  ): Promise<Blob> {
    const response = await this.fetch(
      `${EXPORT_PATHS[format]}${inspectionQuery(filter)}`,
    );
    return response.blob();
  }

  private async fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('kubemate');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  private async get<T>(path: string): Promise<T> {
    return (await (await this.fetch(path)).json()) as T;
  }

  private async send<T>(path: string, body?: unknown): Promise<T> {
    const response = await this.fetch(path, {
      method: 'POST',
      ...(body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
    });
    return (await response.json()) as T;
  }
}
