import { InputError } from '@backstage/errors';
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
import {
  defaultProfile,
  Exemption,
  InspectionProfile,
  RuleSelector,
} from './profiles';
import {
  CheckResult,
  CheckStatus,
  InspectionResult,
  InspectionStats,
  KubeObject,
  ResourceRef,
  RuleStats,
  Severity,
} from './types';

/** @public */
export interface InspectorOptions {
  rules: InspectionRule[];
  /** Defaults to a profile that runs every rule with its defaults. */
  profile?: InspectionProfile;
  /**
   * Keep `passed` results in the output (default true). Counts are always
   * in the stats.
   */
  includePassed?: boolean;
}

/** @public */
export interface InspectOptions {
  cluster: string;
  /** Evaluation time (`now` in rules); defaults to the current time. */
  now?: Date;
}

/**
 * A rule after the profile was applied.
 *
 * @public
 */
export interface ActiveRule {
  rule: InspectionRule;
  severity: Severity;
  params: Record<string, unknown>;
}

/** @public */
export interface Inspector {
  readonly profile: InspectionProfile;
  readonly rules: readonly ActiveRule[];
  /** Inspect all objects of one cluster. Synchronous and side-effect free. */
  inspect(
    objects: Iterable<KubeObject> | ClusterIndex,
    options: InspectOptions,
  ): InspectionResult;
}

type Dict = Record<string, any>;

const EMPTY: Dict = Object.freeze({}) as Dict;

