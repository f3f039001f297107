import { describeCron, formatRun, nextRuns, parseCron } from './cron';

const runs = (expr: string, from: string, count = 3, tz?: string) =>
  nextRuns(parseCron(expr), new Date(from), count, tz).map(d =>
    d.toISOString(),
  );

describe('parseCron', () => {
  it('expands lists, ranges, steps and names', () => {
    const s = parseCron('0,30 9-17/4 1,15 JAN-MAR mon-fri');
    expect([...s.minute.values]).toEqual([0, 30]);
    expect([...s.hour.values]).toEqual([9, 13, 17]);
    expect([...s.dayOfMonth.values]).toEqual([1, 15]);
    expect([...s.month.values]).toEqual([1, 2, 3]);
    expect([...s.dayOfWeek.values]).toEqual([1, 2, 3, 4, 5]);
    expect([...parseCron('5/20 * * * 7').minute.values]).toEqual([5, 25, 45]);
    expect([...parseCron('* * * * 7').dayOfWeek.values]).toEqual([0]);
  });

  it('expands macros', () => {
    expect(runs('@hourly', '2024-01-31T23:10:00Z', 2)).toEqual([
      '2024-02-01T00:00:00.000Z',
      '2024-02-01T01:00:00.000Z',
    ]);
    expect(runs('@weekly', '2024-02-01T00:00:00Z', 1)).toEqual([
      '2024-02-04T00:00:00.000Z',
    ]);
    expect(runs('@yearly', '2024-02-01T00:00:00Z', 1)).toEqual([
      '2025-01-01T00:00:00.000Z',
    ]);
  });

  it('says what is wrong', () => {
    expect(() => parseCron('* * * *')).toThrow(/expected 5 fields/);
    expect(() => parseCron('61 * * * *')).toThrow(/minute 61 is out of range/);
    expect(() => parseCron('*/0 * * * *')).toThrow(/step/);
    expect(() => parseCron('5-1 * * * *')).toThrow(/backwards/);
    expect(() => parseCron('@often')).toThrow(/unknown macro/);
    expect(() => parseCron('* * * FOO *')).toThrow(/not a valid month/);
  });
});

describe('nextRuns (UTC)', () => {
  it('crosses month and year ends', () => {
    expect(runs('0 0 1 * *', '2024-01-31T12:00:00Z')).toEqual([
      '2024-02-01T00:00:00.000Z',
      '2024-03-01T00:00:00.000Z',
      '2024-04-01T00:00:00.000Z',
    ]);
    expect(runs('30 23 31 * *', '2024-01-31T23:30:00Z')).toEqual([
      '2024-03-31T23:30:00.000Z',
      '2024-05-31T23:30:00.000Z',
      '2024-07-31T23:30:00.000Z',
    ]);
    expect(runs('*/20 * * * *', '2024-12-31T23:45:00Z')).toEqual([
      '2025-01-01T00:00:00.000Z',
      '2025-01-01T00:20:00.000Z',
      '2025-01-01T00:40:00.000Z',
    ]);
  });

  it('finds 29 February', () => {
    expect(runs('0 0 29 2 *', '2024-03-01T00:00:00Z', 2)).toEqual([
      '2028-02-29T00:00:00.000Z',
      '2032-02-29T00:00:00.000Z',
    ]);
  });

  it('runs on day-of-month OR weekday when both are restricted, AND when one is *', () => {
    // 1 Feb 2024 is a Thursday.
    expect(runs('0 0 1 * MON', '2024-01-31T00:00:00Z')).toEqual([
      '2024-02-01T00:00:00.000Z',
      '2024-02-05T00:00:00.000Z',
      '2024-02-12T00:00:00.000Z',
    ]);
    expect(runs('0 0 */10 * *', '2024-01-25T00:00:00Z')).toEqual([
      '2024-01-31T00:00:00.000Z',
      '2024-02-01T00:00:00.000Z',
      '2024-02-11T00:00:00.000Z',
    ]);
  });

  it('is strictly after the start time', () => {
    expect(runs('30 2 * * *', '2024-02-29T02:30:00Z', 1)).toEqual([
      '2024-03-01T02:30:00.000Z',
    ]);
  });

  it('computes runs in spec.timeZone', () => {
    // 09:00 in Tokyo (UTC+9, no DST) is 00:00 UTC.
    expect(runs('0 9 * * *', '2024-01-31T12:00:00Z', 2, 'Asia/Tokyo')).toEqual([
      '2024-02-01T00:00:00.000Z',
      '2024-02-02T00:00:00.000Z',
    ]);
    expect(() =>
      runs('0 9 * * *', '2024-01-31T12:00:00Z', 1, 'Mars/Olympus'),
    ).toThrow(RangeError);
  });
});

describe('describeCron', () => {
  it.each([
    ['30 2 * * 1-5', 'At 02:30, on Monday through Friday'],
    ['*/15 * * * *', 'Every 15 minutes'],
    ['* * * * *', 'Every minute'],
    ['@daily', 'At 00:00, every day'],
    ['@hourly', 'At minute 0 of every hour'],
    ['0 0 1 * *', 'At 00:00, on day 1 of the month'],
    ['0 */6 * * *', 'At minute 0, every 6 hours'],
    ['0,30 9,17 * * *', 'At 09:00, 09:30, 17:00 and 17:30, every day'],
    ['0 12 * JAN,JUL *', 'At 12:00, in January and July'],
    ['0 0 1,15 * MON', 'At 00:00, on day 1 and 15 of the month or on Monday'],
    ['15 3 */2 * *', 'At 03:15, every 2 days of the month'],
  ])('%s → %s', (expr, words) => {
    expect(describeCron(expr)).toBe(words);
  });

  it('formats a run in its zone', () => {
    expect(formatRun(new Date('2024-02-01T00:00:00Z'), 'Asia/Tokyo')).toMatch(
      /1 Feb 2024.*09:00/,
    );
  });
});
