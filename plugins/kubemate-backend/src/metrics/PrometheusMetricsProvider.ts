import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type {
  GoldenMetrics,
  GoldenMetricsQuery,
  MetricsProvider,
  RouteBackendFigures,
  RouteBackendQuery,
} from '@kubemate/plugin-kubemate-node';
import {
  LINKERD_GOLDEN_QUERIES,
  namesRegex,
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
  data?: {
    resultType?: string;
    result?: Array<{
      metric?: Record<string, string>;
      value?: [number, string];
    }>;
  };
}

/** A query's values by `namespace/deployment`. */
type ByWorkload = Map<string, number>;

interface Waiting {
  namespace: string;
  workload: string;
  resolve(metrics: GoldenMetrics): void;
  reject(error: unknown): void;
}

/** Questions arriving this close together share one set of queries. */
const BATCH_DELAY_MS = 10;
/** Workloads per set of queries, which keeps each query short. */
const MAX_BATCH = 100;

const keyOf = (namespace: string, workload: string) =>
  `${namespace}/${workload}`;

/**
 * Golden metrics from each cluster's Prometheus (`kubemate.metrics.clusters.<name>.prometheus`)
 * through the HTTP API (`/api/v1/query`), each query with a timeout. Questions asked within a
 * few milliseconds of each other (a release step asks for both versions; a busy backend runs
 * many steps per second) are answered by one query per figure for all their Deployments, so
 * Prometheus's load grows with the number of ticks, not of releases.
 */
export class PrometheusMetricsProvider implements MetricsProvider {
  private readonly batches = new Map<string, Waiting[]>();

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
    const windowSeconds = this.checkWindow(query.windowSeconds);
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
    return new Promise((resolve, reject) => {
      const batchKey = `${query.cluster}\n${windowSeconds}`;
      let batch = this.batches.get(batchKey);
      if (!batch) {
        const mine: Waiting[] = [];
        batch = mine;
        this.batches.set(batchKey, mine);
        setTimeout(() => {
          if (this.batches.get(batchKey) === mine) {
            this.batches.delete(batchKey);
          }
          void this.answer(query.cluster, source, windowSeconds, mine);
        }, BATCH_DELAY_MS);
      }
      batch.push({
        namespace: query.namespace,
        workload: query.workload,
        resolve,
        reject,
      });
      // A full batch leaves now; later questions start the next one.
      if (batch.length >= MAX_BATCH) this.batches.delete(batchKey);
    });
  }

  /**
   * Requests per second and success rate per backend behind a Service's route, from Linkerd's
   * outbound per-route backend series; an empty map where Prometheus has none (older Linkerd)
   * or cannot be reached (the golden metrics say why).
   */
  async routeBackendMetrics(
    query: RouteBackendQuery,
  ): Promise<Map<string, RouteBackendFigures>> {
    const windowSeconds = this.checkWindow(query.windowSeconds);
    for (const value of [query.namespace, query.service, query.route ?? 'x']) {
      if (!NAME.test(value)) {
        throw new InputError(`'${value}' is not a Kubernetes name`);
      }
    }
    const source = this.sources.get(query.cluster);
    const figures = new Map<string, RouteBackendFigures>();
    if (!source) return figures;
    const values = {
      namespace: query.namespace,
      service: query.service,
      routes: query.route ? namesRegex([query.route]) : '.+',
      window: `${windowSeconds}s`,
    };
    const byBackend = (l: Record<string, string>) => l.backend_name;
    let requests: ByWorkload;
    let successes: ByWorkload;
    try {
      [requests, successes] = await Promise.all(
        [
          this.queries.routeBackendRequests,
          this.queries.routeBackendSuccesses,
        ].map(t => this.instant(source, renderQuery(t, values), byBackend)),
      );
    } catch (e) {
      if (e instanceof Unavailable) return figures;
      throw e;
    }
    for (const [backend, served] of requests) {
      if (!(served > 0)) continue;
      figures.set(backend, {
        requestsPerSecond: served / windowSeconds,
        successRate: Math.min(1, (successes.get(backend) ?? 0) / served),
      });
    }
    return figures;
  }

  private checkWindow(given: number | undefined): number {
    const windowSeconds = given ?? DEFAULT_WINDOW_SECONDS;
    if (
      !Number.isInteger(windowSeconds) ||
      windowSeconds < 1 ||
      windowSeconds > MAX_WINDOW_SECONDS
    ) {
      throw new InputError(
        `windowSeconds must be an integer from 1 to ${MAX_WINDOW_SECONDS}`,
      );
    }
    return windowSeconds;
  }

  /** Runs one set of queries for a batch and answers each question from it. */
  private async answer(
    cluster: string,
    source: PrometheusSource,
    windowSeconds: number,
    batch: Waiting[],
  ) {
    const values = {
      namespaces: namesRegex(batch.map(w => w.namespace)),
      workloads: namesRegex(batch.map(w => w.workload)),
      window: `${windowSeconds}s`,
    };
    const ask = (template: string, extra: Record<string, string> = {}) =>
      this.instant(source, renderQuery(template, { ...values, ...extra }));
    let figures: ByWorkload[];
    try {
      figures = await Promise.all([
        ask(this.queries.requests),
        ask(this.queries.successes),
        ask(this.queries.latency, { quantile: '0.5' }),
        ask(this.queries.latency, { quantile: '0.95' }),
        ask(this.queries.latency, { quantile: '0.99' }),
      ]);
    } catch (e) {
      for (const w of batch) {
        if (e instanceof Unavailable) {
          w.resolve({
            status: 'unavailable',
            reason: `Prometheus of cluster ${cluster}: ${e.message}`,
          });
        } else {
          w.reject(e);
        }
      }
      return;
    }
    const [requests, successes, p50, p95, p99] = figures;
    for (const w of batch) {
      const key = keyOf(w.namespace, w.workload);
      const served = requests.get(key);
      // No series, or series that stayed flat: the workload served nothing in the window.
      if (served === undefined || !(served > 0)) {
        w.resolve({ status: 'no-traffic', windowSeconds });
        continue;
      }
      w.resolve({
        status: 'ok',
        windowSeconds,
        successRate: Math.min(1, (successes.get(key) ?? 0) / served),
        requestsPerSecond: served / windowSeconds,
        latencyMs: {
          p50: p50.get(key) ?? NaN,
          p95: p95.get(key) ?? NaN,
          p99: p99.get(key) ?? NaN,
        },
      });
    }
  }

  /** An instant vector query's values by a key of each sample's labels (NaN values left out). */
  private async instant(
    source: PrometheusSource,
    promql: string,
    keyOfSample: (labels: Record<string, string>) => string | undefined = l =>
      l.namespace && l.deployment
        ? keyOf(l.namespace, l.deployment)
        : undefined,
  ): Promise<ByWorkload> {
    let response: Response;
    try {
      // POSTed as a form, as the API allows: a batch's query can outgrow a URL.
      response = await fetch(`${source.url}/api/v1/query`, {
        method: 'POST',
        body: new URLSearchParams({ query: promql }),
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
    const byWorkload: ByWorkload = new Map();
    for (const sample of answer.data?.result ?? []) {
      const value = Number(sample.value?.[1]);
      const key = keyOfSample(sample.metric ?? {});
      if (key !== undefined && !Number.isNaN(value)) byWorkload.set(key, value);
    }
    return byWorkload;
  }
}
