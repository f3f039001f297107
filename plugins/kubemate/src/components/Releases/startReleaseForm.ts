import type { CreateReleaseRequest } from '@kubemate/plugin-kubemate-common';

/** How the canary's weight climbs: listed weights, a step size up to a maximum, or not at all. */
export type StepsMode = 'weights' | 'size' | 'none';

/** The form as typed: text, so half-typed numbers stay as they are until submitted. */
export interface ReleaseForm {
  cluster: string;
  namespace: string;
  service: string;
  stable: string;
  canary: string;
  strategy: 'gray' | 'canary';
  matchKind: 'header' | 'cookie';
  matchName: string;
  matchValue: string;
  steps: StepsMode;
  stepWeights: string;
  stepSize: string;
  maxWeight: string;
  intervalSeconds: string;
  iterations: string;
  minSuccessPercent: string;
  maxP99Ms: string;
  minRequests: string;
  failedChecksToAbort: string;
  autoPromote: boolean;
  /** Sticky sessions: the canary's responses set this cookie, which keeps a user on it. */
  sticky: boolean;
  stickyCookie: string;
  /** Probe ids, comma or space separated, that must pass before each step forward. */
  gateProbes: string;
}

export type ReleaseFormErrors = Partial<Record<keyof ReleaseForm, string>>;

export const DEFAULT_FORM: ReleaseForm = {
  cluster: '',
  namespace: '',
  service: '',
  stable: '',
  canary: '',
  strategy: 'gray',
  matchKind: 'header',
  matchName: 'x-canary',
  matchValue: 'yes',
  steps: 'weights',
  stepWeights: '10, 25, 50',
  stepSize: '10',
  maxWeight: '50',
  intervalSeconds: '60',
  iterations: '',
  minSuccessPercent: '99',
  maxP99Ms: '500',
  minRequests: '20',
  failedChecksToAbort: '1',
  autoPromote: false,
  sticky: false,
  stickyCookie: 'kubemate-canary',
  gateProbes: '',
};

// A header name (RFC 9110 token) or cookie name; the route's match carries it as is.
const TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,64}$/;

/** An integer within bounds, or the reason it is not one. */
function int(
  text: string,
  min: number,
  max: number,
): { value?: number; error?: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t))
    return { error: `a whole number from ${min} to ${max}` };
  const value = Number(t);
  if (value < min || value > max)
    return { error: `a whole number from ${min} to ${max}` };
  return { value };
}

/** A number within bounds (decimals allowed). */
function num(
  text: string,
  min: number,
  max: number,
): { value?: number; error?: string } {
  const t = text.trim();
  const value = Number(t);
  if (t === '' || !Number.isFinite(value) || value < min || value > max)
    return { error: `a number from ${min} to ${max}` };
  return { value };
}

/** "10, 25 50" → [10, 25, 50]; each from 1 to 100, rising. */
export function parseStepWeights(text: string): {
  value?: number[];
  error?: string;
} {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return { error: 'at least one weight, e.g. 10, 50' };
  if (parts.length > 50) return { error: 'at most 50 steps' };
  const value: number[] = [];
  for (const part of parts) {
    const w = int(part, 1, 100);
    if (w.error) return { error: `"${part}" is not ${w.error}` };
    if (value.length && w.value! <= value[value.length - 1])
      return { error: 'weights must rise from step to step' };
    value.push(w.value!);
  }
  return { value };
}

const PROBE_ID = /^[a-z0-9-]{1,63}$/;

