import {
  createConfiguration,
  KubeConfig,
  KubernetesObjectApi,
  ServerConfiguration,
  type KubernetesObject,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import {
  fetchClusterObjects,
  kindsForRules,
  type FetchResult,
} from '../inspection/fetchClusterObjects';
import type { Inspector } from '../inspection/inspector';
import type { CheckResult, InspectionResult } from '../inspection/types';

/**
 * `KubernetesObjectApi` that hands back the API server's JSON as is: the stock client converts
 * bodies through typed models (timestamps to Dates, renamed fields), which is not what rules
 * written against the API's JSON expect.
 */
class RawListApi extends KubernetesObjectApi {
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
}

/**
 * The cluster's credentials: a kubeconfig file (and context), else `$KUBECONFIG` /
 * `~/.kube/config`, else the pod's service account when running in a cluster.
 */
export function loadKubeConfig(options: {
  kubeconfig?: string;
  context?: string;
}): KubeConfig {
  const kc = new KubeConfig();
  if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
  else kc.loadFromDefault();
  if (options.context) kc.setCurrentContext(options.context);
  if (!kc.getCurrentCluster()) {
    throw new Error(
      'no cluster to inspect: no kubeconfig (--kubeconfig, $KUBECONFIG, ~/.kube/config) and not running in a cluster',
    );
  }
  return kc;
}

/** A raw list client whose every request is aborted after `timeoutMs`. */
export function rawLister(kc: KubeConfig, timeoutMs: number): RawListApi {
  const cluster = kc.getCurrentCluster()!;
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kc },
    promiseMiddleware: [
      {
        pre: async (context: RequestContext) => {
          if (!context.getSignal()) {
            context.setSignal(AbortSignal.timeout(timeoutMs));
          }
          return context;
        },
        post: async (context: ResponseContext) => context,
      },
    ],
  });
  return new RawListApi(configuration);
}

/** Lists what the inspector's rules need from the cluster, as the backend's runs do. */
export async function fetchForInspector(
  kc: KubeConfig,
  inspector: Inspector,
  options: { timeoutMs: number; pageSize?: number },
): Promise<FetchResult & { unresolved: string[] }> {
  const { kinds, unresolved } = kindsForRules(inspector.rules);
  const fetched = await fetchClusterObjects(
    rawLister(kc, options.timeoutMs),
    kinds,
    { pageSize: options.pageSize },
  );
  return { ...fetched, unresolved };
}

/** Generic report result: passed checks carry only what identifies them, to keep the body small. */
function toGenericResult(r: CheckResult) {
  const base = {
    ruleId: r.ruleId,
    ruleVersion: r.ruleVersion,
    title: r.title,
    severity: r.severity,
    category: r.category,
    status: r.status,
    resource: {
      kind: r.resource.kind,
      ...(r.resource.apiVersion ? { apiVersion: r.resource.apiVersion } : {}),
      ...(r.resource.namespace ? { namespace: r.resource.namespace } : {}),
      name: r.resource.name,
      ...(r.resource.container ? { container: r.resource.container } : {}),
      ...(r.resource.host ? { host: r.resource.host } : {}),
    },
  };
  if (r.status === 'passed') return base;
  return {
    ...base,
    observed: r.observed,
    expected: r.expected,
    message: r.status === 'skipped' ? r.skipReason : r.message,
    remediation: r.remediation,
    fix: r.fix,
    docs: r.docs,
    error: r.error,
  };
}

/**
 * The backend's generic ingestion format (`POST /inspection/ingest/generic`) for a complete
 * run: every rule that ran is covered, so stored findings it no longer reports are fixed.
 */
export function toGenericReport(result: InspectionResult) {
  return {
    cluster: result.cluster,
    source: 'kubemate-inspect',
    profile: result.profile,
    complete: true,
    results: result.results.map(toGenericResult),
  };
}

/** The backend refuses larger report bodies by default (`maxReportSize`). */
export const MAX_POST_BYTES = 20 * 1024 * 1024;

/** Posts a report to the ingestion API; resolves with the response body, rejects with a readable error. */
export async function postReport(
  url: string,
  token: string,
  report: unknown,
  options: { timeoutMs: number; maxBytes?: number },
): Promise<unknown> {
  const body = JSON.stringify(report);
  const max = options.maxBytes ?? MAX_POST_BYTES;
  if (Buffer.byteLength(body) > max) {
    throw new Error(
      `the report is ${Buffer.byteLength(
        body,
      )} bytes, more than the ingestion API accepts (${max}); raise the backend's limit or narrow the profile`,
    );
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (e) {
    const reason =
      (e as Error)?.name === 'TimeoutError'
        ? `no answer within ${options.timeoutMs} ms`
        : (e as Error)?.message ?? String(e);
    throw new Error(`posting the report to ${url} failed: ${reason}`);
  }
  const text = await response.text();
  if (!response.ok) {
    let message = text.slice(0, 500);
    try {
      message = JSON.parse(text)?.error?.message ?? message;
    } catch {
      // not JSON: keep the text
    }
    throw new Error(
      `posting the report to ${url} failed: HTTP ${response.status}: ${message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
