import { durationBetween, formatDuration } from './durations';
import { base64Bytes, formatBytes, utf8Bytes } from './sizes';

describe('durations', () => {
  it('formats durations in the two largest units', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(200_000)).toBe('3m 20s');
    expect(formatDuration(3_600_000)).toBe('1h');
    expect(formatDuration(7_500_000)).toBe('2h 5m');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
  });

  it('measures to completion, or to now while running', () => {
    expect(
      durationBetween('2024-01-31T23:59:00Z', '2024-02-01T00:01:30Z'),
    ).toBe(150_000);
    expect(
      durationBetween(
        '2024-01-01T00:00:00Z',
        undefined,
        Date.parse('2024-01-01T00:00:10Z'),
      ),
    ).toBe(10_000);
    expect(durationBetween(undefined, undefined)).toBeUndefined();
  });
});

describe('sizes', () => {
  it('measures UTF-8 and base64 sizes', () => {
    expect(utf8Bytes('héllo')).toBe(6);
    expect(base64Bytes('aGVsbG8=')).toBe(5);
    expect(base64Bytes('aGk=')).toBe(2);
    expect(base64Bytes('')).toBe(0);
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(2 * 1024 * 1024)).toBe('2.0 MiB');
  });
});
