import { ObjectService } from '../api/objects';
import { clone } from '../util/objects';
import { CM, Controller } from './types';
import { Res } from './util';
import { CA_PEM } from '../seed/ca';

/** Default ServiceAccount + kube-root-ca.crt per namespace; deleting a namespace removes its content. */
export class NamespaceController implements Controller {
  name = 'namespace';
  constructor(private readonly o: ObjectService, private readonly res: Res) {}

  reconcile() {
    const store = this.o.store;
    const saDef = this.res.def('', 'serviceaccounts');
    const cmDef = this.res.def('', 'configmaps');
    for (const ns of store.list('/namespaces')) {
      const name = ns.metadata.name!;
      if (ns.metadata.deletionTimestamp) {
        this.finalize(name);
        continue;
      }
      if (!store.get('/serviceaccounts', name, 'default')) {
        this.o.create(
          saDef,
          name,
          {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: 'default' },
          },
          { manager: CM },
        );
      }
      if (!store.get('/configmaps', name, 'kube-root-ca.crt')) {
        this.o.create(
          cmDef,
          name,
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'kube-root-ca.crt' },
            data: { 'ca.crt': CA_PEM },
          },
          { manager: CM },
        );
      }
    }
  }

  private finalize(ns: string) {
    const store = this.o.store;
    let remaining = 0;
    for (const def of this.o.registry.all()) {
      if (!def.namespaced || def.virtual) continue;
      if (def.storageKey === 'events' && def.group !== '') continue;
      for (const obj of store.list(def.storageKey, ns)) {
        remaining++;
        if (obj.metadata.finalizers?.length) {
          const next = clone(obj);
          next.metadata.finalizers = [];
          if (!next.metadata.deletionTimestamp)
            next.metadata.deletionTimestamp = new Date().toISOString();
          this.o.commitUpdate(def, next);
        } else store.delete(def.storageKey, ns, obj.metadata.name!);
      }
    }
    if (remaining === 0) store.delete('/namespaces', undefined, ns);
  }
}
