import { backendLabel, matchRefLabel, percentOf } from './format';
import { testParentOptions } from './testParents';

describe('format', () => {
  it('counts rules and matches from 1', () => {
    expect(
      matchRefLabel({
        namespace: 'ns',
        name: 'r',
        ruleIndex: 0,
        matchIndex: 2,
      }),
    ).toBe('ns/r · rule 1 · match 3');
  });

  it('labels backends with and without a port', () => {
    const b = {
      kind: 'Service',
      namespace: 'ns',
      name: 'svc',
      weight: 1,
      percent: 100,
    };
    expect(backendLabel({ ...b, port: 80 })).toBe('Service ns/svc:80');
    expect(backendLabel(b)).toBe('Service ns/svc');
  });

  it('keeps percentages within a bar', () => {
    expect(percentOf(33.333)).toBe(33.3);
    expect(percentOf(120)).toBe(100);
    expect(percentOf(-1)).toBe(0);
    expect(percentOf(NaN)).toBe(0);
  });
});

describe('testParentOptions', () => {
  it('offers each listener by sectionName and each Service', () => {
    expect(
      testParentOptions({
        gateways: [
          {
            namespace: 'ns',
            name: 'gw',
            conditions: [],
            listeners: [
              { name: 'http', port: 80, conditions: [] },
              { name: 'any', conditions: [] },
            ],
          },
        ],
        services: [{ namespace: 'ns', name: 'svc', ports: [] }],
      }),
    ).toEqual([
      {
        key: 'Gateway/ns/gw/http',
        label: 'ns/gw · http :80',
        parent: {
          kind: 'Gateway',
          namespace: 'ns',
          name: 'gw',
          sectionName: 'http',
        },
      },
      {
        key: 'Gateway/ns/gw/any',
        label: 'ns/gw · any',
        parent: {
          kind: 'Gateway',
          namespace: 'ns',
          name: 'gw',
          sectionName: 'any',
        },
      },
      {
        key: 'Service/ns/svc',
        label: 'Service ns/svc',
        parent: { kind: 'Service', namespace: 'ns', name: 'svc' },
      },
    ]);
  });
});
