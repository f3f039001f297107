import { validateHttpRoute } from './validateHttpRoute';
import { traefik, withRules } from './__testUtils__/routes';
import type { HttpRouteMatch } from './schema';

const matching = (match: HttpRouteMatch) =>
  withRules({
    matches: [{}, match],
    backendRefs: [{ name: 'web', port: 8080 }],
  });

describe('HTTPRoute header and query parameter matches', () => {
  it('accepts distinct header names', () => {
    const headers = [
      { name: 'x-env', value: 'canary' },
      { name: 'x-team', value: 'a', type: 'RegularExpression' as const },
    ];
    expect(
      validateHttpRoute(matching({ headers, method: 'GET' }), traefik),
    ).toEqual([]);
  });

  it('accepts header names that differ only in case (the CRD keys the list by exact name)', () => {
    const headers = [
      { name: 'X-Env', value: 'canary' },
      { name: 'x-env', value: 'stable' },
    ];
    expect(validateHttpRoute(matching({ headers }), traefik)).toEqual([]);
  });

  it('refuses a header matched twice under the same name', () => {
    const headers = [
      { name: 'x-env', value: 'canary' },
      { name: 'x-env', value: 'stable' },
    ];
    expect(validateHttpRoute(matching({ headers }), traefik)).toEqual([
      {
        path: 'spec.rules[0].matches[1].headers[1].name',
        message: 'header x-env is already matched in this match',
      },
    ]);
  });

  it('accepts query parameters whose names differ only in case', () => {
    const queryParams = [
      { name: 'page', value: '1' },
      { name: 'Page', value: '2' },
    ];
    expect(validateHttpRoute(matching({ queryParams }), traefik)).toEqual([]);
  });

  it('refuses a query parameter matched twice', () => {
    const queryParams = [
      { name: 'page', value: '1' },
      { name: 'page', value: '2' },
    ];
    expect(validateHttpRoute(matching({ queryParams }), traefik)).toEqual([
      {
        path: 'spec.rules[0].matches[1].queryParams[1].name',
        message: 'query parameter page is already matched in this match',
      },
    ]);
  });
});
