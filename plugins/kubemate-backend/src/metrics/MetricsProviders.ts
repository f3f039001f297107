import type { Config } from '@backstage/config';
import type {
  MetricsProvider,
  MetricsProviderFactory,
} from '@kubemate/plugin-kubemate-node';
import { PrometheusMetricsProvider } from './PrometheusMetricsProvider';

/**
 * The metrics provider the release feature asks for a cluster's golden metrics: Prometheus by
 * default, or the one a module set (which may delegate to the default for some clusters).
 */
export class MetricsProviders {
  private constructor(private readonly provider: MetricsProvider) {}

  static async create(options: {
    config: Config;
    registered?: MetricsProvider | MetricsProviderFactory;
  }): Promise<MetricsProviders> {
    let fallback: MetricsProvider | undefined;
    const getDefault = () =>
      (fallback ??= PrometheusMetricsProvider.fromConfig(options.config));
    const { registered } = options;
    const provider =
      typeof registered === 'function'
        ? await registered({ getDefault })
        : registered ?? getDefault();
    return new MetricsProviders(provider);
  }

  forCluster(_cluster: string): MetricsProvider {
    return this.provider;
  }
}
