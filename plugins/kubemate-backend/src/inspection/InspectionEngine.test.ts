import { builtinFunctions } from '@kubemate/plugin-kubemate-node';
import { InspectionEngine } from './InspectionEngine';

const testRule = {
  apiVersion: 'kubemate.io/v1alpha1',
  kind: 'InspectionRule',
  id: 'team-label',
  version: 1,
  title: 'Team label',
  category: 'governance',
  severity: 'low',
  target: { kinds: ['Deployment'] },
  condition: '!hasTeam(object)',
  description: 'd',
  remediation: 'r',
};
const hasTeam = {
  signature: 'hasTeam(map): bool',
  handler: (_ctx: unknown, o: { metadata?: { labels?: object } }) =>
    !!o.metadata?.labels && 'team' in o.metadata.labels,
};

describe('InspectionEngine with module packs and functions', () => {
  it('compiles object rules with added functions and resolves object profiles over built-ins', () => {
    const engine = InspectionEngine.load({
      functions: [hasTeam],
      packs: [
        {
          name: 'org',
          rules: [testRule],
          profiles: [
            {
              apiVersion: 'kubemate.io/v1alpha1',
              kind: 'InspectionProfile',
              name: 'org-strict',
              extends: 'baseline',
              severity: { rules: { 'team-label': 'high' } },
            },
          ],
        },
      ],
    });
    expect(engine.ruleInfo('team-label')).toMatchObject({ pack: 'org' });
    const profile = engine.profiles.get('org-strict')!;
    expect(profile.severity.rules['team-label']).toBe('high');
    // Inherited from baseline, not doubled by resolving twice.
    expect(profile.excludeNamespaces).toEqual(
      engine.profiles.get('baseline')!.excludeNamespaces,
    );
    expect(profile.exemptions).toEqual(
      engine.profiles.get('baseline')!.exemptions,
    );
    const { results } = engine.inspector('org-strict').inspect(
      [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'a', namespace: 'n' },
        },
      ],
      { cluster: 'c' },
    );
    expect(results.find(r => r.ruleId === 'team-label')).toMatchObject({
      status: 'failed',
      severity: 'high',
    });
  });

  it('refuses a rule that calls an unknown function, and a function signature twice', () => {
    expect(() =>
      InspectionEngine.load({ packs: [{ name: 'org', rules: [testRule] }] }),
    ).toThrow(/pack org.*condition/s);
    expect(() =>
      InspectionEngine.load({ functions: [builtinFunctions[0]] }),
    ).toThrow(
      `Rule function '${builtinFunctions[0].signature}' is already registered`,
    );
  });
});
