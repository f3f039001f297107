import fs from 'node:fs';
import { RuleLoadError, RuleProblem } from './errors';
import { listYamlFiles } from './loader';
import type {
  Exemption,
  InspectionProfile,
  RuleSelector,
} from '@kubemate/plugin-kubemate-common';
import { RULE_CATEGORIES, RuleCategory, SEVERITIES, Severity } from './types';
import { parseYamlDocuments, YamlDoc } from './yamlSource';

// The profile shapes are shared with the frontend (kubemate-common), which shows them.
export type {
  Exemption,
  InspectionProfile,
  RuleSelector,
} from '@kubemate/plugin-kubemate-common';

const PROFILE_FIELDS = new Set([
  'apiVersion',
  'kind',
  'name',
  'description',
  'extends',
  'rules',
  'severity',
  'params',
  'excludeNamespaces',
  'exemptions',
]);
const PROFILE_DOC_KIND = 'InspectionProfile';

type Dict = Record<string, any>;

/** An empty profile that runs every rule with its defaults. @public */
export function defaultProfile(name = 'default'): InspectionProfile {
  return {
    name,
    rules: {},
    severity: { categories: {}, rules: {} },
    params: {},
    excludeNamespaces: [],
    exemptions: [],
  };
}

function isDict(v: unknown): v is Dict {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

class ProfileValidator {
  readonly problems: RuleProblem[] = [];
  constructor(readonly doc: YamlDoc) {}
  fail(path: Array<string | number>, reason: string, line?: number) {
    this.problems.push({
      file: this.doc.file,
      line: line ?? this.doc.lineOf(path),
      field: path.join('.') || undefined,
      reason,
    });
  }
  strings(path: Array<string | number>, v: unknown): string[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every(x => typeof x === 'string')) {
      this.fail(path, 'must be a list of strings');
      return undefined;
    }
    return v;
  }
  selector(path: string[], v: unknown): RuleSelector | undefined {
    if (v === undefined || v === null) return undefined;
    if (!isDict(v)) {
      this.fail(path, 'must be a mapping with ids, categories and/or packs');
      return undefined;
    }
    for (const { key, line } of this.doc.keysOf(path)) {
      if (!['ids', 'categories', 'packs'].includes(key)) {
        this.fail(
          [...path, key],
          'unknown field (known: ids, categories, packs)',
          line,
        );
      }
    }
    const categories = this.strings([...path, 'categories'], v.categories);
    categories?.forEach((c, i) => {
      if (!(RULE_CATEGORIES as readonly string[]).includes(c)) {
        this.fail([...path, 'categories', i], `unknown category "${c}"`);
      }
    });
    return {
      ids: this.strings([...path, 'ids'], v.ids),
      categories: categories as RuleCategory[] | undefined,
      packs: this.strings([...path, 'packs'], v.packs),
    };
  }
  severityMap(path: string[], v: unknown, keys?: readonly string[]) {
    const out: Record<string, Severity> = {};
    if (v === undefined || v === null) return out;
    if (!isDict(v)) {
      this.fail(path, 'must be a mapping');
      return out;
    }
    for (const [k, s] of Object.entries(v)) {
      if (keys && !keys.includes(k))
        this.fail([...path, k], `unknown category "${k}"`);
      else if (!(SEVERITIES as readonly string[]).includes(s as string)) {
        this.fail(
          [...path, k],
          `unknown severity "${s}" (known: ${SEVERITIES.join(', ')})`,
        );
      } else out[k] = s as Severity;
    }
    return out;
  }
}

function validateProfile(doc: YamlDoc, problems: RuleProblem[]) {
  const v = new ProfileValidator(doc);
  const raw = doc.value;
  if (!isDict(raw)) {
    v.fail([], 'a profile document must be a mapping');
    problems.push(...v.problems);
    return undefined;
  }
  for (const { key, line } of doc.keysOf([])) {
    if (!PROFILE_FIELDS.has(key)) v.fail([key], 'unknown field', line);
  }
  if (raw.kind !== undefined && raw.kind !== PROFILE_DOC_KIND) {
    v.fail(['kind'], `must be ${PROFILE_DOC_KIND}`);
  }
  if (typeof raw.name !== 'string' || !raw.name)
    v.fail(['name'], 'is required');
  if (raw.extends !== undefined && typeof raw.extends !== 'string') {
    v.fail(['extends'], 'must be a profile name');
  }
  const rules = raw.rules ?? {};
  if (!isDict(rules))
    v.fail(['rules'], 'must be a mapping with include / exclude');
  const severity = raw.severity ?? {};
  if (!isDict(severity))
    v.fail(['severity'], 'must be a mapping with categories / rules');
  const params: Record<string, Record<string, unknown>> = {};
  if (raw.params !== undefined) {
    if (!isDict(raw.params))
      v.fail(['params'], 'must map rule ids to parameter overrides');
    else {
      for (const [id, p] of Object.entries(raw.params)) {
        if (!isDict(p))
          v.fail(['params', id], 'must be a mapping of parameter values');
        else params[id] = p;
      }
    }
  }
  const exemptions: Exemption[] = [];
  if (raw.exemptions !== undefined) {
    if (!Array.isArray(raw.exemptions))
      v.fail(['exemptions'], 'must be a list');
    else {
      raw.exemptions.forEach((e: unknown, i: number) => {
        const path = ['exemptions', i];
        if (!isDict(e)) {
          v.fail(path, 'must be a mapping');
          return;
        }
        for (const { key, line } of doc.keysOf(path)) {
          if (
            ![
              'rules',
              'namespaces',
              'kinds',
              'names',
              'reason',
              'expires',
            ].includes(key)
          ) {
            v.fail([...path, key], 'unknown field', line);
          }
        }
        const ruleIds = v.strings([...path, 'rules'], e.rules);
        if (!ruleIds?.length)
          v.fail([...path, 'rules'], 'must list rule ids or "*"');
        let expires: string | undefined;
        if (e.expires !== undefined) {
          const d =
            e.expires instanceof Date ? e.expires : new Date(String(e.expires));
          if (Number.isNaN(d.getTime()))
            v.fail([...path, 'expires'], 'must be a date');
          else expires = d.toISOString();
        }
        exemptions.push({
          rules: ruleIds ?? [],
          namespaces: v.strings([...path, 'namespaces'], e.namespaces),
          kinds: v.strings([...path, 'kinds'], e.kinds),
          names: v.strings([...path, 'names'], e.names),
          reason: typeof e.reason === 'string' ? e.reason : undefined,
          expires,
        });
      });
    }
  }
  const profile: InspectionProfile = {
    name: raw.name,
    description:
      typeof raw.description === 'string' ? raw.description : undefined,
    extends: raw.extends,
    rules: isDict(rules)
      ? {
          include: v.selector(['rules', 'include'], rules.include),
          exclude: v.selector(['rules', 'exclude'], rules.exclude),
        }
      : {},
    severity: isDict(severity)
      ? {
          categories: v.severityMap(
            ['severity', 'categories'],
            severity.categories,
            RULE_CATEGORIES,
          ),
          rules: v.severityMap(['severity', 'rules'], severity.rules),
        }
      : { categories: {}, rules: {} },
    params,
    excludeNamespaces:
      v.strings(['excludeNamespaces'], raw.excludeNamespaces) ?? [],
    exemptions,
  };
  if (v.problems.length) {
    problems.push(...v.problems);
    return undefined;
  }
  return profile;
}

