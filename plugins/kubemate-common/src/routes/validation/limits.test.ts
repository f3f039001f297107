import { validateHttpRoute } from './validateHttpRoute';
import { gatewaySpec, times, traefik, withRules } from './__testUtils__/routes';

const backend = { name: 'web', port: 8080 };
const prefix = (i: number) => ({
  path: { type: 'PathPrefix' as const, value: `/p${i}` },
});

describe('HTTPRoute limits', () => {
  it('allows 16 rules, not 17', () => {
    const rule = { backendRefs: [backend] };
    expect(
      validateHttpRoute(withRules(...times(16, () => rule)), traefik),
    ).toEqual([]);
    expect(
      validateHttpRoute(withRules(...times(17, () => rule)), traefik),
    ).toEqual([{ path: 'spec.rules', message: 'at most 16 rules (has 17)' }]);
  });

  it('allows 16 hostnames, not 17', () => {
    const hosts = (n: number) => times(n, i => `h${i}.example.com`);
    expect(
      validateHttpRoute(gatewaySpec({ hostnames: hosts(16) }), traefik),
    ).toEqual([]);
    expect(
      validateHttpRoute(gatewaySpec({ hostnames: hosts(17) }), traefik),
    ).toEqual([
      { path: 'spec.hostnames', message: 'at most 16 hostnames (has 17)' },
    ]);
  });

  it('allows 32 parents, not 33', () => {
    const parents = (n: number) => times(n, i => ({ name: `gw-${i}` }));
    expect(
      validateHttpRoute(gatewaySpec({ parentRefs: parents(32) }), traefik),
    ).toEqual([]);
    expect(
      validateHttpRoute(gatewaySpec({ parentRefs: parents(33) }), traefik),
    ).toEqual([
      { path: 'spec.parentRefs', message: 'at most 32 parents (has 33)' },
    ]);
  });

  it('allows 64 matches in a rule, not 65', () => {
    const rule = (n: number) => ({
      matches: times(n, prefix),
      backendRefs: [backend],
    });
    expect(validateHttpRoute(withRules(rule(64)), traefik)).toEqual([]);
    expect(validateHttpRoute(withRules(rule(65)), traefik)).toEqual([
      { path: 'spec.rules[0].matches', message: 'at most 64 matches (has 65)' },
    ]);
  });

  it('allows 128 matches across the rules, not 129, counting a rule without matches as one', () => {
    const full = { matches: times(64, prefix), backendRefs: [backend] };
    expect(validateHttpRoute(withRules(full, full), traefik)).toEqual([]);
    expect(
      validateHttpRoute(
        withRules(full, full, { backendRefs: [backend] }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules',
        message: 'at most 128 matches across all rules (has 129)',
      },
    ]);
  });

  it('allows 16 header matches in a match, not 17', () => {
    const headers = (n: number) =>
      times(n, i => ({ name: `x-h${i}`, value: 'v' }));
    const spec = (n: number) =>
      withRules({
        matches: [{}, { headers: headers(n) }],
        backendRefs: [backend],
      });
    expect(validateHttpRoute(spec(16), traefik)).toEqual([]);
    expect(validateHttpRoute(spec(17), traefik)).toEqual([
      {
        path: 'spec.rules[0].matches[1].headers',
        message: 'at most 16 header matches (has 17)',
      },
    ]);
  });

  it('allows 16 query parameter matches in a match, not 17', () => {
    const params = (n: number) =>
      times(n, i => ({ name: `q${i}`, value: 'v' }));
    const spec = (n: number) =>
      withRules({
        matches: [{ queryParams: params(n) }],
        backendRefs: [backend],
      });
    expect(validateHttpRoute(spec(16), traefik)).toEqual([]);
    expect(validateHttpRoute(spec(17), traefik)).toEqual([
      {
        path: 'spec.rules[0].matches[0].queryParams',
        message: 'at most 16 query parameter matches (has 17)',
      },
    ]);
  });

  it('allows 16 filters in a rule or a backend, not 17', () => {
    const middlewares = (n: number) =>
      times(n, i => ({
        type: 'ExtensionRef' as const,
        extensionRef: {
          group: 'traefik.io',
          kind: 'Middleware',
          name: `mw-${i}`,
        },
      }));
    expect(
      validateHttpRoute(
        withRules({
          filters: middlewares(16),
          backendRefs: [{ ...backend, filters: middlewares(16) }],
        }),
        traefik,
      ),
    ).toEqual([]);
    expect(
      validateHttpRoute(
        withRules({
          filters: middlewares(17),
          backendRefs: [{ ...backend, filters: middlewares(17) }],
        }),
        traefik,
      ),
    ).toEqual([
      { path: 'spec.rules[0].filters', message: 'at most 16 filters (has 17)' },
      {
        path: 'spec.rules[0].backendRefs[0].filters',
        message: 'at most 16 filters (has 17)',
      },
    ]);
  });

  it('allows 16 backends in a rule, not 17', () => {
    const backends = (n: number) =>
      times(n, i => ({ name: `web-${i}`, port: 80 }));
    expect(
      validateHttpRoute(withRules({ backendRefs: backends(16) }), traefik),
    ).toEqual([]);
    expect(
      validateHttpRoute(withRules({ backendRefs: backends(17) }), traefik),
    ).toEqual([
      {
        path: 'spec.rules[0].backendRefs',
        message: 'at most 16 backends (has 17)',
      },
    ]);
  });
});
