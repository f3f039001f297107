import { re2FullMatch, re2Search, re2ToJs } from './re2';

describe('RE2 expressions on JavaScript', () => {
  it('rewrites the RE2 forms JavaScript spells differently', () => {
    expect(re2FullMatch('(?i)abc', 'ABC')).toBe(true);
    expect(re2FullMatch('(?P<id>[0-9]+)', '42')).toBe(true);
    expect(re2FullMatch('[[:digit:]]+', '42')).toBe(true);
    expect(re2FullMatch('\\Qa.b\\E', 'a.b')).toBe(true);
    expect(re2FullMatch('\\Qa.b\\E', 'axb')).toBe(false);
    expect(re2Search('\\Aab\\z', 'ab')).toBe(true);
    expect(re2Search('\\Aab\\z', 'xab')).toBe(false);
  });

  it('searches anywhere, or matches the whole value', () => {
    expect(re2Search('b', 'abc')).toBe(true);
    expect(re2FullMatch('b', 'abc')).toBe(false);
    expect(re2FullMatch('a|abc', 'abc')).toBe(true);
  });

  it('refuses what RE2 refuses: back-references, lookarounds, bad syntax', () => {
    expect(re2ToJs('(a)\\1')).toBeUndefined();
    expect(re2ToJs('a(?=b)')).toBeUndefined();
    expect(re2Search('(', '(')).toBe(false);
    expect(re2Search('(?U)a+', 'a')).toBe(false);
  });
});
