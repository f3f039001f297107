import { describePlan, explainMetrics, formatRate } from './format';

describe('release wording', () => {
  it('describes a plan by its steps', () => {
    const base = {
      intervalSeconds: 30,
      thresholds: { minSuccessRate: 0.99, maxP99LatencyMs: 500 },
      minRequests: 20,
      failedChecksToAbort: 1,
      autoPromote: false,
    };
    expect(describePlan({ ...base, stepWeights: [5, 50] })).toBe(
      '5% → 50% every 30s',
    );
    expect(describePlan({ ...base, stepSize: 10, maxWeight: 40 })).toBe(
      '+10% up to 40% every 30s',
    );
    expect(describePlan({ ...base, iterations: 1 })).toBe(
      '1 iteration every 30s',
    );
    expect(formatRate(0.98765)).toBe('98.77%');
  });

  it('tells the three reasons for missing figures apart', () => {
    expect(
      explainMetrics(
        'canary v2',
        { status: 'no-traffic', windowSeconds: 60 },
        'sim',
      )?.title,
    ).toBe('No traffic to canary v2');
    expect(
      explainMetrics(
        'canary v2',
        { status: 'not-configured', reason: 'no prometheus' },
        'sim',
      )?.message,
    ).toMatch(/kubemate\.metrics\.clusters\.sim\.prometheus/);
    expect(
      explainMetrics(
        'canary v2',
        { status: 'unavailable', reason: 'timeout' },
        'sim',
      )?.title,
    ).toBe('Metrics unavailable');
    expect(
      explainMetrics(
        'canary v2',
        {
          status: 'ok',
          windowSeconds: 60,
          successRate: 1,
          requestsPerSecond: 1,
          latencyMs: { p50: 1, p95: 1, p99: 1 },
        },
        'sim',
      ),
    ).toBeUndefined();
  });
});
