import { hostnameProblem } from './hostnames';
import { validateHttpRoute } from './validateHttpRoute';
import { gatewaySpec, traefik } from './__testUtils__/routes';

describe('HTTPRoute hostnames', () => {
  it.each([
    'shop.example.com',
    '*.example.com',
    'localhost',
    'a-b.c0',
    `${'a'.repeat(63)}.io`,
    // The CRD's pattern accepts these, so the API server does.
    '10.0.0.1',
    `${'a'.repeat(64)}.io`,
    `${'a.'.repeat(126)}a`,
  ])('accepts %s', hostname => {
    expect(hostnameProblem(hostname)).toBeUndefined();
    expect(
      validateHttpRoute(gatewaySpec({ hostnames: [hostname] }), traefik),
    ).toEqual([]);
  });

  it.each([
    [
      'foo.*.example.com',
      'a wildcard may only be the whole first label, as in *.example.com',
    ],
    [
      '*foo.example.com',
      'a wildcard may only be the whole first label, as in *.example.com',
    ],
    [
      '*.*.example.com',
      'a wildcard may only be the whole first label, as in *.example.com',
    ],
    ['*', 'a wildcard must be followed by a domain, as in *.example.com'],
    ['Shop.example.com', 'must be lower case'],
    ['-shop.example.com', expect.stringContaining('RFC 1123')],
    ['shop..example.com', expect.stringContaining('RFC 1123')],
    ['shop_1.example.com', expect.stringContaining('RFC 1123')],
    ['shop.example.com.', expect.stringContaining('RFC 1123')],
    ['', 'must not be empty'],
    [`${'a.'.repeat(127)}ab`, 'must be at most 253 characters'],
  ])('refuses %s', (hostname, message) => {
    expect(
      validateHttpRoute(
        gatewaySpec({ hostnames: ['ok.example.com', hostname] }),
        traefik,
      ),
    ).toEqual([{ path: 'spec.hostnames[1]', message }]);
  });
});
