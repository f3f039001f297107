import type { HttpRouteSummary } from '@kubemate/plugin-kubemate-common';
import {
  appendAt,
  draftOfRoute,
  editRequest,
  emptyDraft,
  filterOfType,
  getIn,
  pathModifierOfType,
  removeAt,
  setIn,
  setOptionalField,
  validateDraft,
  type RouteDraft,
} from './draft';

// A stored route with fields the form does not edit (a rule's name and retry, a label-ish extra).
const stored: HttpRouteSummary = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  namespace: 'bank-payments',
  name: 'payments-api',
  resourceVersion: '4711',
  generation: 3,
  hostnames: [],
  parents: [],
  rules: [],
  spec: {
    parentRefs: [
      {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'gw',
        sectionName: 'https',
      },
    ],
    rules: [
      {
        name: 'main',
        retry: { attempts: 2 },
        matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
        backendRefs: [{ name: 'payments-api', port: 8080, weight: 1 }],
      },
    ],
    futureField: { keep: true },
  },
};

describe('draft helpers', () => {
  it('sets a nested value copying only the path, so unknown fields survive', () => {
    const draft = draftOfRoute(stored);
    const next = setIn(
      draft,
      ['spec', 'rules', 0, 'matches', 0, 'path', 'value'],
      '/v2',
    );
    expect(
      getIn(next, ['spec', 'rules', 0, 'matches', 0, 'path', 'value']),
    ).toBe('/v2');
    expect(next.spec.rules?.[0]).toMatchObject({
      name: 'main',
      retry: { attempts: 2 },
    });
    expect(next.spec.futureField).toEqual({ keep: true });
    expect(next.metadata.resourceVersion).toBe('4711');
    // The input is not changed.
    expect(draft.spec.rules?.[0].matches?.[0].path?.value).toBe('/api');
    expect(next.spec.parentRefs).toBe(draft.spec.parentRefs);
  });

  it('creates missing containers and removes a key set to undefined', () => {
    const created = setIn({} as Record<string, unknown>, ['a', 0, 'b'], 1);
    expect(created).toEqual({ a: [{ b: 1 }] });
    expect(setIn({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
  });

  it('appends to and removes from lists, dropping a list left empty', () => {
    let draft: RouteDraft = emptyDraft('ns');
    draft = appendAt(draft, ['spec', 'hostnames'], 'a.example.com');
    draft = appendAt(draft, ['spec', 'hostnames'], 'b.example.com');
    expect(draft.spec.hostnames).toEqual(['a.example.com', 'b.example.com']);
    draft = removeAt(draft, ['spec', 'hostnames', 0]);
    expect(draft.spec.hostnames).toEqual(['b.example.com']);
    draft = removeAt(draft, ['spec', 'hostnames', 0]);
    expect('hostnames' in draft.spec).toBe(false);
  });

  it('drops an optional object with its last field (no empty timeouts for Linkerd to flag)', () => {
    let draft = emptyDraft('ns');
    draft = setOptionalField(
      draft,
      ['spec', 'rules', 0, 'timeouts'],
      'request',
      '10s',
    );
    expect(draft.spec.rules?.[0].timeouts).toEqual({ request: '10s' });
    draft = setOptionalField(
      draft,
      ['spec', 'rules', 0, 'timeouts'],
      'request',
      undefined,
    );
    expect('timeouts' in (draft.spec.rules?.[0] ?? {})).toBe(false);
  });

  it('builds filters and path modifiers with the settings their type needs', () => {
    expect(filterOfType('RequestRedirect')).toEqual({
      type: 'RequestRedirect',
      requestRedirect: {},
    });
    expect(filterOfType('ExtensionRef')).toEqual({
      type: 'ExtensionRef',
      extensionRef: { group: 'traefik.io', kind: 'Middleware', name: '' },
    });
    expect(pathModifierOfType('ReplacePrefixMatch', '/v2')).toEqual({
      type: 'ReplacePrefixMatch',
      replacePrefixMatch: '/v2',
    });
    expect(pathModifierOfType('', '/v2')).toBeUndefined();
  });

  it('validates the name and the spec as the server does', () => {
    const draft = setIn(
      emptyDraft('ns'),
      ['spec', 'rules', 0, 'matches', 0, 'path', 'value'],
      '/a//b',
    );
    expect(validateDraft(draft)).toEqual([
      { path: 'metadata.name', message: 'a name is required' },
      {
        path: 'spec.rules[0].matches[0].path.value',
        message: "must not contain '//'",
      },
    ]);
    expect(
      validateDraft(setIn(draft, ['metadata', 'name'], 'Bad_Name'))[0].path,
    ).toBe('metadata.name');
    const ok = setIn(
      setIn(draft, ['metadata', 'name'], 'r'),
      ['spec', 'rules', 0, 'matches', 0, 'path', 'value'],
      '/a',
    );
    expect(validateDraft(ok)).toEqual([]);
  });

  it('reports an issue once when both implementations find it', () => {
    const draft: RouteDraft = {
      metadata: { namespace: 'ns', name: 'r' },
      spec: {
        parentRefs: [
          { name: 'gw' },
          { group: '', kind: 'Service', name: 's', port: 80 },
        ],
        rules: [{ matches: [{ path: { type: 'Exact', value: 'x' } }] }],
      },
    };
    const paths = validateDraft(draft).map(i => i.path);
    expect(
      paths.filter(p => p === 'spec.rules[0].matches[0].path.value'),
    ).toHaveLength(1);
  });

  it('sends the draft as the request body', () => {
    expect(editRequest('sim', draftOfRoute(stored))).toEqual({
      cluster: 'sim',
      route: {
        metadata: {
          namespace: 'bank-payments',
          name: 'payments-api',
          resourceVersion: '4711',
          // Status written since the load does not make the edit stale; a spec change does.
          generation: 3,
        },
        spec: stored.spec,
      },
    });
  });
});
