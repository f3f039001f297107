import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** Which workload, over which window. @public */
export interface GoldenMetricsQuery {
  cluster: string;
  namespace: string;
  /** Deployment name. */
  workload: string;
  /** Window in seconds; default 60. */
  windowSeconds?: number;
}

/**
 * Golden metrics of a workload's inbound traffic, or why there are none: the cluster has no
 * metrics source, the source did not answer, or the workload served no requests in the window.
 *
 * @public
 */
export type GoldenMetrics =
  | {
      status: 'ok';
      windowSeconds: number;
      /** 0..1 */
      successRate: number;
      requestsPerSecond: number;
      latencyMs: { p50: number; p95: number; p99: number };
    }
  | { status: 'no-traffic'; windowSeconds: number }
  | { status: 'not-configured'; reason: string }
  | { status: 'unavailable'; reason: string };

/** @public */
export interface MetricsProvider {
  goldenMetrics(query: GoldenMetricsQuery): Promise<GoldenMetrics>;
}

/** Builds the provider from the default one (e.g. to wrap it or use it for some clusters). @public */
export type MetricsProviderFactory = (options: {
  getDefault: () => MetricsProvider;
}) => MetricsProvider | Promise<MetricsProvider>;

/** @public */
export interface KubemateMetricsProviderExtensionPoint {
  /** Replaces the default (Prometheus) provider; only one module may do so. */
  setMetricsProvider(provider: MetricsProvider | MetricsProviderFactory): void;
}

/**
 * Replaces the metrics provider the release feature reads golden metrics from. The default
 * queries the Prometheus of each cluster (`kubemate.metrics.clusters.<name>.prometheus`).
 *
 * @public
 */
export const kubemateMetricsProviderExtensionPoint =
  createExtensionPoint<KubemateMetricsProviderExtensionPoint>({
    id: 'kubemate.metrics-provider',
  });
