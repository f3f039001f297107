import type {
  EntityMapping,
  KubeObject as MappedObject,
} from '@kubemate/plugin-kubemate-common';
import type { KubeObject } from '@kubemate/plugin-kubemate-node';
import {
  compileMapping,
  mappingSelects,
  type CompiledMapping,
} from '../workloads/selectEntityObjects';

/** A catalog entity whose findings a run may attribute: its ref, owner and resolved mapping. */
export interface MappedEntity {
  ref: string;
  /** Full, lower-case ref; an entity without an owner maps no namespace (tenancy). */
  owner?: string;
  mapping: EntityMapping;
}

/** Whether a namespace of the cluster admits an owner (namespace tenancy). */
export type Admission = (namespace: string, owner: string) => boolean;

interface Candidate {
  ref: string;
  owner: string;
  compiled: CompiledMapping;
}

type Dict = Record<string, any>;

/** Owner chains are short (Pod → ReplicaSet → Deployment, Pod → Job → CronJob). */
const MAX_OWNER_DEPTH = 4;

/** The key results are attributed by. */
export function resourceKey(
  kind: string,
  namespace: string | undefined,
  name: string,
) {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** Labels of the pods an object creates (Deployments, Jobs, CronJobs...), if it has a template. */
function templateLabelsOf(o: KubeObject): Record<string, string> | undefined {
  const spec = o.spec as Dict | undefined;
  const labels =
    spec?.template?.metadata?.labels ??
    spec?.jobTemplate?.spec?.template?.metadata?.labels;
  return labels && typeof labels === 'object' ? labels : undefined;
}

/**
 * Which catalog entity each object of one cluster belongs to, decided by the entities'
 * mappings as the Workloads tab resolves them (`resolveEntityMapping`, then the selector or
 * named workloads within the mapping's namespaces, `mappingSelects`), confined to namespaces
 * the entity's owner may use (tenancy, as `NamespaceTenancy.confine`). An object not picked
 * itself belongs to the entity of its owner (ownerReferences, e.g. a Deployment's Pods), an
 * Event to that of the object it is about.
 *
 * The mappings are indexed by their selector's equality requirement and their workload names,
 * so attributing an object costs a few lookups, whatever the number of entities. When several
 * entities pick an object, the one picking it by its own labels or name wins over one picking
 * its pod template, then the first by entity ref (a finding has one entity).
 */
export class EntityAttribution {
  /** Label key → value → the mappings whose selector requires it (no key strings per lookup). */
  private readonly byLabel = new Map<string, Map<string, Candidate[]>>();
  private readonly byName = new Map<string, Candidate[]>();
  /** Selectors without an equality requirement (e.g. `tier!=batch`): tested on every object. */
  private readonly unindexed: Candidate[] = [];

  constructor(
    cluster: string,
    entities: readonly MappedEntity[],
    private readonly admitted: Admission,
  ) {
    const push = (map: Map<string, Candidate[]>, key: string, c: Candidate) => {
      const list = map.get(key);
      if (list) list.push(c);
      else map.set(key, [c]);
    };
    for (const e of entities) {
      const m = e.mapping;
      if (!e.owner) continue;
      if (m.clusters.length > 0 && !m.clusters.includes(cluster)) continue;
      let compiled: CompiledMapping;
      try {
        compiled = compileMapping(m);
      } catch {
        // A selector that does not parse selects nothing (the Workloads tab says why).
        continue;
      }
      const c: Candidate = { ref: e.ref, owner: e.owner, compiled };
      if (compiled.selector) {
        const equality = compiled.selector.find(r => r.op === 'in');
        if (equality?.op === 'in') {
          let values = this.byLabel.get(equality.key);
          if (!values) {
            values = new Map();
            this.byLabel.set(equality.key, values);
          }
          for (const v of equality.values) push(values, v, c);
        } else {
          this.unindexed.push(c);
        }
      }
      for (const w of m.workloads) {
        push(this.byName, w.includes('/') ? w.split('/', 2)[1] : w, c);
      }
    }
  }

  /** Whether no entity can pick anything (nothing to index the objects for). */
  get empty(): boolean {
    return (
      this.byLabel.size === 0 &&
      this.byName.size === 0 &&
      this.unindexed.length === 0
    );
  }

  /**
   * The entity of every object that has one, by `resourceKey`. Cluster-scoped objects belong
   * to no entity (a mapping resolves namespaces).
   */
  attribute(objects: readonly KubeObject[]): Map<string, string> {
    const out = new Map<string, string>();
    if (this.empty) return out;
    const byUid = new Map<string, KubeObject>();
    for (const o of objects) {
      if (o.metadata?.uid) byUid.set(o.metadata.uid, o);
    }
    const memo = new Map<KubeObject, string | null>();
    const entityOf = (o: KubeObject, depth: number): string | undefined => {
      const known = memo.get(o);
      if (known !== undefined) return known ?? undefined;
      memo.set(o, null); // an ownerReference cycle ends here
      const namespace = o.metadata?.namespace;
      const sameNamespace = (uid: string | undefined) => {
        const other = uid ? byUid.get(uid) : undefined;
        return other?.metadata?.namespace === namespace ? other : undefined;
      };
      let ref = this.direct(o);
      if (ref === undefined && depth < MAX_OWNER_DEPTH) {
        for (const owner of o.metadata?.ownerReferences ?? []) {
          const parent = sameNamespace(owner.uid);
          ref = parent ? entityOf(parent, depth + 1) : undefined;
          if (ref !== undefined) break;
        }
        if (ref === undefined && o.kind === 'Event') {
          const about = sameNamespace(
            (o as { involvedObject?: { uid?: string } }).involvedObject?.uid,
          );
          ref = about ? entityOf(about, depth + 1) : undefined;
        }
      }
      memo.set(o, ref ?? null);
      return ref;
    };
    for (const o of objects) {
      const { namespace, name } = o.metadata ?? {};
      if (!namespace || !name || !o.kind) continue;
      const ref = entityOf(o, 0);
      if (ref !== undefined) out.set(resourceKey(o.kind, namespace, name), ref);
    }
    return out;
  }

  /** The entity picking an object by itself: its labels or name, else its pod template's labels. */
  private direct(o: KubeObject): string | undefined {
    const namespace = o.metadata?.namespace;
    const name = o.metadata?.name;
    if (!namespace || !name) return undefined;
    const own = o as unknown as MappedObject;
    let best = this.bestByLabels(namespace, o.metadata?.labels, own, undefined);
    best = this.bestOf(namespace, this.byName.get(name), own, best);
    if (best !== undefined) return best;
    const template = templateLabelsOf(o);
    if (!template) return undefined;
    return this.bestByLabels(
      namespace,
      template,
      { ...own, metadata: { ...own.metadata, labels: template } },
      undefined,
    );
  }

  /** The best among the mappings a label set can satisfy (and those no index serves). */
  private bestByLabels(
    namespace: string,
    labels: Record<string, string> | undefined,
    o: MappedObject,
    best: string | undefined,
  ): string | undefined {
    let out = this.bestOf(namespace, this.unindexed, o, best);
    if (!labels) return out;
    for (const key in labels) {
      if (!Object.prototype.hasOwnProperty.call(labels, key)) continue;
      const values = this.byLabel.get(key);
      if (values) out = this.bestOf(namespace, values.get(labels[key]), o, out);
    }
    return out;
  }

  /** The first entity (by ref) among `best` and candidates that admit the namespace and pick `o`. */
  private bestOf(
    namespace: string,
    candidates: readonly Candidate[] | undefined,
    o: MappedObject,
    best: string | undefined,
  ): string | undefined {
    if (!candidates) return best;
    let out = best;
    for (const c of candidates) {
      if (out !== undefined && out <= c.ref) continue;
      if (!this.admitted(namespace, c.owner)) continue;
      if (mappingSelects(c.compiled, o)) out = c.ref;
    }
    return out;
  }
}
