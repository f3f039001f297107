import { keySuggestions, pathAt, yamlHints } from './yamlHints';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx
          
  strategy:
    
`;

describe('pathAt', () => {
  const lines = deployment.split('\n');
  it('reads the enclosing keys from indentation, list items transparent', () => {
    expect(pathAt(lines, 11, 10)).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
    ]);
    expect(pathAt(lines, 13, 4)).toEqual(['spec', 'strategy']);
    expect(pathAt(lines, 4, 0)).toEqual([]);
    expect(
      pathAt(['rules:', '  - matches:', '      - path:', ''], 3, 10),
    ).toEqual(['rules', 'matches', 'path']);
  });
});

describe('keySuggestions', () => {
  it("offers the kind's fields where a key is typed", () => {
    expect(keySuggestions('Deployment', deployment, 11, 10)).toContain(
      'readinessProbe',
    );
    expect(keySuggestions('Deployment', deployment, 13, 4)).toEqual([
      'type',
      'rollingUpdate',
    ]);
    expect(keySuggestions('ConfigMap', '', 0, 0)).toContain('binaryData');
  });
});

describe('yamlHints', () => {
  it('flags misspelt fields where the field map is complete, and syntax errors', () => {
    const text = `kind: Deployment\nmetadata:\n  lables: {}\nspce: {}\nspec:\n  template:\n    metadata:\n      labels: { a: b }\n    spec:\n      containers:\n        - name: a\n          imagePullPolice: Always\n`;
    const hints = yamlHints('Deployment', text);
    expect(hints.map(h => text.slice(h.from, h.to))).toEqual([
      'lables',
      'spce',
      'imagePullPolice',
    ]);
    expect(hints[1].message).toMatch(/Unknown field 'spce' in Deployment/);
    // Labels and annotations hold any key; a kind not in the map gets no field warnings.
    expect(yamlHints('Widget', 'kind: Widget\nfoo: 1\n')).toEqual([]);
    expect(yamlHints('ConfigMap', 'data: [unclosed\n')[0].severity).toBe(
      'error',
    );
  });
});
