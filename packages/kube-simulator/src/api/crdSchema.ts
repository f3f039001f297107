import { FieldError, fieldErr } from './errors';
import { isObject } from '../util/types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Schema = Record<string, any>;

const TYPE_OF = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
};

/**
 * Structural-schema validation and pruning for custom resources: type, enum, required,
 * minimum/maximum, min/maxLength, pattern; unknown fields are dropped unless preserved.
 */
export function validateAndPrune(
  value: unknown,
  schema: Schema | undefined,
  path: string,
  errs: FieldError[],
): unknown {
  if (!schema) return value;
  const t = schema.type as string | undefined;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  if (value === null && schema.nullable) return value;
  if (intOrString) {
    if (typeof value !== 'string' && !Number.isInteger(value)) {
      errs.push(
        fieldErr.invalid(
          path,
          TYPE_OF(value),
          `${path} in body must be of type integer-or-string: ${JSON.stringify(
            TYPE_OF(value),
          )}`,
        ),
      );
    }
    return value;
  }
  if (t) {
    const actual = TYPE_OF(value);
    const ok = actual === t || (t === 'number' && actual === 'integer');
    if (!ok) {
      errs.push(
        fieldErr.invalid(
          path,
          actual,
          `${path} in body must be of type ${t}: ${JSON.stringify(actual)}`,
        ),
      );
      return value;
    }
  }
  if (
    Array.isArray(schema.enum) &&
    !schema.enum.some((e: unknown) => e === value)
  ) {
    errs.push(
      fieldErr.notSupported(
        path,
        value,
        schema.enum.map((e: unknown) => String(e)),
      ),
    );
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) {
      errs.push(
        fieldErr.invalid(
          path,
          value,
          `${path} in body should be greater than or equal to ${schema.minimum}`,
        ),
      );
    }
    if (typeof schema.maximum === 'number' && value > schema.maximum) {
      errs.push(
        fieldErr.invalid(
          path,
          value,
          `${path} in body should be less than or equal to ${schema.maximum}`,
        ),
      );
    }
  }
  if (typeof value === 'string') {
    if (
      typeof schema.maxLength === 'number' &&
      value.length > schema.maxLength
    ) {
      errs.push({
        type: 'FieldValueTooLong' as FieldError['type'],
        field: path,
        message: `Too long: may not be longer than ${schema.maxLength}`,
      });
    }
    if (
      typeof schema.pattern === 'string' &&
      !new RegExp(schema.pattern).test(value)
    ) {
      errs.push(
        fieldErr.invalid(
          path,
          value,
          `${path} in body should match '${schema.pattern}'`,
        ),
      );
    }
  }
  if (isObject(value)) {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    const additional = schema.additionalProperties as
      | Schema
      | boolean
      | undefined;
    for (const req of (schema.required ?? []) as string[]) {
      if (value[req] === undefined)
        errs.push(fieldErr.required(`${path}.${req}`));
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (props[k])
        out[k] = validateAndPrune(v, props[k], `${path}.${k}`, errs);
      else if (isObject(additional))
        out[k] = validateAndPrune(v, additional, `${path}.${k}`, errs);
      else if (preserve || additional === true || (!schema.properties && !t))
        out[k] = v;
    }
    return out;
  }
  if (Array.isArray(value) && schema.items) {
    return value.map((v, i) =>
      validateAndPrune(v, schema.items as Schema, `${path}[${i}]`, errs),
    );
  }
  return value;
}

/** Validates a whole custom resource; metadata/apiVersion/kind are never pruned. */
export function validateCustomResource(
  obj: Record<string, unknown>,
  schema: Schema | undefined,
): { obj: Record<string, unknown>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  if (!schema) return { obj, errs };
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'metadata') out[k] = v;
    else if (props[k]) out[k] = validateAndPrune(v, props[k], k, errs);
    else if (preserve) out[k] = v;
  }
  for (const req of (schema.required ?? []) as string[]) {
    if (out[req] === undefined && req !== 'metadata')
      errs.push(fieldErr.required(req));
  }
  return { obj: out, errs };
}
