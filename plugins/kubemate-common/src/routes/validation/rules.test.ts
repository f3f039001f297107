import { validateHttpRoute } from './validateHttpRoute';
import { traefik, withRules } from './__testUtils__/routes';

const backendRefs = [{ name: 'web', port: 8080 }];

describe('HTTPRoute rule names and retries', () => {
  it('accepts distinct rule names, and rules without a name', () => {
    expect(
      validateHttpRoute(
        withRules(
          { name: 'api', backendRefs },
          { name: 'static', backendRefs },
          { backendRefs },
          { backendRefs },
        ),
        traefik,
      ),
    ).toEqual([]);
  });

  it('refuses two rules with the same name', () => {
    expect(
      validateHttpRoute(
        withRules({ name: 'api', backendRefs }, { name: 'api', backendRefs }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules[1].name',
        message:
          'another rule is already named api; rule names must be unique within the route',
      },
    ]);
  });

  it('refuses a rule name that is not an RFC 1123 subdomain', () => {
    expect(
      validateHttpRoute(withRules({ name: 'API_v1', backendRefs }), traefik),
    ).toEqual([
      { path: 'spec.rules[0].name', message: 'must be an RFC 1123 subdomain' },
    ]);
  });

  it('accepts retry codes 400–599 once each, and refuses others', () => {
    expect(
      validateHttpRoute(
        withRules({
          backendRefs,
          retry: { codes: [500, 503], attempts: 2, backoff: '100ms' },
        }),
        traefik,
      ),
    ).toEqual([]);
    expect(
      validateHttpRoute(
        withRules({ backendRefs, retry: { codes: [503, 503] } }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].retry.codes[1]',
        message: 'status code 503 is already listed',
      },
    ]);
    expect(
      validateHttpRoute(
        withRules({ backendRefs, retry: { codes: [302] } }),
        traefik,
      ),
    ).toEqual([
      { path: 'spec.rules[0].retry.codes[0]', message: expect.any(String) },
    ]);
    expect(
      validateHttpRoute(
        withRules({ backendRefs, retry: { backoff: '1.5s' } }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].retry.backoff',
        message: 'must be a duration such as 10s, 1m30s or 500ms',
      },
    ]);
  });
});
