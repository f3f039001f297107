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
      const message =
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
        { path: 'spec.rules[0].filters[0].requestRedirect.path.type', message },
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
          message,
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

  it('refuses a header modifier repeated in a rule, and a header given two actions', () => {
    const modifier = (name: string): HttpRouteFilter => ({
      type: 'RequestHeaderModifier',
      requestHeaderModifier: {
        set: [{ name: 'x-a', value: '1' }],
        remove: [name],
      },
    });
    expect(
      validateHttpRoute(
        withRules({ filters: [modifier('x-b')], backendRefs: [backend] }),
        traefik,
      ),
    ).toEqual([]);
    expect(
      validateHttpRoute(
        withRules({
          filters: [modifier('X-A'), modifier('x-b')],
          backendRefs: [backend],
        }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].filters[0].requestHeaderModifier.remove[0]',
        message: 'header X-A already has an action in this filter',
      },
      {
        path: 'spec.rules[0].filters[1].type',
        message: 'only one RequestHeaderModifier filter is allowed here',
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
