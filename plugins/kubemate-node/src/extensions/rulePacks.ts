import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A pack of inspection rules and/or profiles added by a backend module. Rules are compiled by
 * the plugin with every registered rule function, so a pack may call functions that another
 * module adds.
 *
 * @public
 */
export interface KubemateRulePack {
  /** Pack name recorded on each rule; profiles can select rules by pack. */
  name: string;
  /** Directory of `*.yaml` rule files (the same format as the built-in packs). */
  rulesDir?: string;
  /** Rule documents as objects (the YAML shape), validated like files. */
  rules?: object[];
  /** Directory of `*.yaml` profile files; they may extend the built-in profiles. */
  profilesDir?: string;
  /** Profiles as objects (the YAML shape); they may extend the built-in profiles. */
  profiles?: object[];
}

/** @public */
export interface KubemateRulePacksExtensionPoint {
  addRulePack(...packs: KubemateRulePack[]): void;
}

/**
 * Adds rule packs and profiles to the inspection engine, beside the built-in baseline pack and
 * the directories of `kubemate.inspection.rulePacks` / `profiles`.
 *
 * @public
 */
export const kubemateRulePacksExtensionPoint =
  createExtensionPoint<KubemateRulePacksExtensionPoint>({
    id: 'kubemate.rule-packs',
  });
