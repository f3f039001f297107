import { ParseResult } from '@marcbachmann/cel-js';
import fs from 'node:fs';
import path from 'node:path';
import { getDefaultRuleEnvironment, RuleEnvironment } from './environment';
import { RuleLoadError, RuleProblem } from './errors';
import { isPodSpecKind } from './kube';
import {
  compileTemplate,
  CompiledTemplate,
  TemplateSyntaxError,
} from './template';
import {
  POD_SPEC_KIND,
  POD_SPEC_KINDS,
  RULE_CATEGORIES,
  RuleCategory,
  RuleDefinition,
  RuleEquivalents,
  RuleSource,
  RuleTarget,
  SEVERITIES,
  Severity,
} from './types';
import { parseYamlDocuments, YamlDoc } from './yamlSource';

/**
 * A validated rule with its expressions compiled once, ready to evaluate.
 *
 * @public
 */
export interface InspectionRule {
  readonly definition: RuleDefinition;
  readonly source: RuleSource;
  readonly environment: RuleEnvironment;
  /** Kinds to evaluate (PodSpec already expanded). */
  readonly kinds: readonly string[];
  readonly compiled: {
    readonly match?: ParseResult;
    readonly condition: ParseResult;
    readonly observed?: ParseResult;
    readonly expected?: ParseResult;
    readonly discriminator?: ParseResult;
    readonly message?: CompiledTemplate;
    readonly fix?: CompiledTemplate;
  };
}

/** @public */
export interface RuleLoadOptions {
  /** CEL environment with custom functions; the shared default otherwise. */
  environment?: RuleEnvironment;
  /** Pack name recorded on each rule's source. */
  pack?: string;
}

/** @public */
export interface RulePack {
  name: string;
  dir: string;
  rules: InspectionRule[];
}

const RULE_FIELDS = new Set([
  'apiVersion',
  'kind',
  'id',
  'version',
  'title',
  'category',
  'severity',
  'target',
  'match',
  'condition',
  'observed',
  'expected',
  'discriminator',
  'message',
  'description',
  'remediation',
  'fix',
  'params',
  'docs',
  'tags',
  'equivalents',
]);
const EQUIVALENT_TOOLS = ['polaris', 'kube-score'] as const;
const TARGET_FIELDS = new Set([
  'kind',
  'kinds',
  'group',
  'groups',
  'apiVersion',
  'apiVersions',
  'podSpec',
  'perContainer',
  'initContainers',
  'subject',
]);
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const RULE_DOC_KIND = 'InspectionRule';

type Dict = Record<string, unknown>;

class Validator {
  readonly problems: RuleProblem[] = [];
  constructor(readonly doc: YamlDoc) {}

  fail(field: string | undefined, reason: string, line?: number) {
    this.problems.push({
      file: this.doc.file,
      line: line ?? this.doc.lineOf(field ? field.split('.') : []),
      field,
      reason,
    });
  }

  string(obj: Dict, key: string, required: boolean): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (required) this.fail(key, 'is required');
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail(key, 'must be a non-empty string');
      return undefined;
    }
    return v;
  }
}

function asList(v: unknown): unknown[] | undefined {
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? v : [v];
}

