import type {
  GoldenMetrics,
  Release,
  ReleaseDecision,
  ReleasePlan,
  ReleaseState,
} from '@kubemate/plugin-kubemate-common';

/** The weights a plan goes through, in percent, ending at its last step. */
export function planWeights(plan: ReleasePlan): number[] {
  if (plan.stepWeights?.length) return plan.stepWeights;
  if (plan.stepSize) {
    const max = plan.maxWeight ?? 100;
    const out: number[] = [];
    for (let w = plan.stepSize; w < max; w += plan.stepSize) out.push(w);
    out.push(max);
    return out;
  }
  return [];
}

export interface StepOutcome {
  decision: ReleaseDecision;
  state: ReleaseState;
  weight: number;
  step: number;
  failedChecks: number;
  message: string;
}

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/**
 * One step's verdict from the canary's metrics over the step's window: hold without enough
 * requests (or without metrics), count a breach of a threshold and abort after the plan's
 * number of them, else advance to the next weight, and at the end promote or wait for a person.
 */
export function decideStep(
  release: Pick<
    Release,
    'plan' | 'weight' | 'step' | 'failedChecks' | 'strategy'
  >,
  canary: GoldenMetrics,
  windowSeconds: number,
): StepOutcome {
  const { plan } = release;
  const same = {
    state: 'progressing' as ReleaseState,
    weight: release.weight,
    step: release.step,
    failedChecks: release.failedChecks,
  };
  if (canary.status === 'not-configured' || canary.status === 'unavailable')
    return {
      ...same,
      decision: 'hold',
      message: `Held: canary metrics ${canary.status} (${canary.reason})`,
    };
  const requests =
    canary.status === 'ok' ? canary.requestsPerSecond * windowSeconds : 0;
  if (canary.status === 'no-traffic' || requests < plan.minRequests)
    return {
      ...same,
      decision: 'hold',
      message: `Held: ${Math.round(
        requests,
      )} canary requests in ${windowSeconds}s, fewer than the ${
        plan.minRequests
      } a step needs`,
    };
  if (canary.status !== 'ok') throw new Error('unreachable');
  const breaches: string[] = [];
  if (canary.successRate < plan.thresholds.minSuccessRate)
    breaches.push(
      `success rate ${pct(canary.successRate)} < ${pct(
        plan.thresholds.minSuccessRate,
      )}`,
    );
  if (canary.latencyMs.p99 > plan.thresholds.maxP99LatencyMs)
    breaches.push(
      `p99 ${Math.round(canary.latencyMs.p99)} ms > ${
        plan.thresholds.maxP99LatencyMs
      } ms`,
    );
  if (breaches.length) {
    const failed = release.failedChecks + 1;
    if (failed >= plan.failedChecksToAbort)
      return {
        ...same,
        failedChecks: failed,
        decision: 'abort',
        state: 'aborted',
        weight: 0,
        message: `Aborted after ${failed} failed check(s): ${breaches.join(
          ', ',
        )}`,
      };
    return {
      ...same,
      failedChecks: failed,
      decision: 'breach',
      message: `Failed check ${failed} of ${
        plan.failedChecksToAbort
      }: ${breaches.join(', ')}`,
    };
  }
  const ok = `success rate ${pct(canary.successRate)} ≥ ${pct(
    plan.thresholds.minSuccessRate,
  )}, p99 ${Math.round(canary.latencyMs.p99)} ms ≤ ${
    plan.thresholds.maxP99LatencyMs
  } ms`;
  const weights = planWeights(plan);
  const steps =
    release.strategy === 'canary' && !weights.length
      ? plan.iterations ?? 1
      : weights.length;
  const next = release.step + 1;
  if (next >= steps)
    return plan.autoPromote
      ? {
          ...same,
          step: next,
          decision: 'promote',
          state: 'promoted',
          // Traffic is back on the stable Deployment, which now runs the canary's template.
          weight: 0,
          message: `Promoted: last step passed (${ok})`,
        }
      : {
          ...same,
          step: next,
          decision: 'wait',
          state: 'waiting',
          message: `Waiting for promotion: last step passed (${ok})`,
        };
  return {
    ...same,
    step: next,
    weight: weights.length ? weights[next] : release.weight,
    decision: 'advance',
    message: `Advanced to ${
      weights.length ? weights[next] : release.weight
    }%: ${ok}`,
  };
}
