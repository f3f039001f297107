/** What replaces a Secret's value in a finding. */
export const REDACTED = '[redacted]';

/** Values shorter than this are only redacted where they are the whole text: "a" is everywhere. */
const MIN_INLINE = 4;

function decode(base64: string): string | undefined {
  try {
    return Buffer.from(base64, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

/** The values a Secret holds, as stored (base64 `data`, plain `stringData`) and decoded. */
export function secretValues(secret: {
  data?: Record<string, unknown>;
  stringData?: Record<string, unknown>;
}): string[] {
  const out = new Set<string>();
  for (const v of Object.values(secret.data ?? {})) {
    if (typeof v !== 'string' || !v) continue;
    out.add(v);
    const plain = decode(v);
    if (plain) out.add(plain);
  }
  for (const v of Object.values(secret.stringData ?? {})) {
    if (typeof v === 'string' && v) out.add(v);
  }
  // Longest first, so a value containing another is replaced whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * `text` without any of `values`: a rule's observed or expected value may be a Secret's value
 * (a custom rule reading `object.data.password`), and findings travel to reports and exports.
 */
export function scrubSecretValues(
  text: string | undefined,
  values: string[],
): string | undefined {
  if (text === undefined || !values.length) return text;
  if (values.includes(text.trim())) return REDACTED;
  let out = text;
  for (const v of values) {
    if (v.length >= MIN_INLINE) out = out.split(v).join(REDACTED);
  }
  return out;
}
