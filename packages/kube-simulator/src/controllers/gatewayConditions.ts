import { now } from '../util/objects';

/** A metav1.Condition as Gateway API objects carry them in status. */
export interface Condition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime: string;
}

/**
 * Builds a condition, keeping the previous lastTransitionTime while the status stays the same
 * (so an unchanged object produces an identical status and no write).
 */
export function cond(
  type: string,
  ok: boolean,
  reason: string,
  message: string,
  generation: number | undefined,
  prev: Condition[] | undefined,
): Condition {
  const old = (prev ?? []).find(c => c.type === type);
  const status = ok ? 'True' : 'False';
  return {
    type,
    status,
    reason,
    message,
    observedGeneration: generation,
    lastTransitionTime:
      old && old.status === status ? old.lastTransitionTime : now(),
  };
}
