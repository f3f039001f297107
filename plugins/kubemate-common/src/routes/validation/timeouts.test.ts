import { parseGatewayDuration } from './durations';
import { validateHttpRoute } from './validateHttpRoute';
import { traefik, withRules } from './__testUtils__/routes';

const timed = (timeouts: { request?: string; backendRequest?: string }) =>
  withRules({ backendRefs: [{ name: 'web', port: 8080 }], timeouts });

describe('HTTPRoute timeouts', () => {
  it('reads Gateway API durations', () => {
    expect(parseGatewayDuration('10s')).toBe(10_000);
    expect(parseGatewayDuration('1m30s')).toBe(90_000);
    expect(parseGatewayDuration('1h500ms')).toBe(3_600_500);
    expect(parseGatewayDuration('0s')).toBe(0);
    expect(parseGatewayDuration('1.5s')).toBeUndefined();
    expect(parseGatewayDuration('10')).toBeUndefined();
    expect(parseGatewayDuration('123456s')).toBeUndefined();
  });

  it('accepts a backendRequest timeout up to the request timeout', () => {
    expect(
      validateHttpRoute(
        timed({ request: '1m30s', backendRequest: '10s' }),
        traefik,
      ),
    ).toEqual([]);
    expect(
      validateHttpRoute(
        timed({ request: '90s', backendRequest: '1m30s' }),
        traefik,
      ),
    ).toEqual([]);
    expect(
      validateHttpRoute(timed({ backendRequest: '10m' }), traefik),
    ).toEqual([]);
  });

  it('accepts any backendRequest timeout when the request timeout is 0s (none)', () => {
    expect(
      validateHttpRoute(
        timed({ request: '0s', backendRequest: '1h' }),
        traefik,
      ),
    ).toEqual([]);
  });

  it('refuses a backendRequest timeout longer than the request timeout', () => {
    expect(
      validateHttpRoute(
        timed({ request: '1m30s', backendRequest: '2m' }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.rules[0].timeouts.backendRequest',
        message: 'must not be longer than the request timeout (1m30s)',
      },
    ]);
  });

  it('refuses durations that are not Gateway API durations', () => {
    expect(validateHttpRoute(timed({ request: '1.5s' }), traefik)).toEqual([
      {
        path: 'spec.rules[0].timeouts.request',
        message: 'must be a duration such as 10s, 1m30s or 500ms',
      },
    ]);
  });
});
