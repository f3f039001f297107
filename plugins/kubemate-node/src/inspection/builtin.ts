import { resolvePackagePath } from '@backstage/backend-plugin-api';
import path from 'node:path';
import { loadRulePack, RuleLoadOptions, RulePack } from './loader';
import { InspectionProfile, loadProfiles } from './profiles';

/** Directory holding the built-in rule packs and profiles. @public */
export function builtinRulesDir(): string {
  return resolvePackagePath('@kubemate/plugin-kubemate-node', 'rules');
}

/**
 * The built-in baseline rule pack (`rules/baseline/*.yaml`).
 *
 * @public
 */
export function loadBaselineRulePack(options?: RuleLoadOptions): RulePack {
  return loadRulePack(path.join(builtinRulesDir(), 'baseline'), options);
}

/**
 * The built-in profiles (`rules/profiles/**`): baseline, financial, erp and
 * per-environment examples.
 *
 * @public
 */
export function loadBuiltinProfiles(): Map<string, InspectionProfile> {
  const dir = path.join(builtinRulesDir(), 'profiles');
  return loadProfiles(dir, path.join(dir, 'examples'));
}
