import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  GoldenMetrics,
  RouteBackendFigures,
} from '@kubemate/plugin-kubemate-common';

/** Which workload, over which window. @public */
export interface GoldenMetricsQuery {
  cluster: string;
  namespace: string;
  /** Deployment name. */
  workload: string;
  /** Window in seconds; default 60. */
  windowSeconds?: number;
}

// The wire shape is the contract's (kubemate-common): what a provider answers is what the API
// sends.
export type {
  GoldenMetrics,
  RouteBackendFigures,
} from '@kubemate/plugin-kubemate-common';

/** Which route of which Service, over which window. @public */
export interface RouteBackendQuery {
  cluster: string;
  namespace: string;
  /** The route's parent Service. */
  service: string;
  /** The route's name; every route of the Service when absent. */
  route?: string;
  /** Window in seconds; default 60. */
  windowSeconds?: number;
}

/** @public */
export interface MetricsProvider {
  goldenMetrics(query: GoldenMetricsQuery): Promise<GoldenMetrics>;
  /**
   * Figures per backend Service behind a route, from the clients' outbound proxies; optional,
   * and an empty map where the series are not there.
   */
  routeBackendMetrics?(
    query: RouteBackendQuery,
  ): Promise<Map<string, RouteBackendFigures>>;
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
