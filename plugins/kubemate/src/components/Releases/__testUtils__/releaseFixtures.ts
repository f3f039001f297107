import type {
  GoldenMetrics,
  Release,
  ReleaseMetricsResponse,
} from '@kubemate/plugin-kubemate-common';

/** Test data builders; only test files import this folder. */
export const ok = (
  successRate: number,
  p99: number,
  requestsPerSecond = 5,
): GoldenMetrics => ({
  status: 'ok',
  windowSeconds: 60,
  successRate,
  requestsPerSecond,
  latencyMs: { p50: p99 / 4, p95: p99 / 2, p99 },
});

export function newRelease(overrides: Partial<Release> = {}): Release {
  return {
    id: '6f1c1c1e-8d4f-4a57-9b1e-2a7d3c0b9e11',
    entityRef: 'component:default/payments-api',
    cluster: 'kubemate-sim',
    namespace: 'bank-payments',
    service: 'payments-api',
    routeKind: 'HTTPRoute',
    route: 'payments-api-split',
    stable: 'payments-api-v1',
    canary: 'payments-api-v2',
    strategy: 'canary',
    match: { headers: [{ name: 'x-canary', value: 'yes' }] },
    plan: {
      stepWeights: [10, 50],
      intervalSeconds: 2,
      thresholds: { minSuccessRate: 0.98, maxP99LatencyMs: 400 },
      minRequests: 5,
      failedChecksToAbort: 1,
      autoPromote: false,
    },
    state: 'progressing',
    weight: 10,
    step: 0,
    failedChecks: 0,
    createdBy: 'user:default/guest',
    createdAt: '2026-12-05T09:00:00.000Z',
    updatedAt: '2026-12-05T09:00:02.000Z',
    timeline: [
      {
        at: '2026-12-05T09:00:00.000Z',
        actor: 'user:default/guest',
        decision: 'started',
        weight: 10,
        step: 0,
        message: 'Started: canary at 10%',
      },
    ],
    ...overrides,
  };
}

export const newMetrics = (
  over: Partial<ReleaseMetricsResponse> = {},
): ReleaseMetricsResponse => ({
  at: new Date().toISOString(),
  windowSeconds: 60,
  canary: ok(0.92, 250),
  stable: ok(0.999, 40, 45),
  overall: { requestsPerSecond: 50, successRate: 0.99 },
  ...over,
});
