import { ObjectService } from '../api/objects';
import { ResourceDef } from '../api/registry';
import { toExternal } from '../api/conversion';
import { clone } from '../util/objects';
import { KObject } from '../util/types';
import { Controller } from './manager';
import { CM } from './util';

/** Garbage collector: deletes dependents of vanished owners, handles foreground and orphan finalizers. */
export class GarbageCollector implements Controller {
  name = 'garbage-collector';
  constructor(private readonly o: ObjectService) {}

  private defs(): ResourceDef[] {
    const seen = new Set<string>();
    return this.o.registry.all().filter(d => {
      if (d.virtual || seen.has(d.storageKey)) return false;
      seen.add(d.storageKey);
      return true;
    });
  }

  reconcile() {
    const store = this.o.store;
    const defs = this.defs();
    const uids = new Map<string, { def: ResourceDef; obj: KObject }>();
    const dependents = new Map<
      string,
      Array<{ def: ResourceDef; obj: KObject }>
    >();
    for (const def of defs) {
      for (const obj of store.list(def.storageKey)) {
        uids.set(obj.metadata.uid!, { def, obj });
        for (const r of obj.metadata.ownerReferences ?? []) {
          const list = dependents.get(r.uid) ?? [];
          list.push({ def, obj });
          dependents.set(r.uid, list);
        }
      }
    }
    // dependents whose owners are all gone
    for (const [ownerUid, deps] of dependents) {
      if (uids.has(ownerUid)) continue;
      for (const { def, obj } of deps) {
        const live = store.get(
          def.storageKey,
          obj.metadata.namespace,
          obj.metadata.name!,
        );
        if (!live || live.metadata.deletionTimestamp) continue;
        const others = (live.metadata.ownerReferences ?? []).filter(
          r => r.uid !== ownerUid && uids.has(r.uid),
        );
        if (others.length) continue;
        try {
          this.o.delete(def, obj.metadata.namespace, obj.metadata.name!, {
            propagationPolicy: 'Background',
          });
        } catch {
          /* already gone */
        }
      }
    }
    // owners being deleted with finalizers
    for (const { def, obj } of uids.values()) {
      if (!obj.metadata.deletionTimestamp) continue;
      const fins = obj.metadata.finalizers ?? [];
      const deps = (dependents.get(obj.metadata.uid!) ?? []).filter(d =>
        store.get(
          d.def.storageKey,
          d.obj.metadata.namespace,
          d.obj.metadata.name!,
        ),
      );
      if (fins.includes('orphan')) {
        for (const d of deps) {
          const next = toExternal(
            d.def,
            clone(
              store.get(
                d.def.storageKey,
                d.obj.metadata.namespace,
                d.obj.metadata.name!,
              )!,
            ),
          );
          next.metadata.ownerReferences = (
            next.metadata.ownerReferences ?? []
          ).filter(r => r.uid !== obj.metadata.uid);
          if (!next.metadata.ownerReferences.length)
            delete next.metadata.ownerReferences;
          delete next.metadata.resourceVersion;
          this.o.update(
            d.def,
            d.obj.metadata.namespace,
            d.obj.metadata.name!,
            next,
            { manager: CM },
          );
        }
        this.dropFinalizer(def, obj, 'orphan');
      } else if (fins.includes('foregroundDeletion')) {
        if (deps.length) {
          for (const d of deps) {
            if (d.obj.metadata.deletionTimestamp) continue;
            try {
              this.o.delete(
                d.def,
                d.obj.metadata.namespace,
                d.obj.metadata.name!,
                { propagationPolicy: 'Foreground' },
              );
            } catch {
              /* gone */
            }
          }
        } else this.dropFinalizer(def, obj, 'foregroundDeletion');
      }
    }
  }

  private dropFinalizer(def: ResourceDef, obj: KObject, fin: string) {
    const live = this.o.store.get(
      def.storageKey,
      obj.metadata.namespace,
      obj.metadata.name!,
    );
    if (!live) return;
    const next = clone(live);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter(
      f => f !== fin,
    );
    if (!next.metadata.finalizers.length) delete next.metadata.finalizers;
    if (def.storageKey === '/pods' && !next.metadata.finalizers) {
      this.o.store.delete('/pods', obj.metadata.namespace, obj.metadata.name!);
      return;
    }
    this.o.commitUpdate(def, next);
  }
}
