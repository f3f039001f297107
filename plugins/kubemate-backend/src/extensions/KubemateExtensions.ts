import type { BackendPluginRegistrationPoints } from '@backstage/backend-plugin-api';
import {
  kubemateMetricsProviderExtensionPoint,
  kubemateProbesExtensionPoint,
  kubemateReportIngestersExtensionPoint,
  kubemateRuleFunctionsExtensionPoint,
  kubemateRulePacksExtensionPoint,
  kubemateTrafficRoutersExtensionPoint,
  kubemateWorkloadActionsExtensionPoint,
  type KubemateProbe,
  type KubemateRulePack,
  type MetricsProvider,
  type MetricsProviderFactory,
  type ReportIngester,
  type RuleFunction,
  type TrafficRouter,
  type WorkloadAction,
} from '@kubemate/plugin-kubemate-node';

/**
 * What backend modules add through the plugin's extension points, collected during
 * registration and read when the plugin initialises. Names are checked for clashes by the
 * registries that use them; the metrics provider may be set once.
 */
export class KubemateExtensions {
  readonly rulePacks: KubemateRulePack[] = [];
  readonly ruleFunctions: RuleFunction[] = [];
  readonly probes: KubemateProbe[] = [];
  readonly reportIngesters: ReportIngester[] = [];
  readonly workloadActions: WorkloadAction<any>[] = [];
  readonly trafficRouters: TrafficRouter[] = [];
  private metrics?: MetricsProvider | MetricsProviderFactory;

  get metricsProvider(): MetricsProvider | MetricsProviderFactory | undefined {
    return this.metrics;
  }

  register(env: BackendPluginRegistrationPoints): void {
    env.registerExtensionPoint(kubemateRulePacksExtensionPoint, {
      addRulePack: (...packs) => this.rulePacks.push(...packs),
    });
    env.registerExtensionPoint(kubemateRuleFunctionsExtensionPoint, {
      addRuleFunction: (...fns) => this.ruleFunctions.push(...fns),
    });
    env.registerExtensionPoint(kubemateProbesExtensionPoint, {
      addProbe: (...probes) => this.probes.push(...probes),
    });
    env.registerExtensionPoint(kubemateReportIngestersExtensionPoint, {
      addReportIngester: (...ingesters) =>
        this.reportIngesters.push(...ingesters),
    });
    env.registerExtensionPoint(kubemateWorkloadActionsExtensionPoint, {
      addWorkloadAction: (...actions) => this.workloadActions.push(...actions),
    });
    env.registerExtensionPoint(kubemateTrafficRoutersExtensionPoint, {
      addTrafficRouter: (...routers) => this.trafficRouters.push(...routers),
    });
    env.registerExtensionPoint(kubemateMetricsProviderExtensionPoint, {
      setMetricsProvider: provider => {
        if (this.metrics) {
          throw new Error(
            'A metrics provider is already set; only one module may replace the default',
          );
        }
        this.metrics = provider;
      },
    });
  }
}
