import { InputError } from '@backstage/errors';
import { resourcesOfKind } from '@kubemate/plugin-kubemate-common';
import {
  loadBaselineRulePack,
  loadBuiltinProfiles,
} from '../inspection/builtin';
import { createInspector, type ActiveRule } from '../inspection/inspector';
import type { InspectionRule } from '../inspection/loader';
import type { InspectionProfile } from '../inspection/profiles';
import type {
  CheckResult,
  InspectionResult,
  KubeObject,
  Severity,
} from '../inspection/types';
import type { ManifestObject } from './manifests';

/** Kinds the API server keeps cluster-wide that the resource registry does not list. */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'CustomResourceDefinition',
  'APIService',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'GatewayClass',
  'ClusterIssuer',
  'PodSecurityPolicy',
]);

/** Whether objects of a kind live in a namespace (unknown kinds, e.g. custom resources, do). */
export function isNamespacedKind(kind: string): boolean {
  const known = resourcesOfKind(kind);
  if (known.length) return known[0].namespaced;
  return !CLUSTER_SCOPED_KINDS.has(kind);
}

/** @public */
export interface ManifestInspectionOptions {
  /** Rules to run; the built-in baseline pack when omitted. */
  rules?: InspectionRule[];
  /** A profile, or the name of a built-in one (default `baseline`). */
  profile?: InspectionProfile | string;
  /** Namespace of namespaced objects that name none, as `kubectl apply -n` (default `default`). */
  namespace?: string;
  /** Cluster name carried by the results and their fingerprints (default `manifests`). */
  cluster?: string;
  /** Evaluation time (`now` in rules). */
  now?: Date;
  /** Keep passed checks in `results` (default false: findings, errors and exemptions only). */
  includePassed?: boolean;
}

/** A check result with the file and line of the manifest it is about, when known. @public */
export interface ManifestCheckResult extends CheckResult {
  source?: { file: string; line: number };
}

/** @public */
export interface ManifestInspection {
  profile: string;
  /** The rules that ran, after the profile (severity and params applied). */
  rules: readonly ActiveRule[];
  /** Failed, error and skipped results (and passed ones with `includePassed`), ordered by source. */
  results: ManifestCheckResult[];
  stats: InspectionResult['stats'];
  /** Namespaces given to namespaced objects that had none. */
  defaultedNamespace: string;
}

let baselineRules: InspectionRule[] | undefined;
let builtinProfiles: Map<string, InspectionProfile> | undefined;

/** The built-in profiles by name, loaded once. */
export function builtinProfileMap(): Map<string, InspectionProfile> {
  builtinProfiles ??= loadBuiltinProfiles();
  return builtinProfiles;
}

/** The built-in profile of that name; an InputError naming the known ones otherwise. */
export function builtinProfile(name: string): InspectionProfile {
  builtinProfiles ??= loadBuiltinProfiles();
  const profile = builtinProfiles.get(name);
  if (!profile) {
    throw new InputError(
      `unknown profile "${name}" (built-in: ${[...builtinProfiles.keys()]
        .sort()
        .join(', ')}; or give a profile file)`,
    );
  }
  return profile;
}

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

const resourceKey = (kind?: string, namespace?: string, name?: string) =>
  `${kind ?? ''}/${namespace ?? ''}/${name ?? ''}`;

/**
 * Inspect manifests as they would be applied: namespaced objects without a namespace get the
 * default one, then the rules of the profile run over the whole set (so relational rules see
 * the Services, PDBs and NetworkPolicies of the same manifests). Results carry the file and line
 * of their object when the input came from {@link readManifests}.
 *
 * Synchronous and side-effect free; the input objects are not modified.
 *
 * @public
 */
export function inspectManifests(
  input: ReadonlyArray<KubeObject | ManifestObject>,
  options: ManifestInspectionOptions = {},
): ManifestInspection {
  const namespace = options.namespace ?? 'default';
  const profile =
    typeof options.profile === 'string' || options.profile === undefined
      ? builtinProfile(options.profile ?? 'baseline')
      : options.profile;
  const rules =
    options.rules ?? (baselineRules ??= loadBaselineRulePack().rules);
  const inspector = createInspector({ rules, profile, includePassed: true });

  const sources = new Map<string, { file: string; line: number }>();
  const objects: KubeObject[] = input.map(entry => {
    const isManifest = 'object' in entry && 'file' in entry;
    const obj = isManifest
      ? (entry as ManifestObject).object
      : (entry as KubeObject);
    const metadata = { ...(obj.metadata ?? {}) };
    if (obj.kind && isNamespacedKind(obj.kind) && !metadata.namespace) {
      metadata.namespace = namespace;
    }
    if (isManifest) {
      const { file, line } = entry as ManifestObject;
      sources.set(resourceKey(obj.kind, metadata.namespace, metadata.name), {
        file,
        line,
      });
    }
    return { ...obj, metadata };
  });

  const result = inspector.inspect(objects, {
    cluster: options.cluster ?? 'manifests',
    now: options.now,
  });
  const results: ManifestCheckResult[] = [];
  for (const r of result.results) {
    if (r.status === 'passed' && !options.includePassed) continue;
    const source = sources.get(
      resourceKey(r.resource.kind, r.resource.namespace, r.resource.name),
    );
    results.push(source ? { ...r, source } : r);
  }
  results.sort(
    (a, b) =>
      (a.source?.file ?? '\uffff').localeCompare(b.source?.file ?? '\uffff') ||
      (a.source?.line ?? 0) - (b.source?.line ?? 0) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.ruleId.localeCompare(b.ruleId) ||
      (a.resource.container ?? '').localeCompare(b.resource.container ?? ''),
  );
  return {
    profile: profile.name,
    rules: inspector.rules,
    results,
    stats: result.stats,
    defaultedNamespace: namespace,
  };
}

/** Whether a result fails a `--fail-on` threshold: failed or error at that severity or above. */
export function failsThreshold(
  r: Pick<CheckResult, 'status' | 'severity'>,
  threshold: Severity | 'none',
): boolean {
  if (threshold === 'none') return false;
  if (r.status !== 'failed' && r.status !== 'error') return false;
  return SEVERITY_ORDER[r.severity] <= SEVERITY_ORDER[threshold];
}
