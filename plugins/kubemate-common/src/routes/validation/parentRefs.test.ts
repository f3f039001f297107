import { validateHttpRoute } from './validateHttpRoute';
import { gatewaySpec, traefik } from './__testUtils__/routes';
import type { HttpRouteParentRef } from './schema';

const parents = (...parentRefs: HttpRouteParentRef[]) =>
  gatewaySpec({ parentRefs });

describe('HTTPRoute parentRefs', () => {
  it('accepts several listeners of one Gateway, by sectionName or port', () => {
    expect(
      validateHttpRoute(
        parents(
          { name: 'team-a', sectionName: 'http' },
          { name: 'team-a', sectionName: 'https' },
        ),
        traefik,
      ),
    ).toEqual([]);
    expect(
      validateHttpRoute(
        parents({ name: 'team-a', port: 8000 }, { name: 'team-a', port: 8443 }),
        traefik,
      ),
    ).toEqual([]);
    expect(
      validateHttpRoute(
        parents({ name: 'team-a' }, { name: 'team-b' }),
        traefik,
      ),
    ).toEqual([]);
  });

  it('refuses the same listener twice', () => {
    expect(
      validateHttpRoute(
        parents(
          { name: 'team-a', sectionName: 'http' },
          { name: 'team-a', sectionName: 'http' },
        ),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.parentRefs[1]',
        message:
          'this reference selects the same listener or port as an earlier one',
      },
    ]);
  });

  it('refuses references to one Gateway that do not all name a listener', () => {
    const message =
      'this parent is referenced more than once: give every reference to it the same fields (sectionName and/or port) with different values';
    expect(
      validateHttpRoute(
        parents({ name: 'team-a', sectionName: 'http' }, { name: 'team-a' }),
        traefik,
      ),
    ).toEqual([{ path: 'spec.parentRefs[1]', message }]);
    expect(
      validateHttpRoute(
        parents({ name: 'team-a' }, { name: 'team-a' }),
        traefik,
      ),
    ).toEqual([{ path: 'spec.parentRefs[1]', message }]);
  });
});
