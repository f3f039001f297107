import { pathValueProblem } from './paths';
import { validateHttpRoute } from './validateHttpRoute';
import { traefik, withRules } from './__testUtils__/routes';

const secondMatch = (
  type: 'Exact' | 'PathPrefix' | 'RegularExpression',
  value: string,
) =>
  withRules({
    matches: [
      { path: { type: 'Exact', value: '/' } },
      { path: { type, value } },
    ],
    backendRefs: [{ name: 'web', port: 8080 }],
  });

describe('HTTPRoute path matches', () => {
  it.each(['/', '/api/v1', '/api/', '/a%20b', "/~user/it's;v=1:@"])(
    'accepts the Exact and PathPrefix value %s',
    value => {
      expect(pathValueProblem(value)).toBeUndefined();
      expect(validateHttpRoute(secondMatch('Exact', value), traefik)).toEqual(
        [],
      );
      expect(
        validateHttpRoute(secondMatch('PathPrefix', value), traefik),
      ).toEqual([]);
    },
  );

  it.each([
    ['api', "must be an absolute path starting with '/'"],
    ['/a//b', "must not contain '//'"],
    ['/a/./b', "must not contain '/./'"],
    ['/a/../b', "must not contain '/../'"],
    ['/a%2fb', "must not contain '%2f'"],
    ['/a%2Fb', "must not contain '%2F'"],
    ['/a#b', "must not contain '#'"],
    ['/a/..', "must not end with '/..'"],
    ['/a/.', "must not end with '/.'"],
    ['/a b', expect.stringContaining('path characters')],
    ['/a%zz', expect.stringContaining('path characters')],
  ])('refuses the Exact and PathPrefix value %s', (value, message) => {
    const issue = { path: 'spec.rules[0].matches[1].path.value', message };
    expect(validateHttpRoute(secondMatch('Exact', value), traefik)).toEqual([
      issue,
    ]);
    expect(
      validateHttpRoute(secondMatch('PathPrefix', value), traefik),
    ).toEqual([issue]);
  });

  it('leaves regular expressions to the implementation, even empty ones (the CRD does)', () => {
    expect(
      validateHttpRoute(
        secondMatch('RegularExpression', '^/api/v[0-9]+//?'),
        traefik,
      ),
    ).toEqual([]);
    expect(
      validateHttpRoute(secondMatch('RegularExpression', ''), traefik),
    ).toEqual([]);
  });

  it('holds every path value, regular expressions too, to 1,024 characters', () => {
    expect(
      validateHttpRoute(
        secondMatch('RegularExpression', `^/${'a'.repeat(1022)}`),
        traefik,
      ),
    ).toEqual([]);
    expect(
      validateHttpRoute(
        secondMatch('RegularExpression', `^/${'a'.repeat(1023)}`),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].matches[1].path.value',
        message: expect.stringContaining('1024'),
      },
    ]);
  });

  it('checks a path given without type as a PathPrefix', () => {
    const spec = withRules({
      matches: [{ path: { value: 'api' } }],
      backendRefs: [{ name: 'web', port: 8080 }],
    });
    expect(validateHttpRoute(spec, traefik)).toEqual([
      {
        path: 'spec.rules[0].matches[0].path.value',
        message: "must be an absolute path starting with '/'",
      },
    ]);
  });
});
