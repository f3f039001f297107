import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type {
  GoldenMetrics,
  GoldenMetricsQuery,
  MetricsProvider,
} from '@kubemate/plugin-kubemate-node';
import {
  LINKERD_GOLDEN_QUERIES,
  renderQuery,
  type GoldenQueries,
} from './linkerdQueries';

export const DEFAULT_PROMETHEUS_TIMEOUT_MS = 5_000;
export const DEFAULT_WINDOW_SECONDS = 60;
const MAX_WINDOW_SECONDS = 24 * 3600;
/** A Prometheus answer larger than this is not a golden-metrics answer. */
const MAX_ANSWER_BYTES = 1_000_000;
const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export interface PrometheusSource {
  url: string;
  timeoutMs: number;
  /** Sent with every query, e.g. `Authorization` for a Prometheus behind a proxy. */
  headers?: Record<string, string>;
}

/** Thrown for anything that keeps Prometheus from answering: told apart from "no traffic". */
class Unavailable extends Error {}

interface VectorAnswer {
  status: string;
  error?: string;
  data?: { resultType?: string; result?: Array<{ value?: [number, string] }> };
}

/**
 * Golden metrics from each cluster's Prometheus (`kubemate.metrics.clusters.<name>.prometheus`)
 * through the HTTP API (`/api/v1/query`), one instant query per figure, each with a timeout.
 */
export class PrometheusMetricsProvider implements MetricsProvider {
  constructor(
    private readonly sources: Map<string, PrometheusSource>,
    private readonly queries: GoldenQueries = LINKERD_GOLDEN_QUERIES,
  ) {}

  static fromConfig(config: Config): PrometheusMetricsProvider {
    const sources = new Map<string, PrometheusSource>();
    const clusters = config.getOptionalConfig('kubemate.metrics.clusters');
    for (const name of clusters?.keys() ?? []) {
      const prom = clusters!.getOptionalConfig(`${name}.prometheus`);
      if (!prom) continue;
      const url = prom.getString('url');
      if (!/^https?:\/\//.test(url)) {
        throw new Error(
          `kubemate.metrics.clusters.${name}.prometheus.url must be an http(s) URL`,
        );
      }
      const headers = prom.getOptionalConfig('headers');
      sources.set(name, {
        url: url.replace(/\/+$/, ''),
        ...(headers
          ? {
              headers: Object.fromEntries(
                headers.keys().map(h => [h, headers.getString(h)]),
              ),
            }
          : {}),
        timeoutMs:
          prom.getOptionalNumber('timeoutMs') ?? DEFAULT_PROMETHEUS_TIMEOUT_MS,
      });
    }
    return new PrometheusMetricsProvider(sources);
  }

  async goldenMetrics(query: GoldenMetricsQuery): Promise<GoldenMetrics> {
    const windowSeconds = query.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
    if (
      !Number.isInteger(windowSeconds) ||
      windowSeconds < 1 ||
      windowSeconds > MAX_WINDOW_SECONDS
    ) {
      throw new InputError(
        `windowSeconds must be an integer from 1 to ${MAX_WINDOW_SECONDS}`,
      );
    }
    for (const [field, value] of [
      ['namespace', query.namespace],
      ['workload', query.workload],
    ]) {
      if (!NAME.test(value)) {
        throw new InputError(`${field} '${value}' is not a Kubernetes name`);
      }
    }
    const source = this.sources.get(query.cluster);
    if (!source) {
      return {
        status: 'not-configured',
        reason: `No Prometheus configured for cluster ${query.cluster} (kubemate.metrics.clusters.${query.cluster}.prometheus.url)`,
      };
    }
    const values = {
      namespace: query.namespace,
      workload: query.workload,
      window: `${windowSeconds}s`,
    };
    const ask = (template: string, extra: Record<string, string> = {}) =>
      this.instant(source, renderQuery(template, { ...values, ...extra }));
    try {
      const [requests, successes, p50, p95, p99] = await Promise.all([
        ask(this.queries.requests),
        ask(this.queries.successes),
        ask(this.queries.latency, { quantile: '0.5' }),
        ask(this.queries.latency, { quantile: '0.95' }),
        ask(this.queries.latency, { quantile: '0.99' }),
      ]);
      // No series, or series that stayed flat: the workload served nothing in the window.
      if (requests === undefined || !(requests > 0)) {
        return { status: 'no-traffic', windowSeconds };
      }
      return {
        status: 'ok',
        windowSeconds,
        successRate: Math.min(1, (successes ?? 0) / requests),
        requestsPerSecond: requests / windowSeconds,
        latencyMs: { p50: p50 ?? NaN, p95: p95 ?? NaN, p99: p99 ?? NaN },
      };
    } catch (e) {
      if (e instanceof Unavailable) {
        return {
          status: 'unavailable',
          reason: `Prometheus of cluster ${query.cluster}: ${e.message}`,
        };
      }
      throw e;
    }
  }

  /** The single value of an instant vector query; undefined when the vector is empty. */
  private async instant(
    source: PrometheusSource,
    promql: string,
  ): Promise<number | undefined> {
    const url = `${source.url}/api/v1/query?${new URLSearchParams({
      query: promql,
    })}`;
    let response: Response;
    try {
      response = await fetch(url, {
        signal: AbortSignal.timeout(source.timeoutMs),
        headers: { ...source.headers, accept: 'application/json' },
      });
    } catch (e) {
      const error = e as Error;
      throw new Unavailable(
        error.name === 'TimeoutError'
          ? `no answer within ${source.timeoutMs} ms`
          : `cannot connect (${error.message})`,
      );
    }
    const text = await response.text();
    if (text.length > MAX_ANSWER_BYTES) {
      throw new Unavailable(`answer larger than ${MAX_ANSWER_BYTES} bytes`);
    }
    let answer: VectorAnswer;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new Unavailable(`HTTP ${response.status}, not a Prometheus answer`);
    }
    if (!response.ok || answer.status !== 'success') {
      throw new Unavailable(
        `HTTP ${response.status}: ${answer.error ?? answer.status}`,
      );
    }
    const first = answer.data?.result?.[0]?.value?.[1];
    if (first === undefined) return undefined;
    const value = Number(first);
    return Number.isNaN(value) ? undefined : value;
  }
}
