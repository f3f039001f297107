/**
 * Minimal placeholder templates for messages and fix snippets.
 *
 * Syntax: `{{ .name }}`, `{{ .params.daysBeforeExpiry }}` — a dot path into
 * the template data, Go-template style. No logic, no pipes. Missing values
 * render as an empty string. Templates are compiled once per rule.
 */

/** Top-level names available to templates. @public */
export const TEMPLATE_VARIABLES = [
  'cluster',
  'ruleId',
  'kind',
  'resource',
  'apiVersion',
  'namespace',
  'name',
  'container',
  'host',
  'observed',
  'expected',
  'params',
  'podSpecPatchOpen',
  'podSpecPatchClose',
] as const;

/** @public */
export type TemplateData = {
  [K in (typeof TEMPLATE_VARIABLES)[number]]?: unknown;
};

type Part = string | string[];

/** A compiled template. @public */
export interface CompiledTemplate {
  readonly source: string;
  render(data: TemplateData): string;
}

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;
const PATH = /^\.[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Thrown by {@link compileTemplate}; `offset` is where in the source. */
export class TemplateSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') {
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Compile a template, validating every placeholder.
 *
 * @public
 */
export function compileTemplate(source: string): CompiledTemplate {
  const parts: Part[] = [];
  let last = 0;
  for (const m of source.matchAll(PLACEHOLDER)) {
    const expr = m[1];
    const offset = m.index ?? 0;
    if (!PATH.test(expr)) {
      throw new TemplateSyntaxError(
        `invalid placeholder "{{ ${expr} }}", expected a path such as {{ .name }}`,
        offset,
      );
    }
    const path = expr.slice(1).split('.');
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(path[0])) {
      throw new TemplateSyntaxError(
        `unknown placeholder "{{ ${expr} }}", known: ${TEMPLATE_VARIABLES.map(
          v => `.${v}`,
        ).join(', ')}`,
        offset,
      );
    }
    if (offset > last) parts.push(source.slice(last, offset));
    parts.push(path);
    last = offset + m[0].length;
  }
  if (last < source.length) parts.push(source.slice(last));
  const unmatched = source.slice(last).indexOf('{{');
  if (unmatched >= 0) {
    throw new TemplateSyntaxError('unterminated "{{"', last + unmatched);
  }

  return {
    source,
    render(data: TemplateData): string {
      let out = '';
      for (const part of parts) {
        if (typeof part === 'string') {
          out += part;
          continue;
        }
        let value: unknown = data;
        for (const key of part) {
          if (value === null || typeof value !== 'object') {
            value = undefined;
            break;
          }
          value = (value as Record<string, unknown>)[key];
        }
        out += stringify(value);
      }
      return out;
    },
  };
}
