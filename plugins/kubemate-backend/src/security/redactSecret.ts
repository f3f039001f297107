import { parseAllDocuments, stringify } from 'yaml';

/** What stands in for a Secret value wherever an object leaves the backend without permission. */
export const REDACTED = '<redacted>';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Obj = Record<string, unknown> & {
  kind?: unknown;
  metadata?: { annotations?: Record<string, unknown> };
};

function redactValues(values: unknown): unknown {
  return values && typeof values === 'object' && !Array.isArray(values)
    ? Object.fromEntries(Object.keys(values).map(k => [k, REDACTED]))
    : values;
}

/**
 * A copy of a Secret with its values replaced (keys kept, so a diff still shows which key
 * changed): `data`, `stringData`, and the last-applied-configuration annotation kubectl
 * writes, which holds the values again. Any other object is returned as it is.
 */
export function redactSecret<T>(object: T): T {
  const o = object as unknown as Obj;
  if (!o || typeof o !== 'object' || o.kind !== 'Secret') return object;
  const copy: Obj = { ...o };
  if ('data' in copy) copy.data = redactValues(copy.data);
  if ('stringData' in copy) copy.stringData = redactValues(copy.stringData);
  const annotations = o.metadata?.annotations;
  if (annotations && LAST_APPLIED in annotations) {
    copy.metadata = {
      ...o.metadata,
      annotations: { ...annotations, [LAST_APPLIED]: REDACTED },
    };
  }
  return copy as unknown as T;
}

/**
 * `redactSecret` for YAML text (the audit log's before/after): each document that is a Secret
 * comes back redacted, any other text unchanged. Text that mentions a Secret but cannot be
 * parsed is replaced whole: it is never stored as it is.
 */
export function redactSecretYaml(text: string | undefined): string | undefined {
  if (text === undefined || !/\bSecret\b/.test(text)) return text;
  try {
    const documents = parseAllDocuments(text);
    if (!Array.isArray(documents)) return text;
    const values = documents.map(d => {
      if (d.errors.length > 0) throw d.errors[0];
      return d.toJS({ maxAliasCount: 100 }) as unknown;
    });
    if (!values.some(v => (v as Obj | null)?.kind === 'Secret')) return text;
    return values.map(v => stringify(redactSecret(v))).join('---\n');
  } catch {
    return REDACTED;
  }
}
