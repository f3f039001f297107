import { findConflicts } from './findConflicts';
import { listener, route, rule } from './__testUtils__/routes';

describe('findConflicts', () => {
  const api = { path: { type: 'PathPrefix' as const, value: '/api' } };

  it('reports the same match for the same hostname in two routes, the oldest winning', () => {
    const young = route('young', [rule(api, 'y')], {
      createdAt: '2026-02-01T00:00:00Z',
    });
    const old = route(
      'old',
      [rule({ path: { type: 'PathPrefix', value: '/api/' } }, 'o')],
      {
        createdAt: '2025-02-01T00:00:00Z',
      },
    );
    expect(findConflicts([young, old], listener)).toEqual([
      {
        hostname: 'shop.example.com',
        match: 'PathPrefix /api/',
        routes: [
          { namespace: 'team-a', name: 'old', ruleIndex: 0, matchIndex: 0 },
          { namespace: 'team-a', name: 'young', ruleIndex: 0, matchIndex: 0 },
        ],
        winner: {
          namespace: 'team-a',
          name: 'old',
          ruleIndex: 0,
          matchIndex: 0,
        },
        why: 'team-a/old wins: it is the oldest route',
      },
    ]);
  });

  it('falls back to namespace/name for routes of the same age', () => {
    const [conflict] = findConflicts(
      [route('b', [rule(api, 'b')]), route('a', [rule(api, 'a')])],
      listener,
    );
    expect(conflict.winner.name).toBe('a');
    expect(conflict.why).toContain('first by namespace/name');
  });

  it('treats header names case-insensitively and header order as irrelevant', () => {
    const h1 = route('h1', [
      rule(
        {
          ...api,
          headers: [
            { name: 'X-A', value: '1' },
            { name: 'x-b', value: '2' },
          ],
        },
        'a',
      ),
    ]);
    const h2 = route('h2', [
      rule(
        {
          ...api,
          headers: [
            { name: 'x-b', value: '2' },
            { name: 'x-a', value: '1' },
          ],
        },
        'b',
      ),
    ]);
    expect(findConflicts([h1, h2], listener)).toHaveLength(1);
  });

  it('reports only the hostnames both routes serve', () => {
    const a = route('a', [rule(api, 'a')], {
      hostnames: ['a.example.com', 'b.example.com'],
    });
    const b = route('b', [rule(api, 'b')], {
      hostnames: ['b.example.com', 'c.example.com'],
    });
    expect(findConflicts([a, b], listener).map(c => c.hostname)).toEqual([
      'b.example.com',
    ]);
  });

  it('reports routes without hostnames as serving every host', () => {
    const a = route('a', [{ backendRefs: [{ name: 'a' }] }], { hostnames: [] });
    const b = route(
      'b',
      [rule({ path: { type: 'PathPrefix', value: '/' } }, 'b')],
      {
        hostnames: [],
      },
    );
    const [conflict] = findConflicts([a, b], listener);
    expect(conflict).toMatchObject({ hostname: '*', match: 'PathPrefix /' });
  });

  it('does not report different matches, other hostnames, other parents or one route', () => {
    const a = route('a', [rule(api, 'a')]);
    expect(
      findConflicts(
        [
          a,
          route('method', [rule({ ...api, method: 'GET' }, 'b')]),
          route('exact', [
            rule({ path: { type: 'Exact', value: '/api' } }, 'b'),
          ]),
          route('host', [rule(api, 'b')], { hostnames: ['other.example.com'] }),
          route('parent', [rule(api, 'b')], {
            parentRefs: [{ name: 'team-a-gateway', sectionName: 'https' }],
          }),
          route('self', [rule(api, 'x'), rule(api, 'y')], {
            hostnames: ['self.example.com'],
          }),
        ],
        listener,
      ),
    ).toEqual([]);
  });
});
