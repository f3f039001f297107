import { loadBaselineRulePack, loadBuiltinProfiles } from './builtin';
import { RuleLoadError } from './errors';
import { createInspector } from './inspector';
import { parseProfileFile, resolveProfiles } from './profiles';

describe('profiles', () => {
  const profiles = loadBuiltinProfiles();
  const rules = loadBaselineRulePack().rules;

  it('ships baseline, financial, erp and per-environment examples that all apply to the baseline pack', () => {
    expect([...profiles.keys()].sort()).toEqual([
      'baseline',
      'erp',
      'erp-dev',
      'financial',
      'financial-prod',
    ]);
    for (const p of profiles.values()) {
      expect(() => createInspector({ rules, profile: p })).not.toThrow();
    }
  });

  it('financial is strict: security high, 45-day certificate warning; prod raises thresholds further', () => {
    const sev = (name: string, id: string) =>
      createInspector({ rules, profile: profiles.get(name)! }).rules.find(
        r => r.rule.definition.id === id,
      );
    expect(
      sev('financial', 'container-run-as-non-root-missing')?.severity,
    ).toBe('high');
    expect(sev('financial', 'tls-secret-expiring')).toMatchObject({
      severity: 'high',
      params: { daysBeforeExpiry: 45 },
    });
    expect(sev('financial-prod', 'tls-secret-expiring')?.params).toEqual({
      daysBeforeExpiry: 60,
    });
    expect(sev('financial-prod', 'deployment-replicas-low')?.params).toEqual({
      minReplicas: 3,
    });
    expect(sev('erp', 'container-liveness-probe-missing')?.severity).toBe(
      'high',
    );
    expect(sev('erp', 'container-read-only-root-fs')?.severity).toBe('low');
    expect(sev('erp', 'container-capabilities-drop-all')).toBeUndefined();
    expect(sev('erp-dev', 'deployment-replicas-low')).toBeUndefined();
    // Rules covering Polaris / kube-score checks have their place in the profiles.
    expect(sev('financial', 'rbac-binding-cluster-admin')?.severity).toBe(
      'high',
    );
    expect(sev('financial', 'pod-seccomp-profile-missing')?.severity).toBe(
      'medium',
    );
    expect(sev('financial', 'workload-network-policy-missing')?.severity).toBe(
      'high',
    );
    expect(sev('erp', 'pod-seccomp-profile-missing')).toBeUndefined();
    expect(sev('erp', 'pod-priority-class-missing')?.severity).toBe('medium');
    expect(sev('erp-dev', 'workload-topology-spread-missing')).toBeUndefined();
    expect(profiles.get('erp-dev')!.excludeNamespaces).toContain('kube-system');
  });

  it('resolves extends chains and rejects cycles and unknown parents', () => {
    const parse = (text: string) => parseProfileFile(text, 'p.yaml');
    const [a, b] = parse(
      'name: a\nexcludeNamespaces: [x]\n---\nname: b\nextends: a\nexcludeNamespaces: [y]\n',
    );
    expect(resolveProfiles([a, b]).get('b')?.excludeNamespaces).toEqual([
      'x',
      'y',
    ]);
    expect(() =>
      resolveProfiles(parse('name: a\nextends: b\n---\nname: b\nextends: a\n')),
    ).toThrow(/cycle/);
    expect(() => resolveProfiles(parse('name: a\nextends: nope\n'))).toThrow(
      /unknown profile "nope"/,
    );
  });

  it('reports invalid profiles with file and line', () => {
    let error: RuleLoadError | undefined;
    try {
      parseProfileFile(
        'name: x\nseverity:\n  categories:\n    security: urgent\nexemptions:\n  - namespaces: [a]\n',
        'bad.yaml',
      );
    } catch (e) {
      error = e as RuleLoadError;
    }
    expect(error?.problems.map(p => [p.line, p.field])).toEqual([
      [4, 'severity.categories.security'],
      [6, 'exemptions.0.rules'],
    ]);
  });
});
