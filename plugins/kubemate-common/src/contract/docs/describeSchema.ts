import type { z } from 'zod';

/** A zod schema as the API reference names it (the zod 4 definition, read-only). */
type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, string>;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  checks?: { _zod: { def: { check: string; pattern?: RegExp } } }[];
};

const defOf = (s: z.ZodType) => s.def as unknown as Def;

/** The object shape of a schema, through optional/default/pipe wrappers; undefined otherwise. */
export function shapeOf(s: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = defOf(s);
  if (def.type === 'object') return def.shape;
  if (def.innerType) return shapeOf(def.innerType);
  if (def.type === 'pipe' && def.in) return shapeOf(def.in);
  return undefined;
}

function range(min?: number | null, max?: number | null): string {
  const finite = (n?: number | null) =>
    n !== undefined && n !== null && Number.isFinite(n) && Math.abs(n) < 1e15;
  if (finite(min) && finite(max)) return ` ${min}–${max}`;
  if (finite(min)) return ` ≥ ${min}`;
  if (finite(max)) return ` ≤ ${max}`;
  return '';
}

/** One line naming a schema's type and bounds, e.g. `integer 1–500`, `list of high | medium`. */
export function describeType(s: z.ZodType): string {
  const def = defOf(s);
  const named = s.description;
  switch (def.type) {
    case 'string': {
      const str = s as z.ZodString;
      const pattern = def.checks?.find(c => c._zod.def.pattern)?._zod.def
        .pattern;
      if (str.format === 'datetime') return 'ISO date-time';
      if (str.format === 'date') return 'ISO date';
      if (str.format === 'uuid') return 'UUID';
      if (pattern) return `string \`${pattern.source}\``;
      const len = range(str.minLength, str.maxLength);
      return len ? `string, length${len}` : 'string';
    }
    case 'number': {
      const num = s as z.ZodNumber;
      return `${num.isInt ? 'integer' : 'number'}${range(
        num.minValue,
        num.maxValue,
      )}`;
    }
    case 'boolean':
      return 'boolean';
    case 'literal':
      return (def.values ?? []).map(v => JSON.stringify(v)).join(' | ');
    case 'enum':
      return Object.values(def.entries ?? {})
        .map(v => `\`${v}\``)
        .join(' | ');
    case 'optional':
    case 'nullable':
    case 'readonly':
      return describeType(def.innerType!);
    case 'default':
      return `${describeType(def.innerType!)} (default ${JSON.stringify(
        def.defaultValue,
      )})`;
    case 'pipe': {
      const out = def.out!;
      // Text parsed into a value: name the value. A value transformed: name what is sent.
      if (defOf(out).type === 'transform') return describeType(def.in!);
      if (defOf(out).type === 'array') {
        return `list of ${describeType(
          defOf(out).element!,
        )} (comma-separated or repeated)`;
      }
      return describeType(out);
    }
    case 'union':
      return (def.options ?? []).map(describeType).join(' or ');
    case 'array':
      return `${describeType(def.element!)}[]`;
    case 'record':
      return `object of ${describeType(def.valueType!)}`;
    case 'object':
      return named ?? 'object';
    default:
      return named ?? def.type;
  }
}

/** Whether a field may be left out. */
export function isOptional(s: z.ZodType): boolean {
  const def = defOf(s);
  if (def.type === 'optional' || def.type === 'default') return true;
  if (def.type === 'pipe') return isOptional(def.in!);
  return false;
}

/** A markdown table of an object schema's fields; undefined when it has none. */
export function fieldTable(s: z.ZodType): string | undefined {
  const shape = shapeOf(s);
  if (!shape || Object.keys(shape).length === 0) return undefined;
  const rows = Object.entries(shape).map(
    ([key, field]) =>
      `| \`${key}\` | ${describeType(field).replace(/\|/g, '\\|')} | ${
        isOptional(field) ? '' : 'yes'
      } |`,
  );
  return ['| Field | Type | Required |', '| --- | --- | --- |', ...rows].join(
    '\n',
  );
}
