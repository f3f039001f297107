import { emptyDraft, setIn, type RouteDraft } from './draft';
import {
  fieldId,
  fieldKey,
  formFieldKeys,
  issueFieldKey,
  placeIssues,
} from './fields';

const draft: RouteDraft = {
  metadata: { namespace: 'ns', name: 'r' },
  spec: {
    parentRefs: [{ name: 'gw', sectionName: 'https' }],
    hostnames: ['a.example.com'],
    rules: [
      {
        matches: [
          { path: { value: '/' }, headers: [{ name: 'x', value: '1' }] },
        ],
        backendRefs: [{ name: 'svc', port: 80 }],
        filters: [
          {
            type: 'RequestRedirect',
            requestRedirect: {
              path: { type: 'ReplaceFullPath', replaceFullPath: '/' },
            },
          },
          {
            type: 'RequestMirror',
            requestMirror: { backendRef: { name: 'm', port: 80 } },
          },
        ],
      },
    ],
  },
};

describe('issue paths and form fields', () => {
  it('spells keys as issue paths and ids as DOM-safe names', () => {
    expect(fieldKey(['spec', 'rules', 0, 'matches', 1, 'path', 'value'])).toBe(
      'spec.rules[0].matches[1].path.value',
    );
    expect(fieldKey(['metadata', 'name'])).toBe('metadata.name');
    expect(fieldId('spec.rules[0].matches[1].path.value')).toBe(
      'route-spec-rules-0-matches-1-path-value',
    );
  });

  it('lists the inputs of the form in order, by what the draft holds', () => {
    expect(formFieldKeys(draft)).toEqual([
      'metadata.name',
      'metadata.namespace',
      'spec.parentRefs[0]',
      'spec.hostnames[0]',
      'spec.rules[0].matches[0].path.type',
      'spec.rules[0].matches[0].path.value',
      'spec.rules[0].matches[0].method',
      'spec.rules[0].matches[0].headers[0].name',
      'spec.rules[0].matches[0].headers[0].value',
      'spec.rules[0].matches[0].headers[0].type',
      'spec.rules[0].backendRefs[0].name',
      'spec.rules[0].backendRefs[0].port',
      'spec.rules[0].backendRefs[0].weight',
      'spec.rules[0].filters[0].type',
      'spec.rules[0].filters[0].requestRedirect.scheme',
      'spec.rules[0].filters[0].requestRedirect.hostname',
      'spec.rules[0].filters[0].requestRedirect.port',
      'spec.rules[0].filters[0].requestRedirect.path.type',
      'spec.rules[0].filters[0].requestRedirect.path.replaceFullPath',
      'spec.rules[0].filters[0].requestRedirect.statusCode',
      // The mirror filter has no inputs: its issues go above the form.
      'spec.rules[0].timeouts.request',
      'spec.rules[0].timeouts.backendRequest',
    ]);
  });

  it('maps issues about a whole object to the input that sets it', () => {
    expect(issueFieldKey('spec.parentRefs[1].kind')).toBe('spec.parentRefs[1]');
    expect(issueFieldKey('spec.parentRefs[1]')).toBe('spec.parentRefs[1]');
    expect(issueFieldKey('spec.rules[0].backendRefs[2].kind')).toBe(
      'spec.rules[0].backendRefs[2].name',
    );
    expect(issueFieldKey('spec.rules[0].backendRefs[2].port')).toBe(
      'spec.rules[0].backendRefs[2].port',
    );
    expect(issueFieldKey('spec.rules[0].filters[1].extensionRef')).toBe(
      'spec.rules[0].filters[1].extensionRef.name',
    );
    expect(issueFieldKey('spec.rules[0].matches[0].headers[3]')).toBe(
      'spec.rules[0].matches[0].headers[3].name',
    );
    expect(issueFieldKey('spec.rules[0].matches[0].path')).toBe(
      'spec.rules[0].matches[0].path.value',
    );
    expect(
      issueFieldKey('spec.rules[0].filters[0].requestHeaderModifier.set[1]'),
    ).toBe('spec.rules[0].filters[0].requestHeaderModifier.set[1].name');
  });

  it('places issues at their inputs, the rest above the form, and names the first field in form order', () => {
    const placed = placeIssues(
      [
        {
          path: 'spec.rules[0].matches[0].path.value',
          message: "must not contain '//'",
        },
        {
          path: 'spec.rules',
          message: "must send traffic to one of the entity's Services",
        },
        { path: 'spec.parentRefs[0].kind', message: 'Traefik serves…' },
        { path: 'spec.parentRefs[0].kind', message: 'Traefik serves…' },
        {
          path: 'spec.rules[0].filters[1].type',
          message: 'Linkerd does not support RequestMirror',
        },
      ],
      formFieldKeys(draft),
    );
    expect([...placed.byField]).toEqual([
      ['spec.rules[0].matches[0].path.value', ["must not contain '//'"]],
      ['spec.parentRefs[0]', ['Traefik serves…']],
    ]);
    expect(placed.unplaced.map(i => i.path)).toEqual([
      'spec.rules',
      'spec.rules[0].filters[1].type',
    ]);
    expect(placed.firstField).toBe('spec.parentRefs[0]');
  });

  it('follows the draft: a path modifier without type has no value input', () => {
    const keys = formFieldKeys(
      setIn(
        draft,
        ['spec', 'rules', 0, 'filters', 0, 'requestRedirect', 'path'],
        undefined,
      ),
    );
    expect(keys).toContain(
      'spec.rules[0].filters[0].requestRedirect.path.type',
    );
    expect(keys).not.toContain(
      'spec.rules[0].filters[0].requestRedirect.path.replaceFullPath',
    );
    expect(formFieldKeys(emptyDraft('ns'))).toHaveLength(7);
  });
});
