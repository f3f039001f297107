import { loadBaselineRulePack } from './builtin';
import { coverageOf, generateBuiltinRuleDocs } from './generateRuleDocs';
import { KUBE_SCORE_CHECKS, POLARIS_CHECKS } from './toolChecks';

const rules = loadBaselineRulePack().rules;

describe.each([
  ['polaris', POLARIS_CHECKS, 44, 40],
  ['kubeScore', KUBE_SCORE_CHECKS, 39, 30],
] as const)('%s checks', (tool, checks, total, target) => {
  const covered = coverageOf(rules, tool);

  it('lists every built-in check once', () => {
    expect(checks).toHaveLength(total);
    expect(new Set(checks.map(c => c.id)).size).toBe(total);
  });

  it('maps rules only to known checks', () => {
    const known = new Set(checks.map(c => c.id));
    expect([...covered.keys()].filter(id => !known.has(id))).toEqual([]);
  });

  it(`covers at least ${target}, and says why each other one is not covered`, () => {
    expect(
      checks.filter(c => covered.has(c.id) && !c.partial).length,
    ).toBeGreaterThanOrEqual(target);
    for (const c of checks) {
      // Either a rule covers it (fully or partly), or a policy reason is documented.
      expect([c.id, covered.has(c.id)]).toEqual([c.id, !c.notCovered]);
    }
  });
});

it('docs/rules.md carries the comparison tables', () => {
  const docs = generateBuiltinRuleDocs();
  expect(docs).toContain('### Polaris: 41 of 44 checks covered');
  expect(docs).toContain(
    '| `missingPodDisruptionBudget` | Deployment without its <name>-pdb PodDisruptionBudget | partly: [`workload-pdb-missing`](#workload-pdb-missing) |',
  );
  expect(docs).toMatch(/### kube-score: 3\d of 39 checks covered/);
  expect(docs).toContain(
    '| `clusterrolebindingClusterAdmin` | ClusterRoleBinding to cluster-admin or a wildcard ClusterRole | [`rbac-binding-cluster-admin`](#rbac-binding-cluster-admin) |',
  );
  expect(docs).toContain('| `container-ports-check` |');
  expect(docs).toContain('kube-score/ignore');
});
