import { validateHttpRoute } from './validateHttpRoute';
import { traefik, withRules } from './__testUtils__/routes';
import type { HttpRouteFilter, HttpRouteMatch } from './schema';

const backend = { name: 'web', port: 8080 };
const redirect = (extra: object = {}): HttpRouteFilter => ({
  type: 'RequestRedirect',
  requestRedirect: { scheme: 'https', ...extra },
});
const rewrite = (extra: object = {}): HttpRouteFilter => ({
  type: 'URLRewrite',
  urlRewrite: { hostname: 'internal.example.com', ...extra },
});
const replacePrefix = {
  path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' },
};
const prefix = (value: string): HttpRouteMatch => ({
  path: { type: 'PathPrefix', value },
});

describe('HTTPRoute filters', () => {
  it('accepts a RequestRedirect or a URLRewrite alone', () => {
    expect(
      validateHttpRoute(withRules({ filters: [redirect()] }), traefik),
    ).toEqual([]);
    expect(
      validateHttpRoute(
        withRules({ filters: [rewrite()], backendRefs: [backend] }),
        traefik,
      ),
    ).toEqual([]);
  });

  it('refuses a RequestRedirect together with a URLRewrite', () => {
    expect(
      validateHttpRoute(
        withRules({ filters: [redirect(), rewrite()] }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].filters[1].type',
        message:
          'RequestRedirect and URLRewrite filters cannot be used together',
      },
    ]);
  });

  it('refuses a RequestRedirect in a rule with backends', () => {
    expect(
      validateHttpRoute(
        withRules({ filters: [redirect()], backendRefs: [backend] }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].filters[0].type',
        message: 'a rule that redirects cannot also have backends',
      },
    ]);
  });

  it.each([301, 302, 303, 307, 308])(
    'accepts the redirect status %d',
    statusCode => {
      expect(
        validateHttpRoute(
          withRules({ filters: [redirect({ statusCode })] }),
          traefik,
        ),
      ).toEqual([]);
    },
  );

  it.each([300, 304, 200])('refuses the redirect status %d', statusCode => {
    expect(
      validateHttpRoute(
        withRules({ filters: [redirect({ statusCode })] }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].filters[0].requestRedirect.statusCode',
        message: 'must be 301, 302, 303, 307 or 308',
      },
    ]);
  });

  describe('ReplacePrefixMatch', () => {
    const message =
      'ReplacePrefixMatch needs the rule to have exactly one match, of type PathPrefix';

    it('is refused with an explicit empty match list', () => {
      expect(
        validateHttpRoute(
          withRules({ matches: [], filters: [redirect(replacePrefix)] }),
          traefik,
        ),
      ).toEqual([
        { path: 'spec.rules[0].filters[0].requestRedirect.path.type', message },
      ]);
    });

    it('is counted as the API server counts it: once per rule, and once across backends', () => {
      // Two backends that both replace the prefix: the CRD's rule uses exists_one, so it passes.
      const twoBackends = withRules({
        matches: [prefix('/v1'), prefix('/v2')],
        backendRefs: [
          { ...backend, filters: [rewrite(replacePrefix)] },
          { name: 'web-2', port: 8080, filters: [rewrite(replacePrefix)] },
        ],
      });
      expect(validateHttpRoute(twoBackends, traefik)).toEqual([]);
      // One in the rule's filters and one in a backend's: each is held to the rule.
      const both = withRules({
        matches: [prefix('/v1'), prefix('/v2')],
        filters: [rewrite(replacePrefix)],
        backendRefs: [{ ...backend, filters: [rewrite(replacePrefix)] }],
      });
      expect(validateHttpRoute(both, traefik)).toEqual([
        { path: 'spec.rules[0].filters[0].urlRewrite.path.type', message },
        {
          path: 'spec.rules[0].backendRefs[0].filters[0].urlRewrite.path.type',
          message,
        },
      ]);
    });

    it('is accepted with exactly one PathPrefix match, or none (the default PathPrefix /)', () => {
      expect(
        validateHttpRoute(
          withRules({
            matches: [prefix('/v1')],
            filters: [rewrite(replacePrefix)],
            backendRefs: [backend],
          }),
          traefik,
        ),
      ).toEqual([]);
      expect(
        validateHttpRoute(
          withRules({ filters: [redirect(replacePrefix)] }),
          traefik,
        ),
      ).toEqual([]);
    });

    it('is refused with two matches or an Exact one, in a rule filter or a backend filter', () => {
      const needsOnePrefix =
        'ReplacePrefixMatch needs the rule to have exactly one match, of type PathPrefix';
      expect(
        validateHttpRoute(
          withRules({
            matches: [prefix('/v1'), prefix('/v1beta')],
            filters: [redirect(replacePrefix)],
          }),
          traefik,
        ),
      ).toEqual([
        {
          path: 'spec.rules[0].filters[0].requestRedirect.path.type',
          message: needsOnePrefix,
        },
      ]);
      expect(
        validateHttpRoute(
          withRules({
            matches: [{ path: { type: 'Exact', value: '/v1' } }],
            backendRefs: [{ ...backend, filters: [rewrite(replacePrefix)] }],
          }),
          traefik,
        ),
      ).toEqual([
        {
          path: 'spec.rules[0].backendRefs[0].filters[0].urlRewrite.path.type',
          message: needsOnePrefix,
        },
      ]);
    });
  });

  it('refuses settings that do not belong to the filter type', () => {
    const filter = {
      type: 'RequestHeaderModifier',
      responseHeaderModifier: { set: [{ name: 'x-a', value: '1' }] },
    } as HttpRouteFilter;
    expect(
      validateHttpRoute(
        withRules({ filters: [filter], backendRefs: [backend] }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].filters[0].requestHeaderModifier',
        message:
          'a RequestHeaderModifier filter needs its requestHeaderModifier settings',
      },
      {
        path: 'spec.rules[0].filters[0].responseHeaderModifier',
        message:
          'responseHeaderModifier belongs only in a ResponseHeaderModifier filter',
      },
    ]);
  });

  it('refuses a header modifier repeated in a rule', () => {
    const modifier = (name: string): HttpRouteFilter => ({
      type: 'RequestHeaderModifier',
      requestHeaderModifier: { set: [{ name, value: '1' }] },
    });
    expect(
      validateHttpRoute(
        withRules({
          filters: [modifier('x-a'), modifier('x-b')],
          backendRefs: [backend],
        }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].filters[1].type',
        message: 'only one RequestHeaderModifier filter is allowed here',
      },
    ]);
  });

  it('accepts one header in several actions, or in one action under names differing in case (the API server does)', () => {
    const filter: HttpRouteFilter = {
      type: 'ResponseHeaderModifier',
      responseHeaderModifier: {
        set: [
          { name: 'x-a', value: '1' },
          { name: 'X-A', value: '2' },
        ],
        add: [{ name: 'x-a', value: '3' }],
        remove: ['x-a', 'X-A'],
      },
    };
    expect(
      validateHttpRoute(
        withRules({ filters: [filter], backendRefs: [backend] }),
        traefik,
      ),
    ).toEqual([]);
  });

  it('refuses a header name repeated exactly within set, add or remove', () => {
    const filter: HttpRouteFilter = {
      type: 'RequestHeaderModifier',
      requestHeaderModifier: {
        set: [
          { name: 'x-a', value: '1' },
          { name: 'x-a', value: '2' },
        ],
        add: [
          { name: 'x-b', value: '1' },
          { name: 'x-b', value: '2' },
        ],
        remove: ['x-c', 'x-c'],
      },
    };
    const at = 'spec.rules[0].filters[0].requestHeaderModifier';
    expect(
      validateHttpRoute(
        withRules({ filters: [filter], backendRefs: [backend] }),
        traefik,
      ),
    ).toEqual([
      {
        path: `${at}.set[1].name`,
        message: 'header x-a is already listed in set',
      },
      {
        path: `${at}.add[1].name`,
        message: 'header x-b is already listed in add',
      },
      {
        path: `${at}.remove[1]`,
        message: 'header x-c is already listed in remove',
      },
    ]);
  });

  describe('RequestMirror', () => {
    const mirror = (requestMirror: object): HttpRouteFilter =>
      ({ type: 'RequestMirror', requestMirror } as HttpRouteFilter);
    const mirrored = (...filters: HttpRouteFilter[]) =>
      withRules({ filters, backendRefs: [backend] });
    const at = 'spec.rules[0].filters[0].requestMirror';

    it('accepts a mirror to a Service port, by percent or by fraction, repeated', () => {
      expect(
        validateHttpRoute(
          mirrored(
            mirror({ backendRef: { name: 'shadow', port: 80 }, percent: 10 }),
            mirror({
              backendRef: { name: 'shadow-2', port: 80 },
              fraction: { numerator: 1, denominator: 3 },
            }),
            mirror({
              backendRef: { name: 'shadow-3', port: 80 },
              fraction: { numerator: 100 },
            }),
            mirror({
              backendRef: { group: 'example.com', kind: 'Pool', name: 'p' },
            }),
          ),
          traefik,
        ),
      ).toEqual([]);
    });

    it('refuses a mirror to a Service without its port', () => {
      expect(
        validateHttpRoute(
          mirrored(mirror({ backendRef: { name: 'shadow' } })),
          traefik,
        ),
      ).toEqual([
        {
          path: `${at}.backendRef.port`,
          message: 'a Service to mirror to needs its port',
        },
      ]);
    });

    it('refuses percent together with fraction', () => {
      expect(
        validateHttpRoute(
          mirrored(
            mirror({
              backendRef: { name: 'shadow', port: 80 },
              percent: 10,
              fraction: { numerator: 1 },
            }),
          ),
          traefik,
        ),
      ).toEqual([
        {
          path: `${at}.fraction`,
          message:
            'give either percent or fraction for the share of requests mirrored, not both',
        },
      ]);
    });

    it('refuses a fraction over 1, against the default denominator 100 too', () => {
      expect(
        validateHttpRoute(
          mirrored(
            mirror({
              backendRef: { name: 'shadow', port: 80 },
              fraction: { numerator: 101 },
            }),
          ),
          traefik,
        ),
      ).toEqual([
        {
          path: `${at}.fraction.numerator`,
          message: 'must not be more than the denominator (100)',
        },
      ]);
    });

    it.each([
      [{ percent: 101 }, 'percent'],
      [{ percent: -1 }, 'percent'],
      [{ fraction: { numerator: 1, denominator: 0 } }, 'fraction.denominator'],
      [{ fraction: { numerator: -1 } }, 'fraction.numerator'],
    ])('refuses %j', (share, field) => {
      expect(
        validateHttpRoute(
          mirrored(
            mirror({ backendRef: { name: 'shadow', port: 80 }, ...share }),
          ),
          traefik,
        ),
      ).toEqual([{ path: `${at}.${field}`, message: expect.any(String) }]);
    });
  });

  it('refuses an ExtensionRef without group (the CRD requires it)', () => {
    const filter = {
      type: 'ExtensionRef',
      extensionRef: { kind: 'Middleware', name: 'auth' },
    } as unknown as HttpRouteFilter;
    expect(
      validateHttpRoute(
        withRules({ filters: [filter], backendRefs: [backend] }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].filters[0].extensionRef.group',
        message: expect.any(String),
      },
    ]);
  });

  it('refuses a path modifier whose value does not match its type', () => {
    expect(
      validateHttpRoute(
        withRules({
          filters: [
            redirect({
              path: { type: 'ReplaceFullPath', replacePrefixMatch: '/x' },
            }),
          ],
        }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].filters[0].requestRedirect.path.replaceFullPath',
        message: 'ReplaceFullPath needs replaceFullPath',
      },
      {
        path: 'spec.rules[0].filters[0].requestRedirect.path.replacePrefixMatch',
        message: 'replacePrefixMatch needs the type ReplacePrefixMatch',
      },
    ]);
  });
});