function matchesSelector(
  rule: InspectionRule,
  s: RuleSelector | undefined,
): boolean {
  if (!s) return false;
  const d = rule.definition;
  return (
    !!s.ids?.includes(d.id) ||
    !!s.categories?.includes(d.category) ||
    (!!rule.source.pack && !!s.packs?.includes(rule.source.pack))
  );
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

interface CompiledExemption {
  ns?: (v: string) => boolean;
  kinds?: Set<string>;
  names?: (v: string) => boolean;
  reason: string;
  expires?: number;
}

function compileExemption(e: Exemption): CompiledExemption {
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

/**
 * Create an inspector: applies the profile to the rules once (selection,
 * severity and params overrides, exemptions), then evaluates any number of
 * object sets.
 *
 * @public
 */
export function createInspector(options: InspectorOptions): Inspector {
  const profile = options.profile ?? defaultProfile();
  const includePassed = options.includePassed ?? true;
  const active: ActiveRule[] = [];
  const exemptionsByRule = new Map<string, CompiledExemption[]>();

  for (const rule of options.rules) {
    const d = rule.definition;
    const include = profile.rules.include;
    if (include && !matchesSelector(rule, include)) continue;
    if (matchesSelector(rule, profile.rules.exclude)) continue;
    const overrides = profile.params[d.id] ?? {};
    for (const key of Object.keys(overrides)) {
      if (!(key in d.params)) {
        throw new InputError(
          `profile "${profile.name}" sets unknown parameter "${key}" for rule ${
            d.id
          } (known: ${Object.keys(d.params).join(', ') || 'none'})`,
        );
      }
    }
    active.push({
      rule,
      severity:
        profile.severity.rules[d.id] ??
        profile.severity.categories[d.category] ??
        d.severity,
      params: Object.freeze({ ...d.params, ...overrides }),
    });
    exemptionsByRule.set(
      d.id,
      profile.exemptions
        .filter(e => e.rules.includes('*') || e.rules.includes(d.id))
        .map(compileExemption),
    );
  }
  const excludedNs = new Set(profile.excludeNamespaces);

  const inspect = (
    index: ClusterIndex,
    cluster: string,
    now: Date,
    started: number,
  ): InspectionResult => {
    const nowMs = now.getTime();
    const indexMs = performance.now() - started;

    let excludedObjects = 0;
    if (excludedNs.size) {
      for (const kind of index.kinds()) {
        for (const o of index.ofKind(kind)) {
          const ns =
            o.metadata?.namespace ??
            (kind === 'Namespace' ? o.metadata?.name : undefined);
          if (ns !== undefined && excludedNs.has(ns)) excludedObjects++;
        }
      }
    }

    const results: CheckResult[] = [];
    const stats: InspectionStats = {
      objects: index.size,
      excludedObjects,
      rules: active.length,
      evaluations: 0,
      passed: 0,
      failed: 0,
      errors: 0,
      skipped: 0,
      indexMs,
      durationMs: 0,
      perRule: {},
    };
    const findings = new Map<string, CheckResult>();
    const objectExemptCache = new WeakMap<object, Set<string> | null>();
    const objectExemptions = (o: Dict | undefined): Set<string> | null => {
      if (!o) return null;
      let cached = objectExemptCache.get(o);
      if (cached === undefined) {
        const value = o.annotations?.[EXEMPT_ANNOTATION];
        cached = value ? parseExemptList(value) : null;
        objectExemptCache.set(o, cached);
      }
      return cached;
    };

    // One context object, mutated per evaluation.
    const ctx: Dict = {
      object: EMPTY,
      podSpec: EMPTY,
      podMetadata: EMPTY,
      container: EMPTY,
      params: EMPTY,
      now,
      cluster,
    };

    for (const ar of active) {
      const rule = ar.rule;
      const d = rule.definition;
      const target = d.target;
      const c = rule.compiled;
      const exemptions = (exemptionsByRule.get(d.id) ?? []).filter(
        e => e.expires === undefined || e.expires > nowMs,
      );
      const rs: RuleStats = {
        evaluations: 0,
        passed: 0,
        failed: 0,
        errors: 0,
        skipped: 0,
        durationMs: 0,
      };
      stats.perRule[d.id] = rs;
      const ruleStart = performance.now();
      ctx.params = ar.params;

      const emit = (
        status: CheckStatus,
        ref: ResourceRef,
        extra?: { error?: string; skipReason?: string },
      ) => {
        let detail: string | undefined;
        let observed: string | undefined;
        let expected: string | undefined;
        if (status === 'failed') {
          try {
            if (c.discriminator) detail = formatValue(c.discriminator(ctx));
            if (c.observed) observed = formatValue(c.observed(ctx));
            if (c.expected) expected = formatValue(c.expected(ctx));
          } catch (e) {
            observed ??= `<unavailable: ${errorMessage(e)}>`;
          }
        }
        rs.evaluations++;
        if (status === 'passed') {
          rs.passed++;
          if (!includePassed) return;
        } else if (status === 'skipped') rs.skipped++;
        else if (status === 'error') rs.errors++;
        const fingerprint = computeFingerprint({
          cluster,
          ruleId: d.id,
          kind: ref.kind,
          namespace: ref.namespace,
          name: ref.name,
          container: ref.container,
          host: ref.host,
          detail,
        });
        if (status === 'failed') {
          const existing = findings.get(fingerprint);
          if (existing) {
            existing.occurrences = (existing.occurrences ?? 1) + 1;
            return;
          }
          rs.failed++;
        }
        const result: CheckResult = {
          status,
          ruleId: d.id,
          ruleVersion: d.version,
          title: d.title,
          category: d.category,
          severity: ar.severity,
          resource: ref,
          fingerprint,
        };
        if (detail !== undefined) result.detail = detail;
        if (status === 'failed') {
          const [open, close] = podSpecPatchWrapper(ref.kind);
          const data = {
            cluster,
            ruleId: d.id,
            kind: ref.kind,
            resource: ref.kind.toLowerCase(),
            apiVersion: ref.apiVersion,
            namespace: ref.namespace,
            name: ref.name,
            container: ref.container,
            host: ref.host,
            observed,
            expected,
            params: ar.params,
            podSpecPatchOpen: open,
            podSpecPatchClose: close,
          };
          result.message = c.message ? c.message.render(data) : d.title;
          result.observed = observed;
          result.expected = expected;
          result.remediation = d.remediation;
          if (c.fix) result.fix = c.fix.render(data);
          if (d.docs) result.docs = d.docs;
          findings.set(fingerprint, result);
        }
        if (extra?.error) result.error = extra.error;
        if (extra?.skipReason) result.skipReason = extra.skipReason;
        results.push(result);
      };

      const match = c.match;
      /** Evaluate one object / container; `skipReason` marks it exempt. */
      const evaluate = (ref: ResourceRef, skipReason: string | undefined) => {
        let value: unknown;
        try {
          if (match && match(ctx) !== true) return;
          if (skipReason) {
            emit('skipped', ref, { skipReason });
            return;
          }
          value = c.condition(ctx);
        } catch (e) {
          emit('error', ref, { error: errorMessage(e) });
          return;
        }
        if (value === true) emit('failed', ref);
        else if (value === false) emit('passed', ref);
        else
          emit('error', ref, {
            error: `condition returned ${formatValue(value)}, expected a bool`,
          });
      };

      for (const kind of rule.kinds) {
        for (const obj of index.ofKind(kind)) {
          if (
            target.groups &&
            !target.groups.includes(apiGroupOf(obj.apiVersion))
          )
            continue;
          if (
            target.apiVersions &&
            !target.apiVersions.includes(obj.apiVersion ?? '')
          )
            continue;
          const meta = obj.metadata;
          let template: { metadata: Dict; spec: Dict } | undefined;
          if (target.podSpec) {
            if (isControlled(obj)) continue;
            template = podTemplateOf(obj);
            if (!template) continue;
          }
          let ref: ResourceRef;
          if (target.subject === 'involvedObject') {
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
            ref = {
              kind,
              apiVersion: obj.apiVersion,
              namespace: meta?.namespace,
              name: meta?.name ?? '',
            };
            if (meta?.uid) ref.uid = meta.uid;
            if (kind === 'Node') ref.host = ref.name;
          }
          const ns =
            ref.namespace ?? (kind === 'Namespace' ? ref.name : undefined);
          if (ns !== undefined && excludedNs.has(ns)) continue;

          // Exemptions: object / pod template / namespace annotations, then profile.
          let skipReason: string | undefined;
          const annotated =
            objectExemptions(meta)?.has(d.id) ||
            objectExemptions(meta)?.has('*') ||
            objectExemptions(template?.metadata)?.has(d.id) ||
            objectExemptions(template?.metadata)?.has('*');
          if (annotated) skipReason = `annotation ${EXEMPT_ANNOTATION}`;
          else if (ns !== undefined) {
            const nsEx = index.namespaceExemptions(ns);
            if (nsEx && (nsEx.has(d.id) || nsEx.has('*'))) {
              skipReason = `namespace annotation ${EXEMPT_ANNOTATION}`;
            }
          }
          if (!skipReason) {
            for (const e of exemptions) {
              if (e.ns && (ns === undefined || !e.ns(ns))) continue;
              if (e.kinds && !e.kinds.has(ref.kind)) continue;
              if (e.names && !e.names(ref.name)) continue;
              skipReason = e.reason;
              break;
            }
          }

          ctx.object = obj;
          ctx.podSpec = template?.spec ?? EMPTY;
          ctx.podMetadata = template?.metadata ?? EMPTY;
          ctx.container = EMPTY;
          if (!target.perContainer) {
            evaluate(ref, skipReason);
            continue;
          }
          const spec = template!.spec;
          const lists: Dict[][] = [spec.containers ?? []];
          if (target.initContainers && spec.initContainers)
            lists.push(spec.initContainers);
          for (const list of lists) {
            for (const container of list) {
              ctx.container = container ?? EMPTY;
              evaluate(
                { ...ref, container: container?.name ?? '' },
                skipReason,
              );
            }
          }
        }
      }
      ctx.object = EMPTY;
      rs.durationMs = performance.now() - ruleStart;
    }

    // Aggregate after dedupe.
    for (const rs of Object.values(stats.perRule)) {
      stats.evaluations += rs.evaluations;
      stats.passed += rs.passed;
      stats.failed += rs.failed;
      stats.errors += rs.errors;
      stats.skipped += rs.skipped;
    }
    stats.durationMs = performance.now() - started;
    return {
      cluster,
      profile: profile.name,
      startedAt: now.toISOString(),
      results,
      stats,
    };
  };

  const environments = new Set(active.map(a => a.rule.environment));
  return {
    profile,
    rules: active,
    inspect(objects, opts) {
      // Bind relational functions of every environment used by the rules.
      const started = performance.now();
      const index =
        objects instanceof ClusterIndex ? objects : new ClusterIndex(objects);
      const now = opts.now ?? new Date();
      let run = () => inspect(index, opts.cluster, now, started);
      for (const env of environments) {
        const inner = run;
        run = () => env.withContext({ index, now }, inner);
      }
      return run();
    },
  };
}
