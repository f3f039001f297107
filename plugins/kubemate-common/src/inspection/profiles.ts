import type { RuleCategory, Severity } from './vocabulary';

/**
 * Selects rules by id, category or pack. */
export interface RuleSelector {
  ids?: string[];
  categories?: RuleCategory[];
  packs?: string[];
}

/**
 * Exempts matching resources from matching rules; they are reported as
 * `skipped` with the reason. Omitted matchers match everything; names and
 * namespaces accept `*` wildcards.
 */
export interface Exemption {
  /** Rule ids, or `*` for all rules. */
  rules: string[];
  namespaces?: string[];
  kinds?: string[];
  names?: string[];
  reason?: string;
  /** ISO date; the exemption stops applying after it. */
  expires?: string;
}

/**
 * An inspection profile: which rules run, at which severity, with which
 * thresholds, and what is exempt.
 */
export interface InspectionProfile {
  name: string;
  description?: string;
  /** Name of a parent profile (resolved by `resolveProfiles` in kubemate-node). */
  extends?: string;
  rules: {
    /** Omitted: every loaded rule. */
    include?: RuleSelector;
    exclude?: RuleSelector;
  };
  severity: {
    categories: Partial<Record<RuleCategory, Severity>>;
    rules: Record<string, Severity>;
  };
  /** Parameter overrides per rule id. */
  params: Record<string, Record<string, unknown>>;
  /** Namespaces not inspected at all (not reported). */
  excludeNamespaces: string[];
  exemptions: Exemption[];
}
