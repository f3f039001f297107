/**
 * The words of cluster inspection, shared by the rule engine, the backend's store and API, and
 * the frontend: one list of each, so a new state or severity cannot reach one side only.
 */

/** Severities, most severe first. */
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface SeverityCounts {
  high: number;
  medium: number;
  low: number;
}

/** Rule categories. */
export const RULE_CATEGORIES = [
  'security',
  'reliability',
  'efficiency',
  'network',
  'certificates',
  'node',
  'storage',
  'events',
  'mesh',
  'governance',
] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

/** Lifecycle states of a risk item, in lifecycle order. */
export const FINDING_STATES = [
  'new',
  'open',
  'reopened',
  'fixed',
  'ignored',
] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/** States that count as a current risk (ignored and fixed do not). */
export const ACTIVE_STATES: readonly FindingState[] = [
  'new',
  'open',
  'reopened',
];

/** Why a person ignores a risk item. */
export const IGNORE_REASONS = ['accepted-risk', 'false-positive'] as const;
export type IgnoreReason = (typeof IGNORE_REASONS)[number];

/** What started a run. */
export const RUN_TRIGGERS = [
  'scheduled',
  'manual',
  'change',
  'ingest',
] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** Where the results of a run come from. */
export const RUN_SOURCES = ['engine', 'ansible', 'generic'] as const;
export type RunSource = (typeof RUN_SOURCES)[number];

export const RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Fields the risk list can be sorted by. */
export const FINDING_SORT_FIELDS = [
  'severity',
  'state',
  'ruleId',
  'category',
  'namespace',
  'name',
  'kind',
  'firstSeenAt',
  'lastSeenAt',
  'stateChangedAt',
] as const;
export type FindingSortField = (typeof FINDING_SORT_FIELDS)[number];
