import {
  effectiveHostnames,
  hostnameMatches,
  intersectHostname,
  normalizeHost,
} from './hostnames';

describe('hostnames', () => {
  it.each([
    ['shop.example.com', 'shop.example.com', true],
    ['shop.example.com', 'SHOP.example.com:8443', true],
    ['shop.example.com', 'other.example.com', false],
    ['*.example.com', 'shop.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'shopexample.com', false],
  ])('%s accepts %s: %s', (pattern, host, expected) => {
    expect(hostnameMatches(pattern, host)).toBe(expected);
  });

  it('normalizes a host', () => {
    expect(normalizeHost('Shop.Example.com.:80')).toBe('shop.example.com');
  });

  it.each([
    ['a.example.com', '*.example.com', 'a.example.com'],
    ['*.example.com', 'a.example.com', 'a.example.com'],
    ['*.example.com', '*.a.example.com', '*.a.example.com'],
    ['*.example.com', '*.example.org', undefined],
    ['a.example.com', 'b.example.com', undefined],
  ])('intersects %s and %s', (a, b, expected) => {
    expect(intersectHostname(a, b)).toBe(expected);
  });

  it('takes the listener hostname when the route names none', () => {
    expect(effectiveHostnames([], '*.example.com')).toEqual(['*.example.com']);
    expect(effectiveHostnames(undefined, undefined)).toBe('any');
    expect(
      effectiveHostnames(['a.example.com', 'b.example.org'], '*.example.com'),
    ).toEqual(['a.example.com']);
    expect(effectiveHostnames(['b.example.org'], '*.example.com')).toEqual([]);
  });
});
