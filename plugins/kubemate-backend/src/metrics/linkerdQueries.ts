/**
 * PromQL for golden metrics from Linkerd proxy series, kept as data. `{{namespaces}}` and
 * `{{workloads}}` are regular expressions (alternations of escaped names) so one query answers
 * for many Deployments, by `namespace` and `deployment`; `{{window}}` and `{{quantile}}` are
 * filled in; every value is escaped for a PromQL string.
 */
export const LINKERD_GOLDEN_QUERIES = {
  requests:
    'sum by (namespace, deployment) (increase(response_total{namespace=~"{{namespaces}}", deployment=~"{{workloads}}", direction="inbound"}[{{window}}]))',
  successes:
    'sum by (namespace, deployment) (increase(response_total{namespace=~"{{namespaces}}", deployment=~"{{workloads}}", direction="inbound", classification!="failure"}[{{window}}]))',
  latency:
    'histogram_quantile({{quantile}}, sum by (namespace, deployment, le) (rate(response_latency_ms_bucket{namespace=~"{{namespaces}}", deployment=~"{{workloads}}", direction="inbound"}[{{window}}])))',
  // The clients' outbound proxies, per backend behind a route with a Service parent
  // (Linkerd ≥ 2.15); `{{routes}}` is a regular expression. A success is a response that is
  // neither a 5xx nor a proxy error.
  routeBackendRequests:
    'sum by (backend_name) (increase(outbound_http_route_backend_requests_total{parent_kind="Service", parent_namespace="{{namespace}}", parent_name="{{service}}", route_name=~"{{routes}}"}[{{window}}]))',
  routeBackendSuccesses:
    'sum by (backend_name) (increase(outbound_http_route_backend_response_statuses_total{parent_kind="Service", parent_namespace="{{namespace}}", parent_name="{{service}}", route_name=~"{{routes}}", http_status!~"5..", error=""}[{{window}}]))',
};

export type GoldenQueries = typeof LINKERD_GOLDEN_QUERIES;

const escapeLabel = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** An RE2 alternation matching exactly the given names (Prometheus anchors label regexes). */
export const namesRegex = (names: Iterable<string>) =>
  [...new Set(names)]
    .sort()
    .map(n => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');

/** Fills a template; every placeholder must be given. */
export function renderQuery(
  template: string,
  values: Record<string, string>,
): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`no value for {{${key}}}`);
    return escapeLabel(value);
  });
}
