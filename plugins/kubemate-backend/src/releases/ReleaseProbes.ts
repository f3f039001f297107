import type { Release } from '@kubemate/plugin-kubemate-common';
import type { Request } from 'express';
import type { AuditIntent } from '../audit/AuditLogStore';

/**
 * What releases need of probes: the gate a release's traffic changes pass through
 * (`kubemate.probes.gates.release` for every release, plus its plan's `gateProbes`), and the
 * change trigger of the probes watching a namespace whose traffic a release moved.
 */
export interface ReleaseProbes {
  /** Probes every release needs to pass (`kubemate.probes.gates.release`). */
  readonly always: string[];
  /** The ids among these that no probe definition has. */
  unknown(ids: string[]): string[];
  /**
   * Returns when all the probes passed; else throws a 409 naming each probe that did not and
   * why, audited as a refusal of `event`.
   */
  enforce(
    ids: string[],
    event: Omit<AuditIntent, 'at'>,
    request?: Request,
  ): Promise<void>;
  /** A release moved traffic in this namespace: the probes watching it run soon. */
  changed(cluster: string, namespace: string, reason: string): void;
}

/** The probes a release's start, steps and promotion must pass. */
export function gateProbesOf(
  release: { plan: Pick<Release['plan'], 'gateProbes'> },
  probes?: ReleaseProbes,
): string[] {
  return [
    ...new Set([...(probes?.always ?? []), ...(release.plan.gateProbes ?? [])]),
  ];
}
