import { InputError, NotFoundError } from '@backstage/errors';
import type {
  TrafficRouteChange,
  TrafficRouteRef,
} from '@kubemate/plugin-kubemate-node';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Gateway API limits: backendRefs per rule and the largest weight. */
export const MAX_BACKENDS = 16;
export const MAX_WEIGHT = 1_000_000;
export const MAX_MATCHES = 8;
export const MAX_HEADERS = 16;

/** Checks names and weights before anything is sent; every error names the field. */
export function validateChange(change: TrafficRouteChange, what: string): void {
  const { backends } = change;
  if (!backends.length || backends.length > MAX_BACKENDS) {
    throw new InputError(
      `${what}: between 1 and ${MAX_BACKENDS} backends are required`,
    );
  }
  const seen = new Set<string>();
  backends.forEach((b, i) => {
    if (!DNS_LABEL.test(b.service)) {
      throw new InputError(
        `${what}: backends[${i}].service '${b.service}' is not a Service name`,
      );
    }
    if (seen.has(b.service)) {
      throw new InputError(`${what}: backend ${b.service} is listed twice`);
    }
    seen.add(b.service);
    if (!Number.isInteger(b.weight) || b.weight < 0 || b.weight > MAX_WEIGHT) {
      throw new InputError(
        `${what}: backends[${i}].weight must be an integer from 0 to ${MAX_WEIGHT}`,
      );
    }
    if (
      b.port !== undefined &&
      (!Number.isInteger(b.port) || b.port < 1 || b.port > 65535)
    ) {
      throw new InputError(`${what}: backends[${i}].port must be 1..65535`);
    }
  });
  if (backends.every(b => b.weight === 0)) {
    throw new InputError(`${what}: at least one backend needs a weight`);
  }
  const matches = change.matches ?? [];
  if (matches.length > MAX_MATCHES) {
    throw new InputError(`${what}: at most ${MAX_MATCHES} matches`);
  }
  matches.forEach((m, i) => {
    const count = (m.headers?.length ?? 0) + (m.cookies?.length ?? 0);
    if (!count || count > MAX_HEADERS) {
      throw new InputError(
        `${what}: matches[${i}] needs 1 to ${MAX_HEADERS} headers or cookies`,
      );
    }
    for (const h of [...(m.headers ?? []), ...(m.cookies ?? [])]) {
      if (!h.name || h.name.length > 256 || h.value.length > 4096) {
        throw new InputError(
          `${what}: matches[${i}] has an empty or too long name or value`,
        );
      }
    }
  });
}

/** The one route of a Service, by name when several attach to it. */
export function pickRoute<T extends { metadata: { name: string } }>(
  routes: T[],
  ref: TrafficRouteRef,
  kind: string,
  cluster: string,
): T {
  const where = `Service ${ref.namespace}/${ref.service} in cluster ${cluster}`;
  const candidates = ref.route
    ? routes.filter(r => r.metadata.name === ref.route)
    : routes;
  if (!candidates.length) {
    throw new NotFoundError(
      ref.route
        ? `${kind} ${ref.namespace}/${ref.route} does not route ${where}`
        : `No ${kind} routes ${where}`,
    );
  }
  if (candidates.length > 1) {
    throw new InputError(
      `Several ${kind}s route ${where} (${candidates
        .map(r => r.metadata.name)
        .join(', ')}); name one`,
    );
  }
  return candidates[0];
}

/**
 * Runs a read-modify-replace again when the object changed in between (controllers write route
 * status all the time), like client-go's RetryOnConflict; the change is computed from the
 * fresh object each time, so nobody's write is lost.
 */
export async function retryOnConflict<T>(
  fn: () => Promise<T>,
  attempts = 4,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if ((e as Error)?.name !== 'ConflictError' || i >= attempts) throw e;
      await new Promise(r => setTimeout(r, 20 * i));
    }
  }
}