function validateTarget(v: Validator, raw: unknown): RuleTarget | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    v.fail('target', raw === undefined ? 'is required' : 'must be a mapping');
    return undefined;
  }
  const t = raw as Dict;
  for (const { key, line } of v.doc.keysOf(['target'])) {
    if (!TARGET_FIELDS.has(key)) {
      v.fail(
        `target.${key}`,
        `unknown field (known: ${[...TARGET_FIELDS].join(', ')})`,
        line,
      );
    }
  }
  const kindsRaw = asList(t.kinds ?? t.kind);
  const kinds = (kindsRaw ?? []).filter(
    (k): k is string => typeof k === 'string' && k !== '',
  );
  if (!kindsRaw || kinds.length === 0 || kinds.length !== kindsRaw.length) {
    v.fail(
      t.kinds !== undefined ? 'target.kinds' : 'target.kind',
      'must name at least one Kubernetes kind (or PodSpec)',
    );
  }
  const strings = (field: string, value: unknown) => {
    const list = asList(value);
    if (!list) return undefined;
    if (!list.every(x => typeof x === 'string')) {
      v.fail(`target.${field}`, 'must be a string or a list of strings');
      return undefined;
    }
    return list as string[];
  };
  const bool = (field: string) => {
    const value = t[field];
    if (value !== undefined && typeof value !== 'boolean') {
      v.fail(`target.${field}`, 'must be true or false');
    }
    return value === true;
  };
  const podSpec = kinds.includes(POD_SPEC_KIND) || bool('podSpec');
  if (podSpec) {
    const bad = kinds.filter(k => k !== POD_SPEC_KIND && !isPodSpecKind(k));
    if (bad.length) {
      v.fail(
        'target.kinds',
        `kinds without a pod template cannot be podSpec targets: ${bad.join(
          ', ',
        )}`,
      );
    }
  }
  const perContainer = bool('perContainer');
  if (perContainer && !podSpec) {
    v.fail(
      'target.perContainer',
      'requires a PodSpec target (kinds: [PodSpec] or podSpec: true)',
    );
  }
  const subject = t.subject ?? 'object';
  if (subject !== 'object' && subject !== 'involvedObject') {
    v.fail('target.subject', 'must be "object" or "involvedObject"');
  }
  return {
    kinds,
    groups: strings('groups', t.groups ?? t.group),
    apiVersions: strings('apiVersions', t.apiVersions ?? t.apiVersion),
    podSpec,
    perContainer,
    initContainers: bool('initContainers'),
    subject: subject as RuleTarget['subject'],
  };
}

function validateDefinition(
  v: Validator,
  raw: unknown,
): RuleDefinition | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    v.fail(undefined, 'a rule document must be a mapping');
    return undefined;
  }
  const r = raw as Dict;
  for (const { key, line } of v.doc.keysOf([])) {
    if (!RULE_FIELDS.has(key)) v.fail(key, 'unknown field', line);
  }
  if (r.kind !== undefined && r.kind !== RULE_DOC_KIND) {
    v.fail(
      'kind',
      `must be ${RULE_DOC_KIND} (use target.kinds for the inspected kinds)`,
    );
  }
  const id = v.string(r, 'id', true);
  if (id && !ID.test(id)) {
    v.fail(
      'id',
      'must be letters, digits, ".", "_" or "-" (e.g. KM-SEC-001 or pod-privileged)',
    );
  }
  let version: string | undefined;
  if (
    typeof r.version === 'number' &&
    Number.isInteger(r.version) &&
    r.version > 0
  ) {
    version = String(r.version);
  } else if (typeof r.version === 'string' && r.version.trim()) {
    version = r.version;
  } else {
    v.fail(
      'version',
      r.version === undefined
        ? 'is required'
        : 'must be a positive integer or a version string',
    );
  }
  const title = v.string(r, 'title', true);
  const category = v.string(r, 'category', true);
  if (category && !(RULE_CATEGORIES as readonly string[]).includes(category)) {
    v.fail(
      'category',
      `unknown category "${category}" (known: ${RULE_CATEGORIES.join(', ')})`,
    );
  }
  const severity = v.string(r, 'severity', true);
  if (severity && !(SEVERITIES as readonly string[]).includes(severity)) {
    v.fail(
      'severity',
      `unknown severity "${severity}" (known: ${SEVERITIES.join(', ')})`,
    );
  }
  const target = validateTarget(v, r.target);
  const condition = v.string(r, 'condition', true);
  const description = v.string(r, 'description', true);
  const remediation = v.string(r, 'remediation', true);
  const opt = (k: string) => v.string(r, k, false);
  const match = opt('match');
  const observed = opt('observed');
  const expected = opt('expected');
  const discriminator = opt('discriminator');
  const message = opt('message');
  const fix = opt('fix');
  const docs = opt('docs');
  let params: Dict = {};
  if (r.params !== undefined && r.params !== null) {
    if (typeof r.params !== 'object' || Array.isArray(r.params)) {
      v.fail(
        'params',
        'must be a mapping of parameter names to default values',
      );
    } else {
      params = r.params as Dict;
    }
  }
  let tags: string[] | undefined;
  if (r.tags !== undefined) {
    if (!Array.isArray(r.tags) || !r.tags.every(x => typeof x === 'string')) {
      v.fail('tags', 'must be a list of strings');
    } else {
      tags = r.tags;
    }
  }
  const equivalents = validateEquivalents(v, r.equivalents);
  if (
    v.problems.length ||
    !id ||
    !version ||
    !title ||
    !category ||
    !severity ||
    !target ||
    !condition ||
    !description ||
    !remediation
  ) {
    return undefined;
  }
  return {
    id,
    version,
    title,
    category: category as RuleCategory,
    severity: severity as Severity,
    target,
    match,
    condition,
    observed,
    expected,
    discriminator,
    message,
    description,
    remediation,
    fix,
    params,
    docs,
    tags,
    equivalents,
  };
}

