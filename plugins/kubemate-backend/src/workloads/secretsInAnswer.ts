import type { EntityWorkloadsResponse } from '@kubemate/plugin-kubemate-common';
import type { Request } from 'express';
import type { SerializedAnswer } from '../live/SerializedAnswer';
import {
  secretVersionOf,
  type SecretVersion,
} from '../security/SecretReadAudit';

const known = new WeakMap<SerializedAnswer, SecretVersion[]>();

const hasValues = (s: { data?: object; stringData?: object }) =>
  Object.keys(s.data ?? {}).length + Object.keys(s.stringData ?? {}).length > 0;

/**
 * The Secrets with values in a Workloads answer, found once per answer (an answer is kept and
 * reused until the entity's objects change).
 */
export function secretsIn(answer: SerializedAnswer): SecretVersion[] {
  let secrets = known.get(answer);
  if (!secrets) {
    const value = JSON.parse(answer.body.toString()) as EntityWorkloadsResponse;
    secrets = value.clusters.flatMap(c =>
      (c.resources?.secrets ?? [])
        .filter(s => hasValues(s as { data?: object; stringData?: object }))
        .map(s => secretVersionOf(c.cluster, s)),
    );
    known.set(answer, secrets);
  }
  return secrets;
}

/**
 * Whether the caller already holds this answer (`sendAnswer` then sends a 304 without a body,
 * so nothing is served): the same If-None-Match test as `sendAnswer`.
 */
export function alreadyHeld(req: Request, answer: SerializedAnswer): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map(tag => tag.trim().replace(/^W\//, ''))
    .some(tag => tag === '*' || tag === answer.etag || tag === answer.gzipEtag);
}
