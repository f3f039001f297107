import { InputError } from '@backstage/errors';
import type { InspectionRule as InspectionRuleInfo } from '@kubemate/plugin-kubemate-common';
import {
  builtinFunctions,
  builtinRulesDir,
  createInspector,
  getDefaultRuleEnvironment,
  loadBaselineRulePack,
  loadProfiles,
  loadRulePack,
  parseProfileFile,
  parseRuleFile,
  resolveProfiles,
  RuleEnvironment,
  type InspectionProfile,
  type InspectionRule,
  type Inspector,
  type KubemateProbeRule,
  type KubemateRulePack,
  type RuleFunction,
} from '@kubemate/plugin-kubemate-node';
import path from 'node:path';
import { stringify } from 'yaml';
import { PROBE_RULES } from './probes/catalog';

/** Rule text shown next to a finding. */
/** A rule as the API lists it (`GET /inspection/rules`). */
export type RuleInfo = InspectionRuleInfo;

/** YAML documents of rule or profile objects, so they are validated like files. */
const asYaml = (docs: object[]) => docs.map(d => stringify(d)).join('---\n');

/** The shared environment, or one with the functions modules add (a signature once only). */
function ruleEnvironment(functions: RuleFunction[]): RuleEnvironment {
  if (!functions.length) return getDefaultRuleEnvironment();
  const seen = new Set(builtinFunctions.map(f => f.signature));
  for (const fn of functions) {
    if (seen.has(fn.signature)) {
      throw new Error(`Rule function '${fn.signature}' is already registered`);
    }
    seen.add(fn.signature);
  }
  return new RuleEnvironment({ functions });
}

/**
 * The loaded rules (built-in baseline pack plus configured packs) and profiles (built-in plus
 * configured directories, which may extend the built-in ones), with one inspector per profile.
 */
export class InspectionEngine {
  readonly rules: InspectionRule[];
  readonly profiles: Map<string, InspectionProfile>;
  private readonly byId: Map<string, InspectionRule>;
  private readonly probeRules: Map<string, KubemateProbeRule>;
  private readonly inspectors = new Map<string, Inspector>();

  constructor(options: {
    rules: InspectionRule[];
    profiles: Map<string, InspectionProfile>;
    /** Catalogue entries of the black-box probes; the built-in ones when omitted. */
    probeRules?: KubemateProbeRule[];
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
    this.probeRules = new Map();
    for (const rule of options.probeRules ?? PROBE_RULES) {
      if (this.byId.has(rule.id)) {
        throw new Error(`Probe rule id ${rule.id} is also a rule id`);
      }
      this.probeRules.set(rule.id, rule);
    }
    this.rules = options.rules;
    this.profiles = options.profiles;
  }

  /**
   * Loads the built-in baseline pack and profiles, extra directories, and the packs and rule
   * functions that backend modules add (every rule is compiled with every function).
   */
  static load(options?: {
    rulePackDirs?: string[];
    profileDirs?: string[];
    packs?: KubemateRulePack[];
    functions?: RuleFunction[];
    probeRules?: KubemateProbeRule[];
  }): InspectionEngine {
    const environment = ruleEnvironment(options?.functions ?? []);
    const rules = [
      ...loadBaselineRulePack({ pack: 'baseline', environment }).rules,
    ];
    for (const dir of options?.rulePackDirs ?? []) {
      rules.push(
        ...loadRulePack(path.resolve(dir), {
          pack: path.basename(dir),
          environment,
        }).rules,
      );
    }
    const packs = options?.packs ?? [];
    for (const pack of packs) {
      const opts = { pack: pack.name, environment };
      if (pack.rulesDir) {
        rules.push(...loadRulePack(path.resolve(pack.rulesDir), opts).rules);
      }
      if (pack.rules?.length) {
        rules.push(
          ...parseRuleFile(asYaml(pack.rules), `pack ${pack.name}`, opts),
        );
      }
    }
    const builtin = path.join(builtinRulesDir(), 'profiles');
    let profiles = loadProfiles(
      builtin,
      path.join(builtin, 'examples'),
      ...(options?.profileDirs ?? []).map(d => path.resolve(d)),
      ...packs.flatMap(p =>
        p.profilesDir ? [path.resolve(p.profilesDir)] : [],
      ),
    );
    const objects = packs.flatMap(p =>
      p.profiles?.length
        ? parseProfileFile(asYaml(p.profiles), `pack ${p.name} profiles`)
        : [],
    );
    if (objects.length) {
      // Resolved profiles are complete: drop `extends` so they are not merged twice.
      profiles = resolveProfiles([
        ...[...profiles.values()].map(p => ({ ...p, extends: undefined })),
        ...objects,
      ]);
    }
    return new InspectionEngine({
      rules,
      profiles,
      probeRules: options?.probeRules,
    });
  }

  rule(id: string): InspectionRule | undefined {
    return this.byId.get(id);
  }

  ruleInfo(id: string): RuleInfo | undefined {
    const rule = this.byId.get(id);
    return rule ? toRuleInfo(rule) : this.probeRules.get(id);
  }

  listRules(): RuleInfo[] {
    // Black-box probes are listed with the rules (pack `probes`) though they are not CEL rules.
    return [...this.rules.map(toRuleInfo), ...this.probeRules.values()].sort(
      (a, b) => a.id.localeCompare(b.id),
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
