import { integerTicks, niceMax } from './charts';

describe('chart axes', () => {
  it('rounds the maximum up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 2, 3, 6, 37, 50, 51, 199, 201].map(niceMax)).toEqual([
      1, 1, 2, 5, 10, 50, 50, 100, 200, 500,
    ]);
  });

  it('divides every nice maximum into integer steps', () => {
    for (const max of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]) {
      const ticks = integerTicks(max);
      expect(Number.isInteger(max / ticks)).toBe(true);
    }
  });
});
