import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { CheckResult } from '../inspection';

/** A narrower scope of a rule in a report. @public */
export interface KubemateReportScope {
  /** Only these namespaces were covered (cluster-scoped resources are then not covered). */
  namespaces?: string[];
  /** Only these hosts were covered (node checks). */
  hosts?: string[];
}

/**
 * What a report evaluated: a stored finding that the report no longer lists is marked fixed
 * only when the report is complete, its rule is in `ruleIds` and its resource lies in the scope.
 *
 * @public
 */
export interface KubemateReportCoverage extends KubemateReportScope {
  /** False when the report saw only part of the cluster: nothing is marked fixed. Default true. */
  complete?: boolean;
  ruleIds: string[];
  excludeNamespaces?: string[];
  perRule?: Record<string, KubemateReportScope>;
}

/** An external report turned into check results. @public */
export interface KubemateIngestedReport {
  cluster: string;
  /** Label shown as the run's profile (e.g. the tool or play names). */
  profile: string;
  results: CheckResult[];
  coverage: KubemateReportCoverage;
}

/**
 * Parses one external report format, served at `POST /api/kubemate/inspection/ingest/<format>`
 * behind the ingest permission. Invalid input throws an `InputError` naming the problem.
 *
 * @public
 */
export interface ReportIngester {
  /** URL segment and run label: letters, digits and `-` (e.g. `ansible`, `kube-bench`). */
  format: string;
  /** The report does not say which cluster it is about: `?cluster=` is then required. */
  requiresCluster?: boolean;
  parse(report: unknown, options: { cluster?: string }): KubemateIngestedReport;
}

/** @public */
export interface KubemateReportIngestersExtensionPoint {
  addReportIngester(...ingesters: ReportIngester[]): void;
}

/**
 * Adds external report formats beside the built-in `ansible` and `generic` ones. A format that
 * is already registered is refused.
 *
 * @public
 */
export const kubemateReportIngestersExtensionPoint =
  createExtensionPoint<KubemateReportIngestersExtensionPoint>({
    id: 'kubemate.report-ingesters',
  });
