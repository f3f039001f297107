import { computeFingerprint } from './fingerprint';
import { computeScore } from './score';
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
