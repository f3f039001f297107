/**
 * PromQL for golden metrics from Linkerd proxy series, kept as data: `{{namespace}}`,
 * `{{workload}}`, `{{window}}` and `{{quantile}}` are filled in, label values escaped.
 */
export const LINKERD_GOLDEN_QUERIES = {
  requests:
    'sum(increase(response_total{namespace="{{namespace}}", deployment="{{workload}}", direction="inbound"}[{{window}}]))',
  successes:
    'sum(increase(response_total{namespace="{{namespace}}", deployment="{{workload}}", direction="inbound", classification="success"}[{{window}}]))',
  latency:
    'histogram_quantile({{quantile}}, sum(rate(response_latency_ms_bucket{namespace="{{namespace}}", deployment="{{workload}}", direction="inbound"}[{{window}}])) by (le))',
};

export type GoldenQueries = typeof LINKERD_GOLDEN_QUERIES;

const escapeLabel = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

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
