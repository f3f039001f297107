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
