import { parseAllDocuments, stringify } from 'yaml';

/** What stands in for a Secret value wherever an object leaves the backend without permission. */
export const REDACTED = '<redacted>';
/** What stands in for a Secret value that a change sets anew (in a diff's "after" side). */
export const REDACTED_CHANGED = '<redacted, changed>';

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

/** A Secret's values: `data` as stored, `stringData` as written (it wins over `data`). */
function secretValues(o: Obj | undefined): Map<string, string> {
  const values = new Map<string, string>();
  for (const [field, encode] of [
    ['data', (v: string) => v],
    ['stringData', (v: string) => Buffer.from(v).toString('base64')],
  ] as const) {
    const map = o?.[field];
    if (!map || typeof map !== 'object') continue;
    for (const [k, v] of Object.entries(map as Record<string, unknown>)) {
      values.set(k, typeof v === 'string' ? encode(v) : JSON.stringify(v));
    }
  }
  return values;
}

/**
 * Two versions of a Secret redacted for a diff: no value leaves, but a key whose value the
 * change sets anew reads `<redacted, changed>` on the after side, so the diff still shows which
 * keys change. Other objects are returned as they are.
 */
export function redactSecretPair<B, A>(before: B, after: A): [B, A] {
  const b = before as unknown as Obj;
  const a = after as unknown as Obj;
  if (b?.kind !== 'Secret' && a?.kind !== 'Secret') return [before, after];
  const old = secretValues(b);
  const redactedAfter = redactSecret(after) as unknown as Obj;
  for (const field of ['data', 'stringData'] as const) {
    const map = a?.[field] as Record<string, unknown> | undefined;
    if (!map || typeof map !== 'object') continue;
    const now = secretValues({ [field]: map } as Obj);
    redactedAfter[field] = Object.fromEntries(
      Object.keys(map).map(k => [
        k,
        old.get(k) === now.get(k) ? REDACTED : REDACTED_CHANGED,
      ]),
    );
  }
  return [redactSecret(before), redactedAfter as unknown as A];
}
