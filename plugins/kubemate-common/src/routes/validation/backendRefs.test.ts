import { validateHttpRoute } from './validateHttpRoute';
import { traefik, withRules } from './__testUtils__/routes';

const weighted = (weight: number) =>
  withRules({ backendRefs: [{ name: 'web', port: 8080, weight }] });

describe('HTTPRoute backendRefs', () => {
  it('accepts weights from 0 to 1,000,000', () => {
    expect(validateHttpRoute(weighted(0), traefik)).toEqual([]);
    expect(validateHttpRoute(weighted(1_000_000), traefik)).toEqual([]);
  });

  it('refuses weights outside 0–1,000,000', () => {
    const issue = {
      path: 'spec.rules[0].backendRefs[0].weight',
      message: 'weight must be between 0 and 1,000,000',
    };
    expect(validateHttpRoute(weighted(-1), traefik)).toEqual([issue]);
    expect(validateHttpRoute(weighted(1_000_001), traefik)).toEqual([issue]);
  });

  it('needs the port of a Service backend, not of other kinds', () => {
    expect(
      validateHttpRoute(withRules({ backendRefs: [{ name: 'web' }] }), traefik),
    ).toEqual([
      {
        path: 'spec.rules[0].backendRefs[0].port',
        message: 'a Service backend needs its port',
      },
    ]);
    expect(
      validateHttpRoute(
        withRules({
          backendRefs: [
            { group: 'traefik.io', kind: 'TraefikService', name: 'wrr' },
          ],
        }),
        traefik,
      ),
    ).toEqual([]);
  });
});
