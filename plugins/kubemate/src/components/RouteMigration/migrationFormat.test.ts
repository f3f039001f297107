import type { HttpRouteSummary } from '@kubemate/plugin-kubemate-common';
import {
  allAccepted,
  applyBlocker,
  createdRouteStatus,
  gatewaySideLabel,
  migratableApiVersion,
  mismatchesFirst,
  positionMark,
  requestLabel,
  traefikSideLabel,
} from './migrationFormat';

const route = (
  name: string,
  extra: { issues?: number; exists?: boolean } = {},
) => ({
  namespace: 'ns',
  name,
  diff: '',
  issues: Array.from({ length: extra.issues ?? 0 }, () => ({
    path: 'spec',
    message: 'bad',
  })),
  exists: extra.exists ?? false,
});

describe('migrationFormat', () => {
  it('accepts only the Traefik API groups the endpoint knows', () => {
    expect(migratableApiVersion('traefik.io/v1alpha1')).toBe(
      'traefik.io/v1alpha1',
    );
    expect(migratableApiVersion('traefik.containo.us/v1alpha1')).toBe(
      'traefik.containo.us/v1alpha1',
    );
    expect(migratableApiVersion('traefik.io/v2')).toBeUndefined();
  });

  it('writes a request on one line', () => {
    expect(requestLabel({ path: '/' })).toBe('any */');
    expect(
      requestLabel({
        method: 'GET',
        host: 'a.example.com',
        path: '/x',
        query: { q: '1', r: '2' },
        headers: { 'x-a': 'b' },
      }),
    ).toBe('GET a.example.com/x?q=1&r=2 · x-a: b');
  });

  it('writes each side of a parity row, counting from 1', () => {
    expect(traefikSideLabel(null)).toBe('not served');
    expect(
      traefikSideLabel({ route: 0, match: 'PathPrefix(`/`)', backends: [] }),
    ).toBe('route 1 (PathPrefix(`/`)) → no backend');
    expect(gatewaySideLabel(null)).toBe('not served');
    expect(
      gatewaySideLabel({
        route: 'ns/r',
        ruleIndex: 1,
        matchIndex: 0,
        backends: ['a:80', 'b:80'],
      }),
    ).toBe('ns/r · rule 2 · match 1 → a:80, b:80');
  });

  it('puts mismatches first and keeps the order otherwise', () => {
    const row = (path: string, same: boolean) => ({
      request: { path },
      traefik: null,
      gateway: null,
      same,
    });
    expect(
      mismatchesFirst([
        row('/a', true),
        row('/b', false),
        row('/c', true),
        row('/d', false),
      ]).map(r => r.request.path),
    ).toEqual(['/b', '/d', '/a', '/c']);
  });

  it('says why Apply is not possible', () => {
    expect(applyBlocker({ routes: [] })).toMatch(/Nothing of this/);
    expect(applyBlocker({ routes: [route('a', { issues: 1 })] })).toBe(
      'Validation issues in ns/a: fix the IngressRoute first.',
    );
    expect(applyBlocker({ routes: [route('a', { exists: true })] })).toMatch(
      /Nothing to create/,
    );
    expect(
      applyBlocker({ routes: [route('a', { exists: true }), route('b')] }),
    ).toMatch(/ns\/a already exists: applying creates all HTTPRoutes or none/);
    expect(applyBlocker({ routes: [route('a'), route('b')] })).toBeUndefined();
  });

  it('marks the matcher at a position, or one character', () => {
    expect(positionMark('A && B(`x`)', 5, 'B(`x`)')).toEqual({
      before: 'A && ',
      at: 'B(`x`)',
      after: '',
    });
    expect(positionMark('A || B', 2, '||')).toEqual({
      before: 'A ',
      at: '||',
      after: ' B',
    });
    expect(positionMark('A(', 2, 'A(')).toEqual({
      before: 'A(',
      at: '',
      after: '',
    });
    expect(positionMark('abc', 1, 'zzz').at).toBe('b');
  });

  it('finds the created routes and whether every parent accepted them', () => {
    const parent = (status: string) => ({
      kind: 'Gateway',
      namespace: 'ns',
      name: 'gw',
      conditions: [{ type: 'Accepted', status }],
    });
    const summary = (
      name: string,
      parents: HttpRouteSummary['parents'],
    ): HttpRouteSummary => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      namespace: 'ns',
      name,
      hostnames: [],
      parents,
      rules: [],
      spec: {},
    });
    const created = [
      { namespace: 'ns', name: 'a' },
      { namespace: 'ns', name: 'b' },
    ];
    expect(createdRouteStatus(undefined, created).map(s => s.found)).toEqual([
      false,
      false,
    ]);
    const pending = createdRouteStatus(
      {
        httpRoutes: [
          summary('a', [parent('True')]),
          summary('b', [parent('True'), parent('Unknown')]),
        ],
      },
      created,
    );
    expect(pending.map(s => s.accepted)).toEqual([true, false]);
    expect(allAccepted(pending)).toBe(false);
    const noParents = createdRouteStatus({ httpRoutes: [summary('a', [])] }, [
      created[0],
    ]);
    expect(noParents[0]).toMatchObject({ found: true, accepted: false });
    const done = createdRouteStatus(
      {
        httpRoutes: [
          summary('a', [parent('True')]),
          summary('b', [parent('True')]),
        ],
      },
      created,
    );
    expect(allAccepted(done)).toBe(true);
    expect(allAccepted([])).toBe(false);
  });
});
