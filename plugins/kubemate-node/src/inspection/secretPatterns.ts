/**
 * Value-based secret detection for the baseline rules (see the
 * false-positive policy in `container-env-plain-secret`). Pure functions,
 * exposed to rules as CEL functions in `environment.ts`.
 */

/** Minimum length of a value checked for entropy. */
export const ENTROPY_MIN_LENGTH = 20;
/** Longest single value checked for entropy (longer ones are files, not tokens). */
export const ENTROPY_MAX_LENGTH = 4096;
/**
 * Shannon entropy (bits per character) at or above which a base64-alphabet
 * value is flagged. Random base64 of 32+ characters scores 4.6–5.2; words,
 * identifiers and host names of that length score 3.5–4.3. A string of n
 * characters cannot score more than log2(n), so shorter values need
 * log2(n) − {@link SHORT_ENTROPY_MARGIN} instead (4.02 at 20 characters).
 */
export const BASE64_ENTROPY_THRESHOLD = 4.5;
/** Margin below log2(length) for base64 values shorter than 32 characters. */
export const SHORT_ENTROPY_MARGIN = 0.3;

/** The base64 threshold for a value of `length` characters. */
export function base64EntropyThreshold(length: number): number {
  return Math.min(
    BASE64_ENTROPY_THRESHOLD,
    Math.log2(length) - SHORT_ENTROPY_MARGIN,
  );
}
/** The same for hex values (random hex scores about 3.5–4.0 of at most 4). */
export const HEX_ENTROPY_THRESHOLD = 3.0;
/** Minimum length of a hex value checked for entropy (shorter: ids, colours). */
export const HEX_MIN_LENGTH = 32;

/** Well-known token formats, searched anywhere in a value. */
const TOKEN_FORMATS: Array<[string, RegExp]> = [
  ['private key', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/],
  ['AWS access key id', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_\w{22,})/],
  ['Slack token', /\bxox[baprs]-[A-Za-z0-9-]{10,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}/],
  ['JWT', /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]{10,}/],
];

/** `scheme://user:password@host` with a literal password. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:([^\s/@]+)@/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
const BASE64ISH = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Shannon entropy of a string in bits per character (0 for ""). */
export function shannonEntropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = value.length;
  let bits = 0;
  for (const c of counts.values()) {
    const p = c / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Whether a literal value is a reference or placeholder rather than a
 * secret: empty, `${VAR}` / `$(VAR)` / `{{ ... }}` templates, booleans and
 * numbers.
 */
export function isPlaceholderValue(value: unknown): boolean {
  if (typeof value !== 'string') return true;
  const v = value.trim();
  if (v === '') return true;
  if (/\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}/.test(v)) return true;
  if (/^(true|false|yes|no|on|off|null|none)$/i.test(v)) return true;
  return /^[+-]?\d+(\.\d+)?$/.test(v);
}

function highEntropyKind(value: string): string {
  const v = value.trim();
  if (v.length < ENTROPY_MIN_LENGTH || v.length > ENTROPY_MAX_LENGTH) {
    return '';
  }
  if (UUID.test(v)) return '';
  if (HEX.test(v)) {
    // 40 and 64 hex digits are commit ids and sha256 digests.
    if (v.length < HEX_MIN_LENGTH || v.length === 40 || v.length === 64) {
      return '';
    }
    return shannonEntropy(v) >= HEX_ENTROPY_THRESHOLD
      ? 'high-entropy string'
      : '';
  }
  if (!BASE64ISH.test(v)) return '';
  // Random base64 mixes cases and digits; identifiers and words rarely do.
  if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/[0-9]/.test(v)) return '';
  return shannonEntropy(v) >= base64EntropyThreshold(v.length)
    ? 'high-entropy string'
    : '';
}

/**
 * What kind of secret a literal value looks like (`""` when it does not):
 * a PEM private key, a well-known token format, a URL with a password, or a
 * high-entropy single token. See the rule descriptions for what is not
 * flagged.
 */
export function secretValueKind(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') return '';
  for (const [kind, pattern] of TOKEN_FORMATS) {
    if (pattern.test(value)) return kind;
  }
  const url = URL_CREDENTIALS.exec(value);
  if (url && !isPlaceholderValue(url[1])) return 'URL with password';
  if (isPlaceholderValue(value) || value.includes('://')) return '';
  return highEntropyKind(value);
}
