import type { RuleCategory, Severity } from '@kubemate/plugin-kubemate-common';
/**
 * A plain Kubernetes object as returned by the API server (JSON).
 *
 * @public
 */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: KubeObjectMetadata;
  [key: string]: unknown;
}

/** @public */
export interface KubeObjectMetadata {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{
    apiVersion?: string;
    kind?: string;
    name?: string;
    uid?: string;
    controller?: boolean;
  }>;
  [key: string]: unknown;
}

// The shared vocabulary (severities, categories) lives in kubemate-common, for the frontend too.
export {
  SEVERITIES,
  RULE_CATEGORIES,
  type Severity,
  type RuleCategory,
} from '@kubemate/plugin-kubemate-common';

/** Name of the pseudo-kind that expands to every workload that carries a pod template. @public */
export const POD_SPEC_KIND = 'PodSpec';

/**
 * Workload kinds covered by the `PodSpec` target, in evaluation order.
 *
 * @public
 */
export const POD_SPEC_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Pod',
] as const;

/**
 * Which objects a rule applies to.
 *
 * @public
 */
export interface RuleTarget {
  /** Kubernetes kinds. `PodSpec` expands to {@link POD_SPEC_KINDS}. */
  kinds: string[];
  /** Optional API group filter (`apps`, `networking.k8s.io`, `""` for core). */
  groups?: string[];
  /** Optional apiVersion filter (`apps/v1`). */
  apiVersions?: string[];
  /**
   * Evaluate against the pod template (`podSpec` variable). Implied by the
   * `PodSpec` kind. Objects controlled by another workload are skipped so a
   * Deployment's ReplicaSets and Pods do not repeat its findings.
   */
  podSpec: boolean;
  /** Evaluate once per container (`container` variable). Requires podSpec. */
  perContainer: boolean;
  /** Also evaluate init containers when perContainer is set. */
  initContainers: boolean;
  /**
   * Whose identity the result carries: the object itself (default) or, for
   * Events, the `involvedObject`.
   */
  subject: 'object' | 'involvedObject';
}

/**
 * A rule as written in its YAML file (after validation and defaulting).
 *
 * @public
 */
export interface RuleDefinition {
  id: string;
  version: string;
  title: string;
  category: RuleCategory;
  severity: Severity;
  target: RuleTarget;
  /**
   * Optional CEL precondition: when false the object is out of scope for
   * this rule and produces no result at all (e.g. only TLS Secrets).
   */
  match?: string;
  /** CEL; true means the check FAILS (a finding). */
  condition: string;
  /** CEL producing the current value shown in the report. */
  observed?: string;
  /** CEL producing the expected value shown in the report. */
  expected?: string;
  /** CEL producing a stable extra fingerprint component (e.g. an event reason). */
  discriminator?: string;
  /** Template for the finding message (defaults to the title). */
  message?: string;
  description: string;
  remediation: string;
  /** Fix snippet template (`{{ .name }}` placeholders). */
  fix?: string;
  params: Record<string, unknown>;
  docs?: string;
  tags?: string[];
  /**
   * Checks of other tools this rule covers; their exemption annotations
   * exempt resources from it too (`polaris.fairwinds.com/<check>-exempt`,
   * `kube-score/ignore`).
   */
  equivalents?: RuleEquivalents;
}

/**
 * Check ids of Polaris and kube-score that a rule covers.
 *
 * @public
 */
export interface RuleEquivalents {
  polaris: string[];
  kubeScore: string[];
}

/**
 * Where a rule came from.
 *
 * @public
 */
export interface RuleSource {
  file: string;
  line: number;
  pack?: string;
}

/**
 * A reference to the resource a result is about.
 *
 * @public
 */
export interface ResourceRef {
  kind: string;
  apiVersion?: string;
  namespace?: string;
  name: string;
  uid?: string;
  container?: string;
  host?: string;
}

/** @public */
export type CheckStatus = 'passed' | 'failed' | 'error' | 'skipped';

/**
 * The outcome of one rule on one resource (or container).
 *
 * @public
 */
export interface CheckResult {
  status: CheckStatus;
  ruleId: string;
  ruleVersion: string;
  title: string;
  category: RuleCategory;
  severity: Severity;
  resource: ResourceRef;
  fingerprint: string;
  /** Extra fingerprint component (see `discriminator`). */
  detail?: string;
  message?: string;
  observed?: string;
  expected?: string;
  remediation?: string;
  fix?: string;
  docs?: string;
  /** For `error`: why the evaluation failed. */
  error?: string;
  /** For `skipped`: which exemption applied. */
  skipReason?: string;
  /** For findings merged by fingerprint (e.g. repeated events). */
  occurrences?: number;
}

/** @public */
export interface RuleStats {
  evaluations: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  durationMs: number;
}

/** @public */
export interface InspectionStats {
  objects: number;
  excludedObjects: number;
  rules: number;
  evaluations: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  indexMs: number;
  durationMs: number;
  perRule: Record<string, RuleStats>;
}

/**
 * Passed checks of one resource (or container), by the severity of their rules: how an
 * inspection asked for `passed: 'counts'` reports them instead of one result each.
 *
 * @public
 */
export interface PassedChecks {
  resource: ResourceRef;
  high: number;
  medium: number;
  low: number;
}

/** @public */
export interface InspectionResult {
  cluster: string;
  profile: string;
  startedAt: string;
  results: CheckResult[];
  /** With `passed: 'counts'`: the passed checks, counted per resource (not in `results`). */
  passedChecks?: PassedChecks[];
  stats: InspectionStats;
}
