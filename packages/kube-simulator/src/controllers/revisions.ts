import { ObjectService } from '../api/objects';
import { KObject } from '../util/types';
import { CM, Res, ownedBy, ownerRef, templateHash } from './util';

/** ControllerRevisions for StatefulSets and DaemonSets: `<name>-<hash>` holding the template. */
export function ensureRevision(
  o: ObjectService,
  res: Res,
  owner: KObject,
): { name: string; hash: string; revision: number } {
  const hash = templateHash(owner.spec.template);
  const name = `${owner.metadata.name}-${hash}`;
  const def = res.def('apps', 'controllerrevisions');
  const existing = ownedBy(o.store, 'apps/controllerrevisions', owner);
  const found = existing.find(r => r.metadata.name === name);
  if (found) return { name, hash, revision: found.revision as number };
  const revision =
    Math.max(0, ...existing.map(r => Number(r.revision ?? 0))) + 1;
  o.create(
    def,
    owner.metadata.namespace,
    {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: owner.metadata.namespace,
        labels: {
          ...(owner.spec.selector?.matchLabels ?? {}),
          'controller-revision-hash': hash,
        },
        ownerReferences: [ownerRef(owner)],
      },
      data: {
        spec: { template: { ...owner.spec.template, $patch: 'replace' } },
      },
      revision,
    },
    { manager: CM },
  );
  const limit = owner.spec.revisionHistoryLimit ?? 10;
  const sorted = [...existing].sort(
    (a, b) => Number(a.revision) - Number(b.revision),
  );
  for (const r of sorted.slice(0, Math.max(0, sorted.length + 1 - limit - 1)))
    o.delete(def, r.metadata.namespace, r.metadata.name!, {});
  return { name, hash, revision };
}
