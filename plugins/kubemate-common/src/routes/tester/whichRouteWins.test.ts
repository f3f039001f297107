import { whichRouteWins } from './whichRouteWins';
import { listener, route, rule } from './__testUtils__/routes';
import type { RouteTestRequest, RouteTestResult } from './types';

const get = (path: string, extra: Partial<RouteTestRequest> = {}) => ({
  host: 'shop.example.com',
  path,
  ...extra,
});

function winner(result: RouteTestResult) {
  if (result.outcome !== 'matched') throw new Error(result.why.join('\n'));
  return `${result.name}#${result.ruleIndex}.${
    result.matchIndex
  } -> ${result.backends.map(b => b.name).join(',')}`;
}

describe('whichRouteWins', () => {
  const prefixes = route('prefixes', [
    rule({ path: { type: 'PathPrefix', value: '/' } }, 'root'),
    rule({ path: { type: 'PathPrefix', value: '/api' } }, 'api'),
    rule({ path: { type: 'PathPrefix', value: '/api/v2/' } }, 'api-v2'),
    rule({ path: { type: 'Exact', value: '/api/v2/health' } }, 'health'),
    rule(
      { path: { type: 'RegularExpression', value: '/api/v[0-9]+/.*' } },
      're',
    ),
  ]);

  it('prefers an Exact path over any prefix', () => {
    const result = whichRouteWins(get('/api/v2/health'), [prefixes], listener);
    expect(winner(result)).toBe('prefixes#3.0 -> health');
    expect(result.why.join('\n')).toContain('an Exact path beats a PathPrefix');
  });

  it('prefers the longest prefix, matched by path segment', () => {
    expect(
      winner(whichRouteWins(get('/api/v2/orders'), [prefixes], listener)),
    ).toBe('prefixes#2.0 -> api-v2');
    expect(winner(whichRouteWins(get('/api/v2'), [prefixes], listener))).toBe(
      'prefixes#2.0 -> api-v2',
    );
    expect(winner(whichRouteWins(get('/api'), [prefixes], listener))).toBe(
      'prefixes#1.0 -> api',
    );
    // "/apis" is not under the "/api" segment
    expect(winner(whichRouteWins(get('/apis'), [prefixes], listener))).toBe(
      'prefixes#0.0 -> root',
    );
  });

  it('ranks a regular expression below a prefix and uses it alone', () => {
    const re = route('re', [
      rule({ path: { type: 'RegularExpression', value: '/v[0-9]+/.*' } }, 're'),
      rule({ path: { type: 'PathPrefix', value: '/v1' } }, 'v1'),
    ]);
    expect(winner(whichRouteWins(get('/v1/x'), [re], listener))).toBe(
      're#1.0 -> v1',
    );
    expect(winner(whichRouteWins(get('/v2/x'), [re], listener))).toBe(
      're#0.0 -> re',
    );
    expect(whichRouteWins(get('/x/v2/x'), [re], listener).outcome).toBe('none');
  });

  it('prefers a method match, then more headers, then more query params', () => {
    const r = route('details', [
      rule({ path: { type: 'PathPrefix', value: '/a' } }, 'plain'),
      rule(
        {
          path: { type: 'PathPrefix', value: '/a' },
          queryParams: [{ name: 'v', value: '2' }],
        },
        'query',
      ),
      rule(
        {
          path: { type: 'PathPrefix', value: '/a' },
          headers: [{ name: 'X-Canary', value: '1' }],
        },
        'header',
      ),
      rule(
        {
          path: { type: 'PathPrefix', value: '/a' },
          headers: [
            { name: 'x-canary', value: '1' },
            { name: 'x-team', type: 'RegularExpression', value: 'a.*' },
          ],
        },
        'two-headers',
      ),
      rule(
        { path: { type: 'PathPrefix', value: '/a' }, method: 'POST' },
        'post',
      ),
    ]);
    const canary = { 'X-Canary': '1', 'X-Team': 'alpha' };
    expect(
      winner(
        whichRouteWins(
          get('/a', { method: 'POST', headers: canary }),
          [r],
          listener,
        ),
      ),
    ).toBe('details#4.0 -> post');
    expect(
      winner(whichRouteWins(get('/a', { headers: canary }), [r], listener)),
    ).toBe('details#3.0 -> two-headers');
    expect(
      winner(
        whichRouteWins(
          get('/a?v=2', { headers: { 'x-canary': '1' } }),
          [r],
          listener,
        ),
      ),
    ).toBe('details#2.0 -> header');
    const query = whichRouteWins(
      get('/a', { query: { v: '2' } }),
      [r],
      listener,
    );
    expect(winner(query)).toBe('details#1.0 -> query');
    expect(query.why.join('\n')).toContain('more query parameter matches win');
    expect(winner(whichRouteWins(get('/a/b'), [r], listener))).toBe(
      'details#0.0 -> plain',
    );
  });

  it('breaks ties between routes by age, then namespace/name, then rule and match order', () => {
    const match = { path: { type: 'PathPrefix' as const, value: '/' } };
    const young = route('a-young', [rule(match, 'young')], {
      createdAt: '2026-03-01T00:00:00Z',
    });
    const old = route('z-old', [rule(match, 'old')], {
      createdAt: '2025-03-01T00:00:00Z',
    });
    const byAge = whichRouteWins(get('/'), [young, old], listener);
    expect(winner(byAge)).toBe('z-old#0.0 -> old');
    expect(byAge.why.join('\n')).toContain('the oldest route wins');

    const b = route('b', [rule(match, 'b')]);
    const a = route('a', [rule(match, 'a')]);
    const byName = whichRouteWins(get('/'), [b, a], listener);
    expect(winner(byName)).toBe('a#0.0 -> a');
    expect(byName.why.join('\n')).toContain('alphabetical');
    expect(byName).toMatchObject({
      alsoMatched: [
        { namespace: 'team-a', name: 'b', ruleIndex: 0, matchIndex: 0 },
      ],
    });

    const twice = route('twice', [
      {
        matches: [{ path: { type: 'Exact', value: '/x' } }, match],
        backendRefs: [{ name: 'first', port: 1 }],
      },
      rule(match, 'second'),
    ]);
    expect(winner(whichRouteWins(get('/y'), [twice], listener))).toBe(
      'twice#0.1 -> first',
    );
  });

  it('prefers an exact hostname over a wildcard, and filters by hostname', () => {
    const wildcard = route(
      'wild',
      [rule({ path: { type: 'Exact', value: '/x' } }, 'wild')],
      {
        hostnames: ['*.example.com'],
        createdAt: '2020-01-01T00:00:00Z',
      },
    );
    const exact = route('exact', [rule({}, 'exact')]);
    expect(winner(whichRouteWins(get('/x'), [wildcard, exact], listener))).toBe(
      'exact#0.0 -> exact',
    );
    expect(
      winner(
        whichRouteWins(
          get('/x', { host: 'other.example.com' }),
          [wildcard, exact],
          listener,
        ),
      ),
    ).toBe('wild#0.0 -> wild');
    const none = whichRouteWins(
      get('/x', { host: 'shop.example.org' }),
      [wildcard, exact],
      listener,
    );
    expect(none.outcome).toBe('none');
    expect(none.why.join('\n')).toContain(
      'serves *.example.com, not shop.example.org',
    );
  });

  it('applies the listener hostname', () => {
    const parent = { ...listener, hostname: '*.example.com' } as const;
    const anyHost = route('any', [rule({}, 'any')], { hostnames: [] });
    const outside = route('outside', [rule({}, 'outside')], {
      hostnames: ['shop.example.org'],
    });
    expect(
      winner(
        whichRouteWins(
          get('/', { host: 'a.example.com' }),
          [anyHost, outside],
          parent,
        ),
      ),
    ).toBe('any#0.0 -> any');
    const result = whichRouteWins(
      get('/', { host: 'shop.example.org' }),
      [anyHost, outside],
      parent,
    );
    expect(result.outcome).toBe('none');
    expect(result.why.join('\n')).toContain('intersects the listener hostname');
  });

  it('only considers routes attached to the parent', () => {
    const other = route('other', [rule({}, 'x')], {
      parentRefs: [{ name: 'team-a-gateway', sectionName: 'https' }],
    });
    const otherPort = route('port', [rule({}, 'x')], {
      parentRefs: [{ name: 'team-a-gateway', port: 9000 }],
    });
    const crossNs = route('cross', [rule({}, 'cross')], {
      namespace: 'team-b',
      parentRefs: [{ name: 'team-a-gateway', namespace: 'team-a' }],
    });
    const result = whichRouteWins(
      get('/'),
      [other, otherPort, crossNs],
      listener,
    );
    expect(winner(result)).toBe('cross#0.0 -> cross');
    expect(result.why[0]).toBe(
      '1 of 3 HTTPRoute(s) attached to Gateway team-a/team-a-gateway listener http port 8000',
    );
  });

  it('routes through a Service parent and reports weights as percentages', () => {
    const mesh = route(
      'mesh',
      [
        {
          backendRefs: [
            { name: 'web', port: 8080, weight: 90 },
            { name: 'web-canary', port: 8080, weight: 10 },
            { name: 'web-dark', port: 8080, weight: 0 },
          ],
        },
      ],
      {
        hostnames: [],
        parentRefs: [{ group: '', kind: 'Service', name: 'web', port: 8080 }],
      },
    );
    const result = whichRouteWins({ path: '/' }, [mesh], {
      kind: 'Service',
      namespace: 'team-a',
      name: 'web',
      port: 8080,
    });
    expect(result.outcome === 'matched' && result.backends).toEqual([
      {
        kind: 'Service',
        namespace: 'team-a',
        name: 'web',
        port: 8080,
        weight: 90,
        percent: 90,
      },
      {
        kind: 'Service',
        namespace: 'team-a',
        name: 'web-canary',
        port: 8080,
        weight: 10,
        percent: 10,
      },
      {
        kind: 'Service',
        namespace: 'team-a',
        name: 'web-dark',
        port: 8080,
        weight: 0,
        percent: 0,
      },
    ]);
  });

  it('says why nothing matched', () => {
    const r = route('r', [
      rule({ path: { type: 'Exact', value: '/a' }, method: 'GET' }, 'a'),
    ]);
    const result = whichRouteWins(
      get('/a', { method: 'DELETE' }),
      [r],
      listener,
    );
    expect(result).toEqual({
      outcome: 'none',
      why: [
        '1 of 1 HTTPRoute(s) attached to Gateway team-a/team-a-gateway listener http port 8000',
        'team-a/r rule 0 match 0 (Exact /a · GET): method does not match',
        'no rule matches the request: the gateway answers 404',
      ],
    });
    expect(whichRouteWins(get('/'), [], listener).outcome).toBe('none');
  });

  it('explains a redirect rule without backends', () => {
    const r = route('r', [{ filters: [{ type: 'RequestRedirect' }] }]);
    const result = whichRouteWins(get('/'), [r], listener);
    expect(result.outcome === 'matched' && result.filters).toEqual([
      'RequestRedirect',
    ]);
    expect(result.why.at(-1)).toContain(
      'its filters (RequestRedirect) answer with a redirect',
    );
  });

  it('matches the method exactly: HTTP methods are case-sensitive', () => {
    const r = route('m', [
      rule({ path: { type: 'PathPrefix', value: '/' }, method: 'POST' }, 'p'),
    ]);
    expect(
      winner(whichRouteWins(get('/', { method: 'POST' }), [r], listener)),
    ).toBe('m#0.0 -> p');
    const lower = whichRouteWins(get('/', { method: 'post' }), [r], listener);
    expect(lower.outcome).toBe('none');
    expect(lower.why.join('\n')).toContain('method does not match');
    // without a method the request is a GET
    expect(whichRouteWins(get('/'), [r], listener).outcome).toBe('none');
  });

  it('compares header names without case, values, query names and paths with case', () => {
    const r = route('case', [
      rule(
        {
          path: { type: 'PathPrefix', value: '/Api' },
          headers: [{ name: 'X-Env', value: 'Prod' }],
          queryParams: [{ name: 'Lang', value: 'en' }],
        },
        'b',
      ),
    ]);
    const ok = get('/Api/x?Lang=en', { headers: { 'x-env': 'Prod' } });
    expect(winner(whichRouteWins(ok, [r], listener))).toBe('case#0.0 -> b');
    for (const bad of [
      get('/api/x?Lang=en', { headers: { 'x-env': 'Prod' } }),
      get('/Api/x?Lang=en', { headers: { 'x-env': 'prod' } }),
      get('/Api/x?lang=en', { headers: { 'x-env': 'Prod' } }),
      get('/Api/x?Lang=EN', { headers: { 'x-env': 'Prod' } }),
    ]) {
      expect(whichRouteWins(bad, [r], listener).outcome).toBe('none');
    }
  });

  it('considers only the first of several matches on the same header or query name', () => {
    const r = route('dup', [
      rule(
        {
          path: { type: 'PathPrefix', value: '/' },
          headers: [
            { name: 'X-A', value: '1' },
            { name: 'x-a', value: '2' },
          ],
          queryParams: [
            { name: 'q', value: '1' },
            { name: 'q', value: '2' },
          ],
        },
        'dup',
      ),
      rule(
        {
          path: { type: 'PathPrefix', value: '/' },
          headers: [{ name: 'X-A', value: '1' }],
          queryParams: [
            { name: 'q', value: '1' },
            { name: 'Q', value: '1' },
          ],
        },
        'two-query',
      ),
    ]);
    // the duplicates count once: rule 1 has as many headers and more distinct query names
    expect(
      winner(
        whichRouteWins(
          get('/?q=1&Q=1', { headers: { 'x-a': '1' } }),
          [r],
          listener,
        ),
      ),
    ).toBe('dup#1.0 -> two-query');
    expect(
      winner(
        whichRouteWins(
          get('/?q=1', { headers: { 'x-a': '1' } }),
          [r],
          listener,
        ),
      ),
    ).toBe('dup#0.0 -> dup');
  });

  it('takes the first value of a repeated query parameter', () => {
    const r = route('rep', [
      rule({ queryParams: [{ name: 'v', value: '1' }] }, 'one'),
    ]);
    expect(winner(whichRouteWins(get('/?v=1&v=2'), [r], listener))).toBe(
      'rep#0.0 -> one',
    );
    expect(whichRouteWins(get('/?v=2&v=1'), [r], listener).outcome).toBe(
      'none',
    );
  });

  it('normalizes the path: unreserved escapes decoded, dot segments removed, %2F kept', () => {
    const r = route('norm', [
      rule({ path: { type: 'Exact', value: '/api/v1' } }, 'v1'),
      rule({ path: { type: 'PathPrefix', value: '/files' } }, 'files'),
    ]);
    expect(winner(whichRouteWins(get('/%61pi/v1'), [r], listener))).toBe(
      'norm#0.0 -> v1',
    );
    expect(winner(whichRouteWins(get('/x/../api/./v1'), [r], listener))).toBe(
      'norm#0.0 -> v1',
    );
    expect(whichRouteWins(get('/api%2Fv1'), [r], listener).outcome).toBe(
      'none',
    );
    // an encoded slash is not a segment separator
    expect(whichRouteWins(get('/files%2Fa'), [r], listener).outcome).toBe(
      'none',
    );
    expect(winner(whichRouteWins(get('/files/%7Ea'), [r], listener))).toBe(
      'norm#1.0 -> files',
    );
  });

  it('treats a trailing slash of a prefix as absent, for matching and for precedence', () => {
    const slash = route('a-slash', [
      rule({ path: { type: 'PathPrefix', value: '/foo/' } }, 'slash'),
    ]);
    const bare = route(
      'b-bare',
      [rule({ path: { type: 'PathPrefix', value: '/foo' } }, 'bare')],
      { createdAt: '2025-01-01T00:00:00Z' },
    );
    expect(winner(whichRouteWins(get('/foo'), [slash], listener))).toBe(
      'a-slash#0.0 -> slash',
    );
    expect(whichRouteWins(get('/foobar'), [slash], listener).outcome).toBe(
      'none',
    );
    // same length once the slash is ignored: the older route wins
    const tie = whichRouteWins(get('/foo/x'), [slash, bare], listener);
    expect(winner(tie)).toBe('b-bare#0.0 -> bare');
    expect(tie.why.join('\n')).toContain('the oldest route wins');
  });

  it('evaluates regular expressions as RE2 full matches', () => {
    const r = route('re2', [
      rule(
        {
          path: {
            type: 'RegularExpression',
            value: '(?i)/img/[[:alnum:]]+\\.png',
          },
        },
        'img',
      ),
      rule(
        {
          headers: [{ name: 'x-id', type: 'RegularExpression', value: '\\d+' }],
        },
        'id',
      ),
    ]);
    expect(winner(whichRouteWins(get('/IMG/a1.PNG'), [r], listener))).toBe(
      're2#0.0 -> img',
    );
    expect(whichRouteWins(get('/x/img/a1.png'), [r], listener).outcome).toBe(
      'none',
    );
    expect(
      winner(
        whichRouteWins(get('/x', { headers: { 'x-id': '42' } }), [r], listener),
      ),
    ).toBe('re2#1.0 -> id');
    expect(
      whichRouteWins(get('/x', { headers: { 'x-id': 'a42' } }), [r], listener)
        .outcome,
    ).toBe('none');
  });

  it('ranks hostname specificity before path precedence across routes', () => {
    const wildExact = route(
      'wild',
      [rule({ path: { type: 'Exact', value: '/a/b' } }, 'wild-exact')],
      { hostnames: ['*.example.com'], createdAt: '2020-01-01T00:00:00Z' },
    );
    const longerWild = route('longer', [rule({}, 'longer-wild')], {
      hostnames: ['*.shop.example.com'],
    });
    const exactHost = route('exact', [rule({}, 'exact-host')], {
      hostnames: ['a.shop.example.com'],
    });
    expect(
      winner(
        whichRouteWins(
          get('/a/b', { host: 'x.shop.example.com' }),
          [wildExact, longerWild],
          listener,
        ),
      ),
    ).toBe('longer#0.0 -> longer-wild');
    const r = whichRouteWins(
      get('/a/b', { host: 'A.Shop.Example.com:8443' }),
      [wildExact, longerWild, exactHost],
      listener,
    );
    expect(winner(r)).toBe('exact#0.0 -> exact-host');
    expect(r.why.join('\n')).toContain('more specific matching hostname');
    // a wildcard covers several labels, never the bare domain
    expect(
      winner(
        whichRouteWins(
          get('/a/b', { host: 'x.y.example.com' }),
          [wildExact],
          listener,
        ),
      ),
    ).toBe('wild#0.0 -> wild-exact');
    expect(
      whichRouteWins(
        get('/a/b', { host: 'example.com' }),
        [wildExact],
        listener,
      ).outcome,
    ).toBe('none');
  });

  it('says the gateway answers 500 when every backend weighs 0 or a rule has no backends', () => {
    const r = route('zero', [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/z' } }],
        backendRefs: [
          { name: 'a', port: 80, weight: 0 },
          { name: 'b', port: 80, weight: 0 },
        ],
      },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/h' } }],
        filters: [{ type: 'RequestHeaderModifier' }],
      },
    ]);
    const zero = whichRouteWins(get('/z'), [r], listener);
    expect(
      zero.outcome === 'matched' && zero.backends.map(b => b.percent),
    ).toEqual([0, 0]);
    expect(zero.why.at(-1)).toBe(
      'every backend has weight 0: the gateway answers 500',
    );
    expect(whichRouteWins(get('/h'), [r], listener).why.at(-1)).toContain(
      'do not answer: the gateway answers 500',
    );
  });
});
