import type { KubernetesObject } from '@kubernetes/client-node';
import type { AdminManifestFinding } from '@kubemate/plugin-kubemate-common';
import { manifestFindings } from '../../admin/manifestFindings';

const keyOf = (f: AdminManifestFinding) =>
  `${f.ruleId}/${f.kind}/${f.name}/${f.container ?? ''}`;

/**
 * The inspection findings of an edited object as it would be, each marked `introduced` when
 * the object as it is now does not have it. Rules that look at other objects (a
 * NetworkPolicy selecting the workload, say) judge both versions alone, so the mark tells
 * what the edit itself brings.
 */
export function editFindings(
  before: KubernetesObject,
  after: KubernetesObject,
  where: { cluster: string; namespace: string },
): AdminManifestFinding[] {
  const had = new Set(
    manifestFindings([{ index: 0, object: before }], where).map(keyOf),
  );
  return manifestFindings([{ index: 0, object: after }], where).map(f => ({
    ...f,
    introduced: !had.has(keyOf(f)),
  }));
}
