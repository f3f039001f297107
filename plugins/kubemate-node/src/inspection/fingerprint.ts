import * as crypto from 'node:crypto';

/**
 * The identity of a finding: what was checked, where.
 *
 * Only stable identifiers go in here, never messages, observed values or
 * timestamps, so the same risk on the same resource keeps its fingerprint
 * across runs, rule text edits and engine versions.
 *
 * @public
 */
export interface FingerprintInput {
  cluster: string;
  ruleId: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Container name for per-container checks. */
  container?: string;
  /** Node / host name for node-level checks (also used by Ansible results). */
  host?: string;
  /** Optional extra stable discriminator (e.g. an event reason). */
  detail?: string;
}

/**
 * sha256 (hex) over the identity fields, joined with a separator that cannot
 * occur in Kubernetes names. Empty optional fields are encoded as empty
 * strings so adding a field later does not change existing fingerprints.
 *
 * @public
 */
export function computeFingerprint(input: FingerprintInput): string {
  const parts = [
    input.cluster,
    input.ruleId,
    input.kind,
    input.namespace ?? '',
    input.name,
    input.container ?? '',
    input.host ?? '',
  ];
  if (input.detail) {
    parts.push(input.detail);
  }
  const text = parts.join('\u0000');
  // crypto.hash (Node >= 21.7) is a faster one-shot digest; same output.
  return typeof crypto.hash === 'function'
    ? crypto.hash('sha256', text, 'hex')
    : crypto.createHash('sha256').update(text).digest('hex');
}
