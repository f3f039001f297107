import { scrubSecretValues, secretValues } from './secretScrub';
import { performance } from 'node:perf_hooks';
import {
  ClusterIndex,
  EXEMPT_ANNOTATION,
  parseExemptList,
} from './ClusterIndex';
import { computeFingerprint } from './fingerprint';
import {
  apiGroupOf,
  isControlled,
  podSpecPatchWrapper,
  podTemplateOf,
} from './kube';
import { InspectionRule } from './loader';
import { Exemption } from './profiles';
import {
  CheckResult,
  CheckStatus,
  InspectionStats,
  KubeObject,
  PassedChecks,
  ResourceRef,
  RuleStats,
  Severity,
} from './types';

type Dict = Record<string, any>;

const EMPTY: Dict = Object.freeze({}) as Dict;

/** A profile exemption compiled into matchers. */
export interface CompiledExemption {
  ns?: (v: string) => boolean;
  kinds?: Set<string>;
  names?: (v: string) => boolean;
  reason: string;
  expires?: number;
}

function globMatcher(
  patterns: string[] | undefined,
): ((v: string) => boolean) | undefined {
  if (!patterns || patterns.length === 0) return undefined;
  const exact = new Set(patterns.filter(p => !p.includes('*')));
  const globs = patterns
    .filter(p => p.includes('*'))
    .map(p => new RegExp(`^${p.split('*').map(escapeRegExp).join('.*')}$`));
  return v => exact.has(v) || globs.some(g => g.test(v));
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileExemption(e: Exemption): CompiledExemption {
  return {
    ns: globMatcher(e.namespaces),
    kinds: e.kinds?.length ? new Set(e.kinds) : undefined,
    names: globMatcher(e.names),
    reason: `profile exemption${e.reason ? `: ${e.reason}` : ''}`,
    expires: e.expires ? Date.parse(e.expires) : undefined,
  };
}

/** Render a CEL value for the report. */
export function formatValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (
    typeof value === 'bigint' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  const v = value as { hasValue?: () => boolean; value?: () => unknown };
  if (typeof v.hasValue === 'function' && typeof v.value === 'function') {
    return v.hasValue() ? formatValue(v.value()) : undefined;
  }
  return JSON.stringify(value, (_k, x) =>
    typeof x === 'bigint' ? Number(x) : x,
  );
}

function errorMessage(e: unknown): string {
  const err = e as { summary?: string; message?: string };
  const msg = err?.summary ?? err?.message ?? String(e);
  return msg.split('\n')[0];
}

/** What a finding's message and fix are rendered from (kept instead of the texts). */
interface FindingTexts {
  pr: PreparedRule;
  cluster: string;
  observed?: string;
  expected?: string;
}

const TEXTS = Symbol('kubemate.findingTexts');

type WithTexts = CheckResult & { [TEXTS]: FindingTexts };

function templateData(result: WithTexts) {
  const { pr, cluster, observed, expected } = result[TEXTS];
  const ref = result.resource;
  const [open, close] = podSpecPatchWrapper(ref.kind);
  return {
    cluster,
    ruleId: pr.rule.definition.id,
    kind: ref.kind,
    resource: ref.kind.toLowerCase(),
    apiVersion: ref.apiVersion,
    namespace: ref.namespace,
    name: ref.name,
    container: ref.container,
    host: ref.host,
    observed,
    expected,
    params: pr.params,
    podSpecPatchOpen: open,
    podSpecPatchClose: close,
  };
}

/**
 * `message` and `fix` of a finding, rendered each time they are read. A large run has tens
 * of thousands of findings: each keeps what its texts are rendered from (a small object) instead of
 * both rendered texts, which are built one at a time when a finding is stored or shown. They
 * are enumerable own properties, so JSON, spreads and equality see plain strings; the getters
 * are shared by all findings (so are their hidden classes). Assigning a value replaces the
 * rendering.
 */
function renderedText(key: 'message' | 'fix'): PropertyDescriptor {
  return {
    enumerable: true,
    configurable: true,
    get(this: WithTexts) {
      const template = this[TEXTS].pr.rule.compiled[key];
      return template?.render(templateData(this));
    },
    set(this: CheckResult, value: string | undefined) {
      Object.defineProperty(this, key, {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    },
  };
}

const RENDERED_MESSAGE = renderedText('message');
const RENDERED_FIX = renderedText('fix');

/** A rule with the profile applied, ready to run. */
export interface PreparedRule {
  rule: InspectionRule;
  severity: Severity;
  params: Record<string, unknown>;
  exemptions: CompiledExemption[];
}

interface Target {
  obj: KubeObject;
  ref: ResourceRef;
  /** Namespace used for exclusion / exemption (the name for Namespaces). */
  ns?: string;
  template?: { metadata: Dict; spec: Dict };
}

/** What becomes of passed checks: results, counts per resource, or only the stats. */
export type PassedMode = 'results' | 'counts' | 'dropped';

/**
 * One inspection run over one cluster index: evaluates prepared rules,
 * collects results and stats. Evaluation of one rule on one object can fail
 * without affecting anything else.
 */
export class InspectionRun {
  readonly results: CheckResult[] = [];
  readonly perRule: Record<string, RuleStats> = {};
  private readonly findings = new Map<string, CheckResult>();
  private readonly annotationCache = new WeakMap<object, Set<string> | null>();
  /**
   * The resource ref of each object, shared by the results of every rule on it (a large run
   * has ~10 results per object): one object instead of one per result.
   */
  private readonly refs = new Map<KubeObject, ResourceRef>();
  private readonly containerRefs = new Map<
    Dict,
    { base: ResourceRef; ref: ResourceRef }
  >();
  /** Passed checks per resource ref, in `counts` mode. */
  private readonly passedByRef = new Map<ResourceRef, PassedChecks>();
  /** observed / expected texts, one string per distinct value (they repeat across objects). */
  private readonly texts = new Map<string, string>();
  /** One CEL context object, mutated per evaluation. */
  private readonly ctx: Dict;
  private readonly nowMs: number;

  constructor(
    private readonly index: ClusterIndex,
    private readonly cluster: string,
    now: Date,
    private readonly excludedNs: Set<string>,
    private readonly passed: PassedMode,
  ) {
    this.nowMs = now.getTime();
    this.ctx = {
      object: EMPTY,
      podSpec: EMPTY,
      podMetadata: EMPTY,
      container: EMPTY,
      params: EMPTY,
      now,
      cluster,
    };
  }

  /** Objects that live in excluded namespaces (for the stats). */
  countExcluded(): number {
    if (!this.excludedNs.size) return 0;
    let n = 0;
    for (const kind of this.index.kinds()) {
      for (const o of this.index.ofKind(kind)) {
        const ns =
          o.metadata?.namespace ??
          (kind === 'Namespace' ? o.metadata?.name : undefined);
        if (ns !== undefined && this.excludedNs.has(ns)) n++;
      }
    }
    return n;
  }

  runRule(pr: PreparedRule): void {
    const d = pr.rule.definition;
    const stats: RuleStats = {
      evaluations: 0,
      passed: 0,
      failed: 0,
      errors: 0,
      skipped: 0,
      durationMs: 0,
    };
    this.perRule[d.id] = stats;
    const start = performance.now();
    const exemptions = pr.exemptions.filter(
      e => e.expires === undefined || e.expires > this.nowMs,
    );
    this.ctx.params = pr.params;
    for (const kind of pr.rule.kinds) {
      for (const obj of this.index.ofKind(kind)) {
        const target = this.targetOf(pr.rule, kind, obj);
        if (!target) continue;
        const skipReason = this.exemptionOf(d.id, target, exemptions);
        this.ctx.object = obj;
        this.ctx.podSpec = target.template?.spec ?? EMPTY;
        this.ctx.podMetadata = target.template?.metadata ?? EMPTY;
        this.ctx.container = EMPTY;
        if (!d.target.perContainer) {
          this.evaluate(pr, stats, target.ref, skipReason);
          continue;
        }
        const spec = target.template!.spec;
        const lists: Dict[][] = [spec.containers ?? []];
        if (d.target.initContainers && spec.initContainers) {
          lists.push(spec.initContainers);
        }
        for (const list of lists) {
          for (const container of list) {
            this.ctx.container = container ?? EMPTY;
            const ref = this.containerRefOf(target.ref, container);
            this.evaluate(pr, stats, ref, skipReason);
          }
        }
      }
    }
    this.ctx.object = EMPTY;
    stats.durationMs = performance.now() - start;
  }

  /** The passed checks counted per resource (`counts` mode). */
  passedChecks(): PassedChecks[] {
    return [...this.passedByRef.values()];
  }

  /** Totals over all rules (after merging repeated findings). */
  totals(): Pick<
    InspectionStats,
    'evaluations' | 'passed' | 'failed' | 'errors' | 'skipped'
  > {
    const t = { evaluations: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
    for (const rs of Object.values(this.perRule)) {
      t.evaluations += rs.evaluations;
      t.passed += rs.passed;
      t.failed += rs.failed;
      t.errors += rs.errors;
      t.skipped += rs.skipped;
    }
    return t;
  }

  /** Whether the rule applies to the object, and as which resource. */
  private targetOf(
    rule: InspectionRule,
    kind: string,
    obj: KubeObject,
  ): Target | undefined {
    const t = rule.definition.target;
    if (t.groups && !t.groups.includes(apiGroupOf(obj.apiVersion))) {
      return undefined;
    }
    if (t.apiVersions && !t.apiVersions.includes(obj.apiVersion ?? '')) {
      return undefined;
    }
    let template: Target['template'];
    if (t.podSpec) {
      // Report on the object people edit, not on what its controller made.
      if (isControlled(obj)) return undefined;
      template = podTemplateOf(obj);
      if (!template) return undefined;
    }
    const meta = obj.metadata;
    let ref: ResourceRef;
    if (t.subject === 'involvedObject') {
      const inv = (obj.involvedObject ?? obj.regarding ?? {}) as Dict;
      ref = {
        kind: inv.kind ?? kind,
        apiVersion: inv.apiVersion,
        namespace: inv.namespace ?? meta?.namespace,
        name: inv.name ?? meta?.name ?? '',
      };
      if (inv.uid) ref.uid = inv.uid;
      if (inv.kind === 'Node') ref.host = inv.name;
    } else {
      ref = this.refOf(kind, obj);
    }
    const ns = ref.namespace ?? (kind === 'Namespace' ? ref.name : undefined);
    if (ns !== undefined && this.excludedNs.has(ns)) return undefined;
    return { obj, ref, ns, template };
  }

  private refOf(kind: string, obj: KubeObject): ResourceRef {
    let ref = this.refs.get(obj);
    if (ref && ref.kind === kind) return ref;
    const meta = obj.metadata;
    ref = {
      kind,
      apiVersion: obj.apiVersion,
      namespace: meta?.namespace,
      name: meta?.name ?? '',
    };
    if (meta?.uid) ref.uid = meta.uid;
    if (kind === 'Node') ref.host = ref.name;
    this.refs.set(obj, ref);
    return ref;
  }

  /** The ref of a container of a workload, shared by the results of every per-container rule. */
  private containerRefOf(base: ResourceRef, container: Dict | null) {
    const name = container?.name ?? '';
    if (!container || typeof container !== 'object') {
      return { ...base, container: name };
    }
    const cached = this.containerRefs.get(container);
    // The same container object under another workload (hand-built input) gets its own ref.
    if (cached && cached.base === base) return cached.ref;
    const ref = { ...base, container: name };
    this.containerRefs.set(container, { base, ref });
    return ref;
  }

  /** The same string for the same text (observed / expected values repeat). */
  private shared(text: string | undefined): string | undefined {
    if (text === undefined || text.length > 200) return text;
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
  }

  private annotationExemptions(meta: Dict | undefined): Set<string> | null {
    // Most objects carry no exemption: a property read, before any cache lookup.
    const value = meta?.annotations?.[EXEMPT_ANNOTATION];
    if (!value) return null;
    let cached = this.annotationCache.get(meta!);
    if (cached === undefined) {
      cached = parseExemptList(value);
      this.annotationCache.set(meta!, cached);
    }
    return cached;
  }

  /**
   * Why the target is exempt from the rule, if it is: annotation on the
   * object or its pod template, annotation on its namespace, or a profile
   * exemption.
   */
  private exemptionOf(
    ruleId: string,
    target: Target,
    exemptions: CompiledExemption[],
  ): string | undefined {
    const has = (set: Set<string> | null) =>
      !!set && (set.has(ruleId) || set.has('*'));
    if (
      has(this.annotationExemptions(target.obj.metadata)) ||
      has(this.annotationExemptions(target.template?.metadata))
    ) {
      return `annotation ${EXEMPT_ANNOTATION}`;
    }
    const ns = target.ns;
    if (ns !== undefined && has(this.index.namespaceExemptions(ns) ?? null)) {
      return `namespace annotation ${EXEMPT_ANNOTATION}`;
    }
    for (const e of exemptions) {
      if (e.ns && (ns === undefined || !e.ns(ns))) continue;
      if (e.kinds && !e.kinds.has(target.ref.kind)) continue;
      if (e.names && !e.names(target.ref.name)) continue;
      return e.reason;
    }
    return undefined;
  }

  /** Evaluate one object / container; `skipReason` marks it exempt. */
  private evaluate(
    pr: PreparedRule,
    stats: RuleStats,
    ref: ResourceRef,
    skipReason: string | undefined,
  ): void {
    const c = pr.rule.compiled;
    let value: unknown;
    try {
      if (c.match && c.match(this.ctx) !== true) return;
      if (skipReason) {
        this.emit(pr, stats, 'skipped', ref, { skipReason });
        return;
      }
      value = c.condition(this.ctx);
    } catch (e) {
      this.emit(pr, stats, 'error', ref, { error: errorMessage(e) });
      return;
    }
    if (value === true) this.emit(pr, stats, 'failed', ref);
    else if (value === false) this.emit(pr, stats, 'passed', ref);
    else {
      this.emit(pr, stats, 'error', ref, {
        error: `condition returned ${formatValue(value)}, expected a bool`,
      });
    }
  }

  private emit(
    pr: PreparedRule,
    stats: RuleStats,
    status: CheckStatus,
    ref: ResourceRef,
    extra?: { error?: string; skipReason?: string },
  ): void {
    const d = pr.rule.definition;
    stats.evaluations++;
    if (status === 'passed') {
      stats.passed++;
      if (this.passed === 'counts') {
        let counts = this.passedByRef.get(ref);
        if (!counts) {
          counts = { resource: ref, high: 0, medium: 0, low: 0 };
          this.passedByRef.set(ref, counts);
        }
        counts[pr.severity]++;
      }
      if (this.passed !== 'results') return;
    } else if (status === 'skipped') stats.skipped++;
    else if (status === 'error') stats.errors++;

    const values = status === 'failed' ? this.findingValues(pr) : undefined;
    const fingerprint = computeFingerprint({
      cluster: this.cluster,
      ruleId: d.id,
      kind: ref.kind,
      namespace: ref.namespace,
      name: ref.name,
      container: ref.container,
      host: ref.host,
      detail: values?.detail,
    });
    if (status === 'failed') {
      const existing = this.findings.get(fingerprint);
      if (existing) {
        existing.occurrences = (existing.occurrences ?? 1) + 1;
        return;
      }
      stats.failed++;
    }
    const result: CheckResult = {
      status,
      ruleId: d.id,
      ruleVersion: d.version,
      title: d.title,
      category: d.category,
      severity: pr.severity,
      resource: ref,
      fingerprint,
    };
    if (values) {
      this.describeFinding(pr, result, values);
      this.findings.set(fingerprint, result);
    }
    if (extra?.error) result.error = extra.error;
    if (extra?.skipReason) result.skipReason = extra.skipReason;
    this.results.push(result);
  }

  /** observed / expected / discriminator, evaluated for findings only. */
  private findingValues(pr: PreparedRule) {
    const c = pr.rule.compiled;
    const v: { detail?: string; observed?: string; expected?: string } = {};
    try {
      if (c.discriminator) v.detail = formatValue(c.discriminator(this.ctx));
      if (c.observed) v.observed = formatValue(c.observed(this.ctx));
      if (c.expected) v.expected = formatValue(c.expected(this.ctx));
    } catch (e) {
      v.observed ??= `<unavailable: ${errorMessage(e)}>`;
    }
    const object = this.ctx.object as Dict;
    if (object?.kind === 'Secret') {
      const values = secretValues(object);
      v.detail = scrubSecretValues(v.detail, values);
      v.observed = scrubSecretValues(v.observed, values);
      v.expected = scrubSecretValues(v.expected, values);
    }
    return v;
  }

  private describeFinding(
    pr: PreparedRule,
    result: CheckResult,
    values: { detail?: string; observed?: string; expected?: string },
  ) {
    const d = pr.rule.definition;
    const c = pr.rule.compiled;
    const observed = this.shared(values.observed);
    const expected = this.shared(values.expected);
    if (values.detail !== undefined) result.detail = values.detail;
    if (c.message || c.fix) {
      const texts: FindingTexts = {
        pr,
        cluster: this.cluster,
        observed,
        expected,
      };
      Object.defineProperty(result, TEXTS, { value: texts });
    }
    if (c.message) Object.defineProperty(result, 'message', RENDERED_MESSAGE);
    else result.message = d.title;
    result.observed = observed;
    result.expected = expected;
    result.remediation = d.remediation;
    if (c.fix) Object.defineProperty(result, 'fix', RENDERED_FIX);
    if (d.docs) result.docs = d.docs;
  }
}
