import { errors, StatusError } from '../api/errors';

export interface FaultRule {
  /** Verb to match (get, list, watch, create, update, patch, delete) or '*'. */
  verb?: string;
  /** Plural resource to match or '*'. */
  resource?: string;
  /** Probability 0..1 of failing the request. */
  errorRate?: number;
  /** HTTP status for injected errors (default 500). */
  code?: number;
}

export interface FaultConfig {
  /** Added latency per request in ms. */
  latencyMs?: number;
  rules?: FaultRule[];
  /** Close watch streams after this many ms. */
  dropWatchesAfterMs?: number;
}

/** Faults on demand: latency, error rates per verb/resource, dropped watches. */
export class Faults {
  private cfg: FaultConfig = {};

  constructor(initial?: FaultConfig) {
    if (initial) this.set(initial);
  }

  set(cfg: FaultConfig) {
    this.cfg = {
      latencyMs: cfg.latencyMs ?? 0,
      rules: cfg.rules ?? [],
      dropWatchesAfterMs: cfg.dropWatchesAfterMs,
    };
  }

  get(): FaultConfig {
    return this.cfg;
  }

  latency(): number {
    return this.cfg.latencyMs ?? 0;
  }

  dropWatchesAfterMs(): number | undefined {
    return this.cfg.dropWatchesAfterMs;
  }

  /** Throws the injected error if a rule fires. */
  check(verb: string, resource: string) {
    for (const r of this.cfg.rules ?? []) {
      if (r.verb && r.verb !== '*' && r.verb !== verb) continue;
      if (r.resource && r.resource !== '*' && r.resource !== resource) continue;
      if (Math.random() < (r.errorRate ?? 0)) {
        const code = r.code ?? 500;
        if (code === 429)
          throw errors.tooManyRequests('simulated fault: too many requests');
        if (code === 504) throw errors.timeout('simulated fault: timeout', {});
        throw new StatusError(
          code,
          code === 503 ? 'ServiceUnavailable' : 'InternalError',
          `simulated fault injected for ${verb} ${resource}`,
          { causes: [{ message: 'simulated fault' }] },
        );
      }
    }
  }
}