/** `equivalents: {polaris: [checkId...], kube-score: [checkId...]}`. */
function validateEquivalents(
  v: Validator,
  raw: unknown,
): RuleEquivalents | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    v.fail('equivalents', 'must be a mapping of tool names to check ids');
    return undefined;
  }
  const out: RuleEquivalents = { polaris: [], kubeScore: [] };
  for (const [tool, ids] of Object.entries(raw as Dict)) {
    if (!(EQUIVALENT_TOOLS as readonly string[]).includes(tool)) {
      v.fail(
        `equivalents.${tool}`,
        `unknown tool (known: ${EQUIVALENT_TOOLS.join(', ')})`,
      );
      continue;
    }
    if (
      !Array.isArray(ids) ||
      !ids.every(x => typeof x === 'string' && x !== '')
    ) {
      v.fail(`equivalents.${tool}`, 'must be a list of check ids');
      continue;
    }
    if (tool === 'polaris') out.polaris = ids;
    else out.kubeScore = ids;
  }
  return out;
}

function compileCel(
  v: Validator,
  env: RuleEnvironment,
  field: string,
  source: string,
  expectBool: boolean,
): ParseResult | undefined {
  let parsed: ParseResult;
  try {
    parsed = env.parse(source);
  } catch (e) {
    const err = e as Error & { range?: { start: number }; summary?: string };
    v.fail(
      field,
      `CEL syntax error: ${err.summary ?? err.message.split('\n')[0]}`,
      v.doc.lineInValue([field], err.range?.start ?? 0, source),
    );
    return undefined;
  }
  const check = parsed.check();
  if (!check.valid) {
    const err = check.error as
      | (Error & { range?: { start: number }; summary?: string })
      | undefined;
    v.fail(
      field,
      `CEL type error: ${
        err?.summary ?? err?.message.split('\n')[0] ?? 'invalid expression'
      }`,
      v.doc.lineInValue([field], err?.range?.start ?? 0, source),
    );
    return undefined;
  }
  if (expectBool && check.type !== 'bool' && check.type !== 'dyn') {
    v.fail(field, `must evaluate to bool, but has type ${check.type}`);
    return undefined;
  }
  return parsed;
}

function compileTpl(v: Validator, field: string, source: string | undefined) {
  if (source === undefined) return undefined;
  try {
    return compileTemplate(source);
  } catch (e) {
    const offset = e instanceof TemplateSyntaxError ? e.offset : 0;
    v.fail(
      field,
      `template error: ${(e as Error).message}`,
      v.doc.lineInValue([field], offset, source),
    );
    return undefined;
  }
}

function expandKinds(target: RuleTarget): string[] {
  const kinds = new Set<string>();
  for (const k of target.kinds) {
    if (k === POD_SPEC_KIND) POD_SPEC_KINDS.forEach(p => kinds.add(p));
    else kinds.add(k);
  }
  return [...kinds];
}

