import { releasePlanSchema } from '@kubemate/plugin-kubemate-common';
import { decideStep, planWeights } from './decide';

const plan = releasePlanSchema.parse({
  stepWeights: [10, 30],
  intervalSeconds: 10,
  thresholds: { minSuccessRate: 0.99, maxP99LatencyMs: 200 },
  minRequests: 50,
  failedChecksToAbort: 2,
});
const at = {
  plan,
  weight: 10,
  step: 0,
  failedChecks: 0,
  strategy: 'gray' as const,
};
const ok = (successRate: number, p99: number, rps = 10) => ({
  status: 'ok' as const,
  windowSeconds: 20,
  successRate,
  requestsPerSecond: rps,
  latencyMs: { p50: 10, p95: p99 / 2, p99 },
});

describe('decideStep', () => {
  it('steps through weights from a step size', () => {
    expect(
      planWeights(
        releasePlanSchema.parse({
          ...plan,
          stepWeights: undefined,
          stepSize: 20,
          maxWeight: 50,
        }),
      ),
    ).toEqual([20, 40, 50]);
  });

  it('holds without enough requests or metrics, advances within thresholds', () => {
    expect(decideStep(at, ok(1, 10, 1), 20).decision).toBe('hold');
    expect(
      decideStep(at, { status: 'unavailable', reason: 'down' }, 20),
    ).toMatchObject({
      decision: 'hold',
      message: expect.stringMatching(/unavailable/),
    });
    expect(decideStep(at, ok(0.999, 100), 20)).toMatchObject({
      decision: 'advance',
      weight: 30,
      step: 1,
    });
    expect(
      decideStep({ ...at, step: 1, weight: 30 }, ok(0.999, 100), 20),
    ).toMatchObject({
      decision: 'wait',
      state: 'waiting',
    });
  });

  it('counts breaches and aborts at the plan’s number', () => {
    const first = decideStep(at, ok(0.9, 100), 20);
    expect(first).toMatchObject({
      decision: 'breach',
      failedChecks: 1,
      weight: 10,
    });
    expect(
      decideStep({ ...at, failedChecks: 1 }, ok(0.999, 900), 20),
    ).toMatchObject({
      decision: 'abort',
      state: 'aborted',
      weight: 0,
      message: expect.stringMatching(/p99 900 ms > 200 ms/),
    });
  });
});
