import type { KubernetesObject } from '@kubernetes/client-node';
import {
  SEVERITIES,
  type AdminManifestFinding,
} from '@kubemate/plugin-kubemate-common';
import {
  inspectManifests,
  type KubeObject,
} from '@kubemate/plugin-kubemate-node';

/** A document of the admin YAML or archive: where it comes from and its object. */
export interface InspectedDoc {
  index: number;
  path?: string;
  object?: KubernetesObject;
  error?: string;
}

const key = (kind?: string, namespace?: string, name?: string) =>
  `${kind ?? ''}/${namespace ?? ''}/${name ?? ''}`;

/**
 * The inspection engine's findings (baseline profile, failed and error results) on the
 * documents as they would be applied in `namespace`, high severity first; each names the
 * document its object comes from. Documents that are not objects are left out.
 */
export function manifestFindings(
  docs: InspectedDoc[],
  options: { namespace: string; cluster: string },
): AdminManifestFinding[] {
  const objects = docs.filter(d => d.object && !d.error);
  const inspection = inspectManifests(
    objects.map(d => d.object as KubeObject),
    { namespace: options.namespace, cluster: options.cluster },
  );
  const origin = new Map<string, InspectedDoc>();
  for (const d of objects) {
    const m = d.object!.metadata ?? {};
    origin.set(
      key(d.object!.kind, m.namespace ?? options.namespace, m.name),
      d,
    );
    origin.set(key(d.object!.kind, undefined, m.name), d);
  }
  const findings: AdminManifestFinding[] = [];
  for (const r of inspection.results) {
    if (r.status !== 'failed' && r.status !== 'error') continue;
    const doc =
      origin.get(key(r.resource.kind, r.resource.namespace, r.resource.name)) ??
      origin.get(key(r.resource.kind, undefined, r.resource.name));
    findings.push({
      ruleId: r.ruleId,
      title: r.title,
      severity: r.severity,
      status: r.status,
      ...(r.message || r.error ? { message: r.message ?? r.error } : {}),
      ...(r.remediation ? { remediation: r.remediation } : {}),
      kind: r.resource.kind,
      ...(r.resource.namespace ? { namespace: r.resource.namespace } : {}),
      name: r.resource.name,
      ...(r.resource.container ? { container: r.resource.container } : {}),
      ...(doc?.path ? { path: doc.path } : {}),
      ...(doc ? { index: doc.index } : {}),
    });
  }
  const rank = (s: AdminManifestFinding['severity']) => SEVERITIES.indexOf(s);
  return findings.sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      (a.path ?? '').localeCompare(b.path ?? '') ||
      (a.index ?? 0) - (b.index ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}