/**
 * Parse the profiles in one YAML file (unresolved: `extends` is kept).
 *
 * @public
 */
export function parseProfileFile(
  text: string,
  fileName: string,
): InspectionProfile[] {
  const problems: RuleProblem[] = [];
  const { docs, problems: yamlProblems } = parseYamlDocuments(text, fileName);
  problems.push(...yamlProblems);
  const profiles: InspectionProfile[] = [];
  for (const doc of docs) {
    const p = validateProfile(doc, problems);
    if (p) profiles.push(p);
  }
  if (problems.length) throw new RuleLoadError(problems);
  return profiles;
}

function mergeSelector(
  a?: RuleSelector,
  b?: RuleSelector,
): RuleSelector | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    ids: [...(a.ids ?? []), ...(b.ids ?? [])],
    categories: [...(a.categories ?? []), ...(b.categories ?? [])],
    packs: [...(a.packs ?? []), ...(b.packs ?? [])],
  };
}

/**
 * Merge a child profile over its parent: the child's `include` replaces the
 * parent's, excludes / exemptions / excluded namespaces add up, severity and
 * params overrides are merged with the child winning.
 *
 * @public
 */
export function mergeProfiles(
  parent: InspectionProfile,
  child: InspectionProfile,
): InspectionProfile {
  const params: Record<string, Record<string, unknown>> = { ...parent.params };
  for (const [id, p] of Object.entries(child.params)) {
    params[id] = { ...params[id], ...p };
  }
  return {
    name: child.name,
    description: child.description ?? parent.description,
    extends: parent.name,
    rules: {
      include: child.rules.include ?? parent.rules.include,
      exclude: mergeSelector(parent.rules.exclude, child.rules.exclude),
    },
    severity: {
      categories: {
        ...parent.severity.categories,
        ...child.severity.categories,
      },
      rules: { ...parent.severity.rules, ...child.severity.rules },
    },
    params,
    excludeNamespaces: [
      ...new Set([...parent.excludeNamespaces, ...child.excludeNamespaces]),
    ],
    exemptions: [...parent.exemptions, ...child.exemptions],
  };
}

/**
 * Resolve `extends` chains. Unknown parents and cycles are errors.
 *
 * @public
 */
export function resolveProfiles(
  profiles: InspectionProfile[],
): Map<string, InspectionProfile> {
  const byName = new Map(profiles.map(p => [p.name, p]));
  const resolved = new Map<string, InspectionProfile>();
  const resolve = (name: string, chain: string[]): InspectionProfile => {
    const done = resolved.get(name);
    if (done) return done;
    const p = byName.get(name);
    if (!p)
      throw new Error(
        `profile "${
          chain[chain.length - 1]
        }" extends unknown profile "${name}"`,
      );
    if (chain.includes(name))
      throw new Error(
        `profile inheritance cycle: ${[...chain, name].join(' → ')}`,
      );
    const result = p.extends
      ? mergeProfiles(resolve(p.extends, [...chain, name]), p)
      : p;
    resolved.set(name, result);
    return result;
  };
  for (const p of profiles) resolve(p.name, []);
  return resolved;
}

/**
 * Load and resolve every profile in a directory (and, optionally, extra
 * directories whose profiles may extend these).
 *
 * @public
 */
export function loadProfiles(
  ...dirs: string[]
): Map<string, InspectionProfile> {
  const problems: RuleProblem[] = [];
  const all: InspectionProfile[] = [];
  for (const dir of dirs) {
    for (const file of listYamlFiles(dir)) {
      try {
        all.push(...parseProfileFile(fs.readFileSync(file, 'utf8'), file));
      } catch (e) {
        if (e instanceof RuleLoadError) problems.push(...e.problems);
        else throw e;
      }
    }
  }
  if (problems.length) throw new RuleLoadError(problems);
  return resolveProfiles(all);
}
