import { InputError } from '@backstage/errors';
import {
  builtinRulesDir,
  createInspector,
  loadBaselineRulePack,
  loadProfiles,
  loadRulePack,
  type InspectionProfile,
  type InspectionRule,
  type Inspector,
} from '@kubemate/plugin-kubemate-node';
import path from 'node:path';
import { PROBE_RULE_INFO, PROBE_RULES } from './probes/catalog';

/** Rule text shown next to a finding. */
export interface RuleInfo {
  id: string;
  version: string;
  title: string;
  category: string;
  severity: string;
  description: string;
  remediation: string;
  fix?: string;
  docs?: string;
  pack?: string;
  kinds: string[];
  params: Record<string, unknown>;
  tags?: string[];
}

/**
 * The loaded rules (built-in baseline pack plus configured packs) and profiles (built-in plus
 * configured directories, which may extend the built-in ones), with one inspector per profile.
 */
export class InspectionEngine {
  readonly rules: InspectionRule[];
  readonly profiles: Map<string, InspectionProfile>;
  private readonly byId: Map<string, InspectionRule>;
  private readonly inspectors = new Map<string, Inspector>();

  constructor(options: {
    rules: InspectionRule[];
    profiles: Map<string, InspectionProfile>;
  }) {
    this.byId = new Map();
    for (const rule of options.rules) {
      const id = rule.definition.id;
      const existing = this.byId.get(id);
      if (existing) {
        throw new Error(
          `Duplicate inspection rule id ${id}: ${existing.source.file} and ${rule.source.file}`,
        );
      }
      this.byId.set(id, rule);
    }
    this.rules = options.rules;
    this.profiles = options.profiles;
  }

  /** Loads the built-in baseline pack and profiles plus extra directories. */
  static load(options?: {
    rulePackDirs?: string[];
    profileDirs?: string[];
  }): InspectionEngine {
    const rules = [...loadBaselineRulePack({ pack: 'baseline' }).rules];
    for (const dir of options?.rulePackDirs ?? []) {
      rules.push(
        ...loadRulePack(path.resolve(dir), { pack: path.basename(dir) }).rules,
      );
    }
    const builtin = path.join(builtinRulesDir(), 'profiles');
    const profiles = loadProfiles(
      builtin,
      path.join(builtin, 'examples'),
      ...(options?.profileDirs ?? []).map(d => path.resolve(d)),
    );
    return new InspectionEngine({ rules, profiles });
  }

  rule(id: string): InspectionRule | undefined {
    return this.byId.get(id);
  }

  ruleInfo(id: string): RuleInfo | undefined {
    const rule = this.byId.get(id);
    return rule ? toRuleInfo(rule) : PROBE_RULE_INFO.get(id);
  }

  listRules(): RuleInfo[] {
    // Black-box probes are listed with the rules (pack `probes`) though they are not CEL rules.
    return [...this.rules.map(toRuleInfo), ...PROBE_RULES].sort((a, b) =>
      a.id.localeCompare(b.id),
    );
  }

  hasProfile(name: string): boolean {
    return this.profiles.has(name);
  }

  /** The inspector of a profile (created once); unknown profiles are an `InputError`. */
  inspector(profileName: string): Inspector {
    let inspector = this.inspectors.get(profileName);
    if (!inspector) {
      const profile = this.profiles.get(profileName);
      if (!profile) {
        throw new InputError(
          `Unknown inspection profile '${profileName}' (known: ${[
            ...this.profiles.keys(),
          ]
            .sort()
            .join(', ')})`,
        );
      }
      inspector = createInspector({ rules: this.rules, profile });
      this.inspectors.set(profileName, inspector);
    }
    return inspector;
  }
}

function toRuleInfo(rule: InspectionRule): RuleInfo {
  const d = rule.definition;
  return {
    id: d.id,
    version: d.version,
    title: d.title,
    category: d.category,
    severity: d.severity,
    description: d.description,
    remediation: d.remediation,
    ...(d.fix ? { fix: d.fix } : {}),
    ...(d.docs ? { docs: d.docs } : {}),
    ...(rule.source.pack ? { pack: rule.source.pack } : {}),
    kinds: [...rule.kinds],
    params: d.params,
    ...(d.tags ? { tags: d.tags } : {}),
  };
}
