import type {
  InspectionProfile,
  InspectionResult,
  ResourceRef,
} from '@kubemate/plugin-kubemate-node';
import type { RunCoverage, StoreCheckResult } from './InspectionStore';

/**
 * What an engine run evaluated: every rule of the profile (the engine reports stats for each,
 * even with no matching object), over the whole cluster except the profile's excluded
 * namespaces. Pass `namespaces` when the objects were listed from some namespaces only, and
 * `complete: false` when listing some kinds failed (then nothing is marked fixed).
 */
export function coverageFromInspection(
  result: Pick<InspectionResult, 'stats'>,
  profile: Pick<InspectionProfile, 'excludeNamespaces'>,
  options?: { namespaces?: string[]; complete?: boolean },
): RunCoverage {
  return {
    ruleIds: Object.keys(result.stats.perRule).sort(),
    excludeNamespaces: profile.excludeNamespaces.length
      ? [...profile.excludeNamespaces]
      : undefined,
    namespaces: options?.namespaces,
    complete: options?.complete ?? true,
  };
}

/**
 * Adds the owning catalog entity to each result (e.g. resolved from the entity ↔ namespace /
 * label-selector mapping). Results of resources without an owner stay unassigned.
 */
export function withEntityRefs(
  results: Iterable<StoreCheckResult>,
  resolve: (resource: ResourceRef) => string | undefined,
): StoreCheckResult[] {
  const out: StoreCheckResult[] = [];
  for (const r of results) {
    const entityRef = resolve(r.resource);
    out.push(entityRef ? { ...r, entityRef } : r);
  }
  return out;
}
