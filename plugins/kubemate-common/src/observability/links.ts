import { fillTemplate, templatePlaceholders } from './template';
import {
  OBSERVABILITY_LINK_KINDS,
  type ObservabilityLink,
  type ObservabilityLinkContext,
  type ObservabilityLinkKind,
  type ObservabilityLinkTemplate,
} from './types';

/**
 * Entity annotations whose value (a URL template, same placeholders) replaces the configured
 * links of that kind for the entity's resources.
 */
export const OBSERVABILITY_ANNOTATIONS: Record<
  Exclude<ObservabilityLinkKind, 'other'>,
  string
> = {
  grafana: 'kubemate.io/grafana-dashboard',
  prometheus: 'kubemate.io/prometheus-graph',
  loki: 'kubemate.io/loki-logs',
  jaeger: 'kubemate.io/jaeger-traces',
  linkerd: 'kubemate.io/linkerd-dashboard',
};

/**
 * Annotations other Backstage plugins define, read as values rather than templates: templates
 * use them as `${jaeger.service}` and `${grafana.selector}`, and are left out for entities
 * without them.
 */
export const OBSERVABILITY_VALUE_ANNOTATIONS = {
  jaegerService: 'jaegertracing.io/service',
  grafanaSelector: 'grafana/dashboard-selector',
} as const;

const DEFAULT_TITLES: Record<ObservabilityLinkKind, string> = {
  grafana: 'Grafana dashboard',
  prometheus: 'Prometheus',
  loki: 'Logs (Loki)',
  jaeger: 'Traces (Jaeger)',
  linkerd: 'Linkerd dashboard',
  other: 'Dashboard',
};

const HTTP_URL = /^https?:\/\//i;

/** Throws an Error saying what is wrong with a configured template. */
export function validateLinkTemplate(
  template: ObservabilityLinkTemplate,
): void {
  if (!template.title?.trim()) throw new Error('title is empty');
  if (!OBSERVABILITY_LINK_KINDS.includes(template.kind)) {
    throw new Error(
      `kind '${template.kind}' is not one of ${OBSERVABILITY_LINK_KINDS.join(
        ', ',
      )}`,
    );
  }
  if (!HTTP_URL.test(template.url)) {
    throw new Error(
      `url must start with http:// or https:// (got '${template.url}')`,
    );
  }
  try {
    templatePlaceholders(template.url);
  } catch (e) {
    throw new Error(`url: ${(e as Error).message}`);
  }
  for (const [key, value] of Object.entries(template.params ?? {})) {
    try {
      templatePlaceholders(value);
    } catch (e) {
      throw new Error(`params.${key}: ${(e as Error).message}`);
    }
  }
}

/**
 * One link from one template, or undefined when the template needs a value the context lacks,
 * is invalid, or does not produce an http(s) URL (an annotation could otherwise smuggle in a
 * `javascript:` link).
 */
export function buildObservabilityLink(
  template: ObservabilityLinkTemplate,
  context: ObservabilityLinkContext,
): ObservabilityLink | undefined {
  try {
    validateLinkTemplate(template);
    let url = fillTemplate(template.url, context);
    if (url === undefined) return undefined;
    const params = Object.entries(template.params ?? {});
    if (params.length) {
      const query = new URLSearchParams();
      for (const [key, value] of params) {
        const filled = fillTemplate(value, context, v => v);
        if (filled === undefined) return undefined;
        query.append(key, filled);
      }
      // URLSearchParams writes spaces as '+'; %20 reads the same everywhere.
      const encoded = query.toString().replace(/\+/g, '%20');
      url += `${url.includes('?') ? '&' : '?'}${encoded}`;
    }
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return undefined;
    }
    return { title: template.title, kind: template.kind, url };
  } catch {
    return undefined;
  }
}

/**
 * The links for one resource: the configured templates, where an entity annotation of
 * {@link OBSERVABILITY_ANNOTATIONS} replaces the templates of its kind (keeping the first
 * one's title and position), filled with the context and the values of
 * {@link OBSERVABILITY_VALUE_ANNOTATIONS}.
 */
export function observabilityLinks(
  templates: ObservabilityLinkTemplate[],
  context: ObservabilityLinkContext,
  annotations?: Record<string, string>,
): ObservabilityLink[] {
  const overrides = new Map<ObservabilityLinkKind, string>();
  for (const [kind, annotation] of Object.entries(OBSERVABILITY_ANNOTATIONS)) {
    const value = annotations?.[annotation]?.trim();
    if (value) overrides.set(kind as ObservabilityLinkKind, value);
  }
  const effective: ObservabilityLinkTemplate[] = [];
  const placed = new Set<ObservabilityLinkKind>();
  for (const t of templates) {
    const override = overrides.get(t.kind);
    if (override === undefined) {
      effective.push(t);
    } else if (!placed.has(t.kind)) {
      placed.add(t.kind);
      effective.push({ title: t.title, kind: t.kind, url: override });
    }
  }
  for (const [kind, url] of overrides) {
    if (!placed.has(kind)) {
      effective.push({ title: DEFAULT_TITLES[kind], kind, url });
    }
  }
  const withValues: ObservabilityLinkContext = { ...context };
  for (const [key, annotation] of Object.entries(
    OBSERVABILITY_VALUE_ANNOTATIONS,
  ) as Array<[keyof typeof OBSERVABILITY_VALUE_ANNOTATIONS, string]>) {
    const value = annotations?.[annotation]?.trim();
    if (value) withValues[key] = value;
  }
  return effective.flatMap(t => buildObservabilityLink(t, withValues) ?? []);
}
