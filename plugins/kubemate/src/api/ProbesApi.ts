import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ProbeListResponse,
  ProbeRun,
  ProbeRunListResponse,
  ProbeSummary,
} from '@kubemate/plugin-kubemate-common';

/** Black-box probes: the fleet, an entity's probes, a probe's history, and a manual run. */
export interface ProbesApi {
  listProbes(): Promise<ProbeListResponse>;
  listEntityProbes(entity: CompoundEntityRef): Promise<ProbeListResponse>;
  getProbe(id: string): Promise<ProbeSummary>;
  listProbeRuns(id: string, limit?: number): Promise<ProbeRunListResponse>;
  /** Starts a run; the answer is the run while it is `running`. */
  runProbe(id: string): Promise<ProbeRun>;
}

export const probesApiRef = createApiRef<ProbesApi>({
  id: 'plugin.kubemate.probes',
});
