import type { Config } from '@backstage/config';
import {
  validateLinkTemplate,
  type ObservabilityLinkKind,
  type ObservabilityLinkTemplate,
} from '@kubemate/plugin-kubemate-common';

/**
 * `kubemate.observability.links` as templates. A broken template stops the backend at start-up
 * with the config key and the reason, rather than producing broken links later.
 */
export function readLinkTemplates(config: Config): ObservabilityLinkTemplate[] {
  return readTemplatesAt(config, 'kubemate.observability.links');
}

/**
 * `kubemate.observability.clusters.<cluster>.links`: a cluster's own templates, which replace
 * the global ones for its resources (another Grafana, another Loki per region…).
 */
export function readClusterLinkTemplates(
  config: Config,
): Map<string, ObservabilityLinkTemplate[]> {
  const clusters = config.getOptionalConfig('kubemate.observability.clusters');
  const out = new Map<string, ObservabilityLinkTemplate[]>();
  for (const name of clusters?.keys() ?? []) {
    out.set(
      name,
      readTemplatesAt(config, `kubemate.observability.clusters.${name}.links`),
    );
  }
  return out;
}

function readTemplatesAt(
  config: Config,
  key: string,
): ObservabilityLinkTemplate[] {
  const entries = config.getOptionalConfigArray(key) ?? [];
  return entries.map((entry, i) => {
    // Read as a whole: parameter names such as `g0.expr` contain dots, which config paths split on.
    const params = entry.getOptional<Record<string, unknown>>('params');
    if (params !== undefined) {
      const bad = Object.entries(params).find(([, v]) => typeof v !== 'string');
      if (typeof params !== 'object' || params === null || bad) {
        throw new Error(
          `${key}[${i}].params: values must be strings${
            bad ? ` (${bad[0]})` : ''
          }`,
        );
      }
    }
    const template: ObservabilityLinkTemplate = {
      title: entry.getString('title'),
      kind: (entry.getOptionalString('kind') ??
        'other') as ObservabilityLinkKind,
      url: entry.getString('url'),
      ...(params ? { params: params as Record<string, string> } : {}),
    };
    try {
      validateLinkTemplate(template);
    } catch (e) {
      throw new Error(`${key}[${i}]: ${(e as Error).message}`);
    }
    return template;
  });
}