function compileDocument(
  doc: YamlDoc,
  env: RuleEnvironment,
  pack: string | undefined,
  problems: RuleProblem[],
): InspectionRule | undefined {
  const v = new Validator(doc);
  const def = validateDefinition(v, doc.value);
  if (!def) {
    problems.push(...v.problems);
    return undefined;
  }
  const match =
    def.match === undefined
      ? undefined
      : compileCel(v, env, 'match', def.match, true);
  const condition = compileCel(v, env, 'condition', def.condition, true);
  const cel = (field: 'observed' | 'expected' | 'discriminator') =>
    def[field] === undefined
      ? undefined
      : compileCel(v, env, field, def[field]!, false);
  const observed = cel('observed');
  const expected = cel('expected');
  const discriminator = cel('discriminator');
  const message = compileTpl(v, 'message', def.message);
  const fix = compileTpl(v, 'fix', def.fix);
  if (v.problems.length || !condition) {
    problems.push(...v.problems);
    return undefined;
  }
  return {
    definition: def,
    source: { file: doc.file, line: doc.line, pack },
    environment: env,
    kinds: expandKinds(def.target),
    compiled: {
      match,
      condition,
      observed,
      expected,
      discriminator,
      message,
      fix,
    },
  };
}

function parseInto(
  text: string,
  fileName: string,
  options: RuleLoadOptions | undefined,
  problems: RuleProblem[],
): InspectionRule[] {
  const env = options?.environment ?? getDefaultRuleEnvironment();
  const { docs, problems: yamlProblems } = parseYamlDocuments(text, fileName);
  problems.push(...yamlProblems);
  const rules: InspectionRule[] = [];
  for (const doc of docs) {
    const rule = compileDocument(doc, env, options?.pack, problems);
    if (rule) rules.push(rule);
  }
  return rules;
}

function checkDuplicates(rules: InspectionRule[], problems: RuleProblem[]) {
  const seen = new Map<string, InspectionRule>();
  for (const rule of rules) {
    const first = seen.get(rule.definition.id);
    if (first) {
      problems.push({
        file: rule.source.file,
        line: rule.source.line,
        field: 'id',
        reason: `duplicate rule id "${rule.definition.id}" (first defined at ${first.source.file}:${first.source.line})`,
      });
    } else {
      seen.set(rule.definition.id, rule);
    }
  }
}

/**
 * Parse and compile the rules of one YAML file (one rule, or several
 * `---`-separated documents). Throws {@link RuleLoadError} listing every
 * problem with file and line.
 *
 * @public
 */
export function parseRuleFile(
  text: string,
  fileName: string,
  options?: RuleLoadOptions,
): InspectionRule[] {
  const problems: RuleProblem[] = [];
  const rules = parseInto(text, fileName, options, problems);
  checkDuplicates(rules, problems);
  if (problems.length) throw new RuleLoadError(problems);
  return rules;
}

/**
 * Load rules from files. All files are validated before anything throws, so
 * one error lists every broken file.
 *
 * @public
 */
export function loadRulesFromFiles(
  files: string[],
  options?: RuleLoadOptions,
): InspectionRule[] {
  const problems: RuleProblem[] = [];
  const rules: InspectionRule[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      problems.push({
        file,
        line: 1,
        reason: `cannot read file: ${(e as Error).message}`,
      });
      continue;
    }
    rules.push(...parseInto(text, file, options, problems));
  }
  checkDuplicates(rules, problems);
  if (problems.length) throw new RuleLoadError(problems);
  return rules;
}

/**
 * YAML files directly in a directory, sorted by name.
 *
 * @public
 */
export function listYamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter(e => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map(e => path.join(dir, e.name))
    .sort();
}

/**
 * Load every `*.yaml` / `*.yml` rule file of a directory as a rule pack
 * (inspection as code). The pack is named after the directory unless
 * `options.pack` says otherwise.
 *
 * @public
 */
export function loadRulePack(dir: string, options?: RuleLoadOptions): RulePack {
  const name = options?.pack ?? path.basename(path.resolve(dir));
  return {
    name,
    dir,
    rules: loadRulesFromFiles(listYamlFiles(dir), { ...options, pack: name }),
  };
}
