import { loadBaselineRulePack } from './builtin';
import { kindsForRules } from './fetchClusterObjects';

describe('kindsForRules', () => {
  it('lists the roles a binding rule reads even when no rule targets roles', () => {
    const binding = loadBaselineRulePack().rules.find(
      r => r.definition.id === 'rbac-binding-pod-exec-attach',
    )!;
    const { kinds, unresolved } = kindsForRules([
      { rule: binding, severity: 'high', params: {} },
    ]);
    const byKind = new Map(kinds.map(k => [k.kind, k.apiVersions]));
    expect(unresolved).toEqual([]);
    expect(byKind.get('RoleBinding')).toEqual(['rbac.authorization.k8s.io/v1']);
    // Without them the binding's role would look empty and the rule would pass.
    expect(byKind.get('Role')).toEqual(['rbac.authorization.k8s.io/v1']);
    expect(byKind.get('ClusterRole')).toEqual(['rbac.authorization.k8s.io/v1']);
  });
});
