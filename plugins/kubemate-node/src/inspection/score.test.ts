import { computeFingerprint } from './fingerprint';
import { computeScore, scoreFromCounts } from './score';
import { CheckResult, CheckStatus, Severity } from './types';

const result = (
  status: CheckStatus,
  severity: Severity,
  fingerprint = `${status}-${severity}`,
): CheckResult => ({
  status,
  severity,
  fingerprint,
  ruleId: 'r',
  ruleVersion: '1',
  title: 't',
  category: 'security',
  resource: { kind: 'Pod', name: 'p' },
});

describe('computeScore', () => {
  it('weights passes and failures by severity and leaves out errors, skips and ignored findings', () => {
    const results = [
      result('passed', 'high'),
      result('passed', 'low'),
      result('failed', 'medium', 'f1'),
      result('failed', 'high', 'ignored-one'),
      result('error', 'high'),
      result('skipped', 'high'),
    ];
    const s = computeScore(results, { ignoredFingerprints: ['ignored-one'] });
    expect(s).toEqual({
      total: 3,
      passed: 2,
      failed: 1,
      errors: 1,
      skipped: 1,
      ignored: 1,
      passRate: 2 / 3,
      failedBySeverity: { high: 0, medium: 1, low: 0 },
      errorsBySeverity: { high: 1, medium: 0, low: 0 },
      score: 68.8, // 100 * 11 / (11 + 5)
    });
  });

  it('is 100 with nothing to check', () => {
    expect(computeScore([]).score).toBe(100);
    expect(computeScore([result('error', 'high')]).passRate).toBe(1);
  });

  it('is the counts formula applied to the run, weights overrides included', () => {
    const results = [
      result('passed', 'high'),
      result('passed', 'medium'),
      result('failed', 'low', 'f1'),
      result('failed', 'medium', 'f2'),
      result('failed', 'high', 'f3'),
    ];
    const weights = { medium: 2 };
    const s = computeScore(results, { weights });
    expect(
      scoreFromCounts(
        { high: 1, medium: 1, low: 0 },
        { high: 1, medium: 1, low: 1 },
        weights,
      ),
    ).toEqual({
      total: s.total,
      passed: s.passed,
      failed: s.failed,
      passRate: s.passRate,
      score: s.score,
    });
    expect(s.score).toBe(48); // 100 * 12 / (12 + 13)
    expect(
      scoreFromCounts(
        { high: 0, medium: 0, low: 0 },
        { high: 0, medium: 0, low: 0 },
      ),
    ).toEqual({
      total: 0,
      passed: 0,
      failed: 0,
      passRate: 1,
      score: 100,
    });
  });
});

describe('computeFingerprint', () => {
  const base = {
    cluster: 'prod-1',
    ruleId: 'pod-privileged',
    kind: 'Deployment',
    namespace: 'shop',
    name: 'web',
  };

  it('is a stable sha256 of the identity fields', () => {
    expect(computeFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(computeFingerprint({ ...base })).toBe(computeFingerprint(base));
    expect(
      computeFingerprint({ ...base, container: undefined, host: undefined }),
    ).toBe(computeFingerprint(base));
  });

  it('changes with every identity field and cannot be confused by separators', () => {
    const fp = computeFingerprint(base);
    for (const change of [
      { cluster: 'prod-2' },
      { ruleId: 'x' },
      { kind: 'StatefulSet' },
      { namespace: 'shop2' },
      { name: 'web2' },
      { container: 'app' },
      { host: 'node-1' },
      { detail: 'BackOff' },
    ]) {
      expect(computeFingerprint({ ...base, ...change })).not.toBe(fp);
    }
    expect(
      computeFingerprint({ ...base, namespace: 'a', name: 'b/c' }),
    ).not.toBe(computeFingerprint({ ...base, namespace: 'a/b', name: 'c' }));
  });
});
