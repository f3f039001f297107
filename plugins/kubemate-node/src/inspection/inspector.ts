import { InputError } from '@backstage/errors';
import { performance } from 'node:perf_hooks';
import { ClusterIndex } from './ClusterIndex';
import {
  compileExemption,
  InspectionRun,
  PassedMode,
  PreparedRule,
} from './InspectionRun';
import { InspectionRule } from './loader';
import { defaultProfile, InspectionProfile, RuleSelector } from './profiles';
import { ToolExemptions, withToolExemptions } from './toolExemptions';
import {
  InspectionResult,
  InspectionStats,
  KubeObject,
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
  /**
   * `counts`: passed checks are counted per resource and severity (`passedChecks`) instead of
   * being results, for callers that only count them (a large run has tens of thousands, each
   * with a fingerprint). Default: as the inspector's `includePassed`.
   */
  passed?: 'results' | 'counts';
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
  /**
   * Inspect all objects of one cluster. Synchronous and side-effect free.
   * Polaris and kube-score exemption annotations are honoured for objects
   * passed as a list (a prebuilt ClusterIndex is taken as it is).
   */
  inspect(
    objects: Iterable<KubeObject> | ClusterIndex,
    options: InspectOptions,
  ): InspectionResult;
}

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

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'list';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'mapping' : typeof v;
}

/**
 * Apply a profile to rules: selection, severity and params overrides,
 * exemptions. Unknown parameter overrides are an error.
 */
function prepareRules(
  rules: InspectionRule[],
  profile: InspectionProfile,
): PreparedRule[] {
  const prepared: PreparedRule[] = [];
  for (const rule of rules) {
    const d = rule.definition;
    const include = profile.rules.include;
    if (include && !matchesSelector(rule, include)) continue;
    if (matchesSelector(rule, profile.rules.exclude)) continue;
    const overrides = profile.params[d.id] ?? {};
    for (const [key, value] of Object.entries(overrides)) {
      if (!(key in d.params)) {
        throw new InputError(
          `profile "${profile.name}" sets unknown parameter "${key}" for rule ${
            d.id
          } (known: ${Object.keys(d.params).join(', ') || 'none'})`,
        );
      }
      if (kindOf(value) !== kindOf(d.params[key])) {
        throw new InputError(
          `profile "${profile.name}" sets parameter "${key}" of rule ${
            d.id
          } to a ${kindOf(value)}, expected a ${kindOf(d.params[key])}`,
        );
      }
    }
    prepared.push({
      rule,
      severity:
        profile.severity.rules[d.id] ??
        profile.severity.categories[d.category] ??
        d.severity,
      params: Object.freeze({ ...d.params, ...overrides }),
      exemptions: profile.exemptions
        .filter(e => e.rules.includes('*') || e.rules.includes(d.id))
        .map(compileExemption),
    });
  }
  return prepared;
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
  const prepared = prepareRules(options.rules, profile);
  const excludedNs = new Set(profile.excludeNamespaces);
  const environments = new Set(prepared.map(p => p.rule.environment));
  // Polaris / kube-score exemption annotations, for the rules that cover their checks.
  const toolExemptions = new ToolExemptions(prepared.map(p => p.rule));

  const run = (
    index: ClusterIndex,
    cluster: string,
    now: Date,
    started: number,
    passed: PassedMode,
  ): InspectionResult => {
    const indexMs = performance.now() - started;
    const inspection = new InspectionRun(
      index,
      cluster,
      now,
      excludedNs,
      passed,
    );
    for (const p of prepared) inspection.runRule(p);
    const stats: InspectionStats = {
      objects: index.size,
      excludedObjects: inspection.countExcluded(),
      rules: prepared.length,
      ...inspection.totals(),
      indexMs,
      durationMs: performance.now() - started,
      perRule: inspection.perRule,
    };
    return {
      cluster,
      profile: profile.name,
      startedAt: now.toISOString(),
      results: inspection.results,
      ...(passed === 'counts'
        ? { passedChecks: inspection.passedChecks() }
        : {}),
      stats,
    };
  };

  return {
    profile,
    rules: prepared.map(({ rule, severity, params }) => ({
      rule,
      severity,
      params,
    })),
    inspect(objects, opts) {
      const started = performance.now();
      const index =
        objects instanceof ClusterIndex
          ? objects
          : new ClusterIndex(
              toolExemptions.active
                ? withToolExemptions(objects, toolExemptions)
                : objects,
            );
      const now = opts.now ?? new Date();
      // Bind the relational functions of every environment the rules use.
      let passed: PassedMode = includePassed ? 'results' : 'dropped';
      if (opts.passed) passed = opts.passed;
      let go = () => run(index, opts.cluster, now, started, passed);
      for (const env of environments) {
        const inner = go;
        go = () => env.withContext({ index, now }, inner);
      }
      return go();
    },
  };
}
