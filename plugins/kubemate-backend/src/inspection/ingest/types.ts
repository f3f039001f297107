import type { IngestIgnored } from '@kubemate/plugin-kubemate-common';
import type {
  RunCoverage,
  RunSource,
  StoreCheckResult,
} from '../InspectionStore';

/** A parsed external report, ready for `InspectionStore.ingest` (add `requestedBy`). */
export interface ParsedReport {
  cluster: string;
  source: RunSource;
  /** Run profile label: the play names (Ansible) or the report's profile / source (generic). */
  profile: string;
  /** sha256 of the canonicalized report: the same report twice has the same digest. */
  digest: string;
  results: StoreCheckResult[];
  coverage: RunCoverage;
  /** What the report held that became no result (e.g. tasks that are no checks), all of it. */
  ignored?: IngestIgnored[];
}
