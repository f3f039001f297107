import { chronological, describeTrigger, formatMs, formatRate } from './format';

describe('probe formatting', () => {
  it('formats success rates without rounding a failure away', () => {
    expect(formatRate(undefined)).toBe('—');
    expect(formatRate(1)).toBe('100 %');
    expect(formatRate(0.9999)).toBe('99.9 %');
    expect(formatRate(0)).toBe('0 %');
  });

  it('formats latencies', () => {
    expect(formatMs(0.2)).toBe('< 1 ms');
    expect(formatMs(420.4)).toBe('420 ms');
    expect(formatMs(1250)).toBe('1.3 s');
  });

  it('tells how a run came about and orders runs for charts', () => {
    expect(
      describeTrigger({ trigger: 'manual', reason: 'user:default/jane' }),
    ).toBe('by hand (user:default/jane)');
    expect(describeTrigger({ trigger: 'scheduled' })).toBe('scheduled');
    expect(
      chronological([
        { startedAt: '2026-12-06T10:01:00.000Z' },
        { startedAt: '2026-12-06T10:00:00.000Z' },
      ]).map(r => r.startedAt),
    ).toEqual(['2026-12-06T10:00:00.000Z', '2026-12-06T10:01:00.000Z']);
  });
});
