import { createHash } from 'crypto';
import { Registry, CRD_VERBS, ResourceDef } from './registry';
import { KObject } from '../util/types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

function storageVersion(crd: KObject): string {
  const versions: Any[] = crd.spec?.versions ?? [];
  return (versions.find(v => v.storage) ?? versions[0])?.name ?? 'v1';
}

/** Turns a CustomResourceDefinition into served resource definitions (one per served version). */
export function crdToDefs(crd: KObject): ResourceDef[] {
  const spec: Any = crd.spec ?? {};
  const names: Any = spec.names ?? {};
  const versions: Any[] = spec.versions ?? [];
  return versions
    .filter(v => v.served !== false)
    .map(v => {
      const subresources = [];
      if (v.subresources?.status)
        subresources.push({
          name: 'status',
          kind: names.kind,
          verbs: ['get', 'patch', 'update'],
        });
      if (v.subresources?.scale)
        subresources.push({
          name: 'scale',
          kind: 'Scale',
          group: 'autoscaling',
          version: 'v1',
          verbs: ['get', 'patch', 'update'],
        });
      const schema = v.schema?.openAPIV3Schema;
      return {
        group: spec.group,
        version: v.name,
        plural: names.plural,
        singular: names.singular ?? String(names.kind ?? '').toLowerCase(),
        kind: names.kind,
        namespaced: spec.scope !== 'Cluster',
        verbs: CRD_VERBS,
        shortNames: names.shortNames,
        categories: names.categories,
        subresources,
        // discovery.StorageVersionHash: first 8 bytes of sha256("group/version/kind")
        storageVersionHash: createHash('sha256')
          .update(`${spec.group}/${storageVersion(crd)}/${names.kind}`)
          .digest()
          .subarray(0, 8)
          .toString('base64'),
        storageKey: `${spec.group}/${names.plural}`,
        crd: {
          name: crd.metadata.name!,
          schema,
          printerColumns: v.additionalPrinterColumns ?? [],
          preserveUnknown:
            schema?.['x-kubernetes-preserve-unknown-fields'] === true,
        },
      } as ResourceDef;
    });
}

export function syncCrd(reg: Registry, crd: KObject, deleted: boolean) {
  const name = crd.metadata.name;
  reg.removeWhere(d => d.crd?.name === name);
  if (deleted) return;
  const storage = ((crd.spec?.versions ?? []) as Any[]).find(
    v => v.storage,
  )?.name;
  for (const def of crdToDefs(crd))
    reg.add(def, { preferred: def.version === storage });
}
