import type { ObservabilityLinkContext } from './types';

/** The placeholders a URL template may use. */
export const OBSERVABILITY_PLACEHOLDERS = [
  'cluster',
  'namespace',
  'kind',
  'name',
  'container',
  'pod',
  'host',
  'from',
  'to',
  'from.iso',
  'to.iso',
  'from.us',
  'to.us',
  'entity.kind',
  'entity.namespace',
  'entity.name',
  'entity.ref',
  'jaeger.service',
  'grafana.selector',
] as const;
export type ObservabilityPlaceholder =
  (typeof OBSERVABILITY_PLACEHOLDERS)[number];

const PLACEHOLDER = /\$\{\s*([^}]*?)\s*\}/g;

/** The placeholders used by a template; throws on an unknown one (naming it). */
export function templatePlaceholders(
  template: string,
): ObservabilityPlaceholder[] {
  const found: ObservabilityPlaceholder[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    const key = m[1] as ObservabilityPlaceholder;
    if (!OBSERVABILITY_PLACEHOLDERS.includes(key)) {
      throw new Error(
        `unknown placeholder \${${
          m[1]
        }} (known: ${OBSERVABILITY_PLACEHOLDERS.map(p => `\${${p}}`).join(
          ' ',
        )})`,
      );
    }
    found.push(key);
  }
  return found;
}

/** A bound of the time window in the form the placeholder asks for. */
function windowValue(
  key: 'from' | 'to' | 'from.iso' | 'to.iso' | 'from.us' | 'to.us',
  window: ObservabilityLinkContext['window'],
): string | undefined {
  if (!window) return undefined;
  const [bound, form] = key.split('.') as ['from' | 'to', string | undefined];
  const date = new Date(window[bound]);
  const ms = date.getTime();
  if (Number.isNaN(ms)) return undefined;
  if (form === 'iso') return date.toISOString();
  if (form === 'us') return `${ms}000`;
  return String(ms);
}

export function placeholderValue(
  key: ObservabilityPlaceholder,
  context: ObservabilityLinkContext,
): string | undefined {
  const e = context.entity;
  switch (key) {
    case 'from':
    case 'to':
    case 'from.iso':
    case 'to.iso':
    case 'from.us':
    case 'to.us':
      return windowValue(key, context.window);
    case 'entity.kind':
      return e?.kind;
    case 'entity.namespace':
      return e?.namespace;
    case 'entity.name':
      return e?.name;
    case 'entity.ref':
      return e
        ? `${e.kind.toLocaleLowerCase('en-US')}:${e.namespace}/${e.name}`
        : undefined;
    case 'jaeger.service':
      return context.jaegerService;
    case 'grafana.selector':
      return context.grafanaSelector;
    default:
      return context[key];
  }
}

/**
 * Fills a template's placeholders, each value passed through `encode`. Returns undefined when a
 * placeholder has no value in the context (a link with a hole in it would point somewhere
 * wrong) and throws on unknown placeholders.
 */
export function fillTemplate(
  template: string,
  context: ObservabilityLinkContext,
  encode: (value: string) => string = encodeURIComponent,
): string | undefined {
  templatePlaceholders(template);
  let missing = false;
  const out = template.replace(PLACEHOLDER, (_, key: string) => {
    const value = placeholderValue(key as ObservabilityPlaceholder, context);
    if (value === undefined || value === '') {
      missing = true;
      return '';
    }
    return encode(value);
  });
  return missing ? undefined : out;
}
