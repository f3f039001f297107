import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { KubemateCluster } from '../clusters';
import type {
  CheckResult,
  ResourceRef,
  RuleCategory,
  Severity,
} from '../inspection';

/**
 * A probe's entry in the rule catalogue: its findings carry this text, and profiles select it
 * (by id, category or pack) and override its severity and params like any rule.
 *
 * @public
 */
export interface KubemateProbeRule {
  id: string;
  version: string;
  title: string;
  category: RuleCategory;
  severity: Severity;
  description: string;
  remediation: string;
  fix?: string;
  docs?: string;
  /** Default `probes`. */
  pack?: string;
  /** Kinds of the resources the probe reports on (shown in the catalogue). */
  kinds: string[];
  /** Default params; a profile's `params.<ruleId>` override them. */
  params: Record<string, unknown>;
}

/**
 * What one probe check found about one resource. The runner adds the rule text, the severity
 * the profile gives it and the fingerprint.
 *
 * @public
 */
export type KubemateProbeOutcome = {
  ruleId: string;
  resource: ResourceRef;
} & Pick<
  CheckResult,
  | 'status'
  | 'observed'
  | 'expected'
  | 'message'
  | 'error'
  | 'fix'
  | 'skipReason'
>;

/** @public */
export interface KubemateProbeContext {
  cluster: Pick<KubemateCluster, 'name' | 'url' | 'kubeConfig'>;
  /** Whether the run's profile selects a rule of this probe. */
  isSelected(ruleId: string): boolean;
  /** The profile's params for a rule (`params.<ruleId>`); the probe applies its own defaults. */
  params(ruleId: string): Record<string, unknown>;
  /** Start time of the run. */
  now: Date;
  /** Aborted when the backend stops; a probe should give up promptly. */
  signal?: AbortSignal;
}

/**
 * A black-box probe run in each inspection: it acts on or connects to the cluster and reports
 * outcomes of its rules. Rules it reports on count as evaluated, so their findings that are not
 * reported again become fixed.
 *
 * @public
 */
export interface KubemateProbe {
  /** Unique id (e.g. `workload-lifecycle`). */
  id: string;
  rules: KubemateProbeRule[];
  /** Outcomes for the selected rules; an empty list when the probe has nothing to check here. */
  run(context: KubemateProbeContext): Promise<KubemateProbeOutcome[]>;
}

/** @public */
export interface KubemateProbesExtensionPoint {
  addProbe(...probes: KubemateProbe[]): void;
}

/**
 * Adds black-box probes to inspection runs, beside the built-in workload lifecycle and
 * certificate probes. A probe or rule id that is already taken is refused when the plugin starts.
 *
 * @public
 */
export const kubemateProbesExtensionPoint =
  createExtensionPoint<KubemateProbesExtensionPoint>({
    id: 'kubemate.probes',
  });
