import { Store } from '../storage/store';

const GW = 'gateway.networking.k8s.io';

/** The core API group, which Gateway API writes as "" (some manifests say "core"). */
export function isCoreGroup(group: string | undefined): boolean {
  return !group || group === 'core';
}

/**
 * Whether a ReferenceGrant in the target namespace lets objects of `fromKind` (Gateway API group)
 * in `fromNamespace` reference the core object `toKind`/`name` there.
 */
export function referenceGranted(
  store: Store,
  from: { kind: string; namespace: string },
  to: { kind: string; namespace: string; name: string },
): boolean {
  return store.list(`${GW}/referencegrants`, to.namespace).some(g => {
    const spec = g.spec ?? {};
    const fromOk = ((spec.from ?? []) as Array<Record<string, string>>).some(
      f =>
        f.group === GW &&
        f.kind === from.kind &&
        f.namespace === from.namespace,
    );
    const toOk = ((spec.to ?? []) as Array<Record<string, string>>).some(
      t =>
        isCoreGroup(t.group) &&
        t.kind === to.kind &&
        (!t.name || t.name === to.name),
    );
    return fromOk && toOk;
  });
}
