import { diffLineKind } from './UnifiedDiff';

describe('diffLineKind', () => {
  it('tells unified-diff lines apart, file headers being no change', () => {
    expect(diffLineKind('@@ -0,0 +1 @@')).toBe('hunk');
    expect(diffLineKind('+a')).toBe('added');
    expect(diffLineKind('-a')).toBe('removed');
    expect(diffLineKind(' a')).toBe('same');
    expect(diffLineKind('+++ b/route.yaml')).toBe('same');
  });
});
