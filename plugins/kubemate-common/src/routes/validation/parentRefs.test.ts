import { validateHttpRoute } from './validateHttpRoute';
import { gatewaySpec, traefik } from './__testUtils__/routes';
import type { HttpRouteParentRef } from './schema';

const parents = (...parentRefs: HttpRouteParentRef[]) =>
  gatewaySpec({ parentRefs });

describe('HTTPRoute parentRefs', () => {
  it('accepts several listeners of one Gateway by sectionName, and distinct parents', () => {
    expect(
      validateHttpRoute(
        parents(
          { name: 'team-a', sectionName: 'http' },
          { name: 'team-a', sectionName: 'https', port: 8443 },
        ),
        traefik,
      ),
    ).toEqual([]);
    expect(
      validateHttpRoute(
        parents({ name: 'team-a' }, { name: 'team-b' }),
        traefik,
      ),
    ).toEqual([]);
    // The same name in another namespace (or the route's own, written out) is another parent.
    expect(
      validateHttpRoute(
        parents({ name: 'team-a' }, { name: 'team-a', namespace: 'infra' }),
        traefik,
      ),
    ).toEqual([]);
  });

  it('refuses the same listener twice, whatever the port', () => {
    const message = "this parent's section http is already referenced";
    expect(
      validateHttpRoute(
        parents(
          { name: 'team-a', sectionName: 'http' },
          { name: 'team-a', sectionName: 'http' },
        ),
        traefik,
      ),
    ).toEqual([{ path: 'spec.parentRefs[1]', message }]);
    expect(
      validateHttpRoute(
        parents(
          { name: 'team-a', sectionName: 'http', port: 8000 },
          { name: 'team-a', sectionName: 'http', port: 8443 },
        ),
        traefik,
      ),
    ).toEqual([{ path: 'spec.parentRefs[1]', message }]);
  });

  it('refuses one Gateway referenced twice without sectionName, even with different ports (standard channel)', () => {
    const message =
      'this parent is already referenced without a sectionName; to attach to several of its listeners, give each reference a different sectionName (port does not tell references apart)';
    expect(
      validateHttpRoute(
        parents({ name: 'team-a' }, { name: 'team-a' }),
        traefik,
      ),
    ).toEqual([{ path: 'spec.parentRefs[1]', message }]);
    expect(
      validateHttpRoute(
        parents({ name: 'team-a', port: 8000 }, { name: 'team-a', port: 8443 }),
        traefik,
      ),
    ).toEqual([{ path: 'spec.parentRefs[1]', message }]);
  });

  it('refuses references to one Gateway that do not all set sectionName', () => {
    expect(
      validateHttpRoute(
        parents({ name: 'team-a', sectionName: 'http' }, { name: 'team-a' }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.parentRefs[1].sectionName',
        message:
          'this parent is referenced more than once, so every reference to it needs a sectionName',
      },
    ]);
    expect(
      validateHttpRoute(
        parents({ name: 'team-a' }, { name: 'team-a', sectionName: 'http' }),
        traefik,
      ),
    ).toEqual([
      {
        path: 'spec.parentRefs[1].sectionName',
        message:
          'this parent is also referenced without a sectionName; with several references to one parent, either all set sectionName or none does',
      },
    ]);
  });
});
