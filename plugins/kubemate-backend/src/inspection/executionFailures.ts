import type {
  RunExecutionFailure,
  SummaryScope,
} from '@kubemate/plugin-kubemate-common';
import type { FindingFilter, InspectionStore } from './InspectionStore';

const single = (v: string | string[] | undefined) => {
  if (!Array.isArray(v)) return v;
  return v.length === 1 ? v[0] : undefined;
};

/**
 * The summary scope a findings filter names: a single cluster / namespace / entity narrows it;
 * a list widens it to the enclosing scope (the PDF's figures and the exports use the same).
 */
export function summaryScopeOf(filter: FindingFilter): SummaryScope {
  return {
    cluster: filter.cluster,
    namespace: single(filter.namespace),
    entityRef: single(filter.entityRef),
  };
}

/**
 * The execution failures of the given runs (kept per run, aggregated per rule and error), each
 * with its run's cluster; with a namespace, those whose resource is in it.
 */
export async function executionFailuresOfRuns(
  store: InspectionStore,
  runIds: string[],
  namespace?: string,
): Promise<RunExecutionFailure[]> {
  const runs = await Promise.all(runIds.map(id => store.getRun(id)));
  return runs
    .flatMap(run =>
      (run.summary?.executionFailures ?? []).map(f => ({
        cluster: run.cluster,
        runId: run.id,
        ...f,
      })),
    )
    .filter(f => !namespace || f.sample.namespace === namespace);
}

/**
 * The execution failures behind the current figures of a filter's scope: those of the latest
 * runs the summary is based on. The run history, the PDF and the exports list the same ones.
 */
export async function executionFailuresInScope(
  store: InspectionStore,
  filter: FindingFilter,
): Promise<RunExecutionFailure[]> {
  const scope = summaryScopeOf(filter);
  const { runIds } = await store.currentSummary(scope);
  return executionFailuresOfRuns(store, runIds, scope.namespace);
}