/** The ids in the form's text (space or comma separated), in order, without repeats. */
export function gateProbeIds(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** "a, b c" → ["a", "b", "c"]: probe ids, at most 20. */
export function parseGateProbes(text: string): {
  value?: string[];
  error?: string;
} {
  const ids = gateProbeIds(text);
  const bad = ids.find(id => !PROBE_ID.test(id));
  if (bad) return { error: `"${bad}" is not a probe id (a-z, 0-9 and -)` };
  if (ids.length > 20) return { error: 'at most 20 probes' };
  return { value: ids };
}

/**
 * Checks the form and builds the request the backend takes (its schema checks the same
 * bounds again); any error keeps the request undefined.
 */
export function buildReleaseRequest(form: ReleaseForm): {
  errors: ReleaseFormErrors;
  request?: CreateReleaseRequest;
} {
  const errors: ReleaseFormErrors = {};
  for (const key of [
    'cluster',
    'namespace',
    'service',
    'stable',
    'canary',
  ] as const) {
    if (!form[key]) errors[key] = 'required';
  }
  if (form.stable && form.stable === form.canary)
    errors.canary = 'must differ from the stable version';

  const canary = form.strategy === 'canary';
  if (canary) {
    if (!TOKEN.test(form.matchName.trim()))
      errors.matchName = `a ${form.matchKind} name (letters, digits, - _ . and the like)`;
    if (!form.matchValue.trim()) errors.matchValue = 'required';
  }

  const plan: Partial<CreateReleaseRequest['plan']> = {};
  if (form.steps === 'weights') {
    const weights = parseStepWeights(form.stepWeights);
    if (weights.error) errors.stepWeights = weights.error;
    else plan.stepWeights = weights.value;
  } else if (form.steps === 'size') {
    const size = int(form.stepSize, 1, 100);
    const max = int(form.maxWeight, 1, 100);
    if (size.error) errors.stepSize = size.error;
    else plan.stepSize = size.value;
    if (max.error) errors.maxWeight = max.error;
    else plan.maxWeight = max.value;
    if (size.value && max.value && size.value > max.value)
      errors.stepSize = 'must not exceed the maximum weight';
  } else if (!canary) {
    errors.steps = 'a gray release moves by weight: give weights or a size';
  }
  // Iterations: how many checks a weightless canary makes before waiting for promotion.
  if (canary && (form.steps === 'none' || form.iterations.trim() !== '')) {
    const iterations = int(form.iterations, 1, 1000);
    if (iterations.error) errors.iterations = iterations.error;
    else plan.iterations = iterations.value;
  }

  const interval = int(form.intervalSeconds, 1, 86_400);
  if (interval.error) errors.intervalSeconds = interval.error;
  const success = num(form.minSuccessPercent, 0, 100);
  if (success.error) errors.minSuccessPercent = success.error;
  const p99 = num(form.maxP99Ms, 1, 600_000);
  if (p99.error) errors.maxP99Ms = p99.error;
  const minRequests = int(form.minRequests, 0, 1_000_000_000);
  if (minRequests.error) errors.minRequests = minRequests.error;
  const failed = int(form.failedChecksToAbort, 1, 100);
  if (failed.error) errors.failedChecksToAbort = failed.error;

  const gate = parseGateProbes(form.gateProbes);
  if (gate.error) errors.gateProbes = gate.error;

  if (form.sticky && !TOKEN.test(form.stickyCookie.trim()))
    errors.stickyCookie = 'a cookie name (letters, digits, - _ . and the like)';

  if (Object.keys(errors).length) return { errors };
  const match = { name: form.matchName.trim(), value: form.matchValue.trim() };
  return {
    errors,
    request: {
      cluster: form.cluster,
      namespace: form.namespace,
      service: form.service,
      stable: form.stable,
      canary: form.canary,
      strategy: form.strategy,
      ...(canary
        ? {
            match:
              form.matchKind === 'header'
                ? { headers: [match] }
                : { cookies: [match] },
          }
        : {}),
      ...(form.sticky ? { sticky: { cookie: form.stickyCookie.trim() } } : {}),
      plan: {
        ...plan,
        intervalSeconds: interval.value!,
        thresholds: {
          // The form takes a percent; the plan a ratio.
          minSuccessRate: Number((success.value! / 100).toFixed(6)),
          maxP99LatencyMs: p99.value!,
        },
        minRequests: minRequests.value!,
        failedChecksToAbort: failed.value!,
        autoPromote: form.autoPromote,
        ...(gate.value?.length ? { gateProbes: gate.value } : {}),
      },
    },
  };
}
