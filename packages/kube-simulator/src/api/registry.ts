import { JsonObject } from '../util/types';

export const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
// CRDs list verbs in this order in the recordings.
export const CRD_VERBS = [
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'create',
  'update',
  'watch',
];

export interface SubresourceDef {
  name: string;
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

export interface ResourceDef {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources: SubresourceDef[];
  storageVersionHash?: string;
  /** Objects of every version of a resource live under one storage key. */
  storageKey: string;
  /** Custom resources: registered by a CRD. */
  crd?: {
    name: string;
    schema?: JsonObject;
    printerColumns: PrinterColumn[];
    preserveUnknown: boolean;
  };
  /** Read-only computed resource (metrics.k8s.io, reviews). */
  virtual?: boolean;
}

export function gv(def: { group: string; version: string }): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

export function hasSub(def: ResourceDef, name: string): boolean {
  return def.subresources.some(s => s.name === name);
}

/** The registry of served resources; CRDs add to it at runtime. */
export class Registry {
  private readonly defs: ResourceDef[] = [];
  /** Group order as served by /apis; CRD groups are appended last. */
  private readonly groupOrder: string[] = [];
  private readonly preferred = new Map<string, string>();
  private readonly groupVersions = new Map<string, string[]>();
  private listeners: Array<() => void> = [];

  add(def: ResourceDef, opts?: { preferred?: boolean }) {
    const idx = this.defs.findIndex(
      d =>
        d.group === def.group &&
        d.version === def.version &&
        d.plural === def.plural,
    );
    if (idx >= 0) this.defs[idx] = def;
    else this.defs.push(def);
    if (def.group && !this.groupOrder.includes(def.group))
      this.groupOrder.push(def.group);
    const versions = this.groupVersions.get(def.group) ?? [];
    if (!versions.includes(def.version)) versions.push(def.version);
    this.groupVersions.set(def.group, versions);
    if (opts?.preferred || !this.preferred.has(def.group))
      this.preferred.set(def.group, def.version);
    this.listeners.forEach(l => l());
  }

  removeWhere(pred: (d: ResourceDef) => boolean) {
    for (let i = this.defs.length - 1; i >= 0; i--) {
      if (pred(this.defs[i])) this.defs.splice(i, 1);
    }
    for (const [group, versions] of this.groupVersions) {
      const left = versions.filter(v =>
        this.defs.some(d => d.group === group && d.version === v),
      );
      if (left.length === 0) {
        this.groupVersions.delete(group);
        this.preferred.delete(group);
        const gi = this.groupOrder.indexOf(group);
        if (gi >= 0) this.groupOrder.splice(gi, 1);
      } else {
        this.groupVersions.set(group, left);
        if (!left.includes(this.preferred.get(group) ?? ''))
          this.preferred.set(group, left[0]);
      }
    }
    this.listeners.forEach(l => l());
  }

  onChange(fn: () => void) {
    this.listeners.push(fn);
  }

  all(): ResourceDef[] {
    return this.defs;
  }

  groups(): string[] {
    return this.groupOrder;
  }

  versionsOf(group: string): string[] {
    return this.groupVersions.get(group) ?? [];
  }

  preferredVersion(group: string): string | undefined {
    return this.preferred.get(group);
  }

  inGroupVersion(group: string, version: string): ResourceDef[] {
    return this.defs.filter(d => d.group === group && d.version === version);
  }

  hasGroupVersion(group: string, version: string): boolean {
    return this.versionsOf(group).includes(version);
  }

  lookup(
    group: string,
    version: string,
    plural: string,
  ): ResourceDef | undefined {
    return this.defs.find(
      d => d.group === group && d.version === version && d.plural === plural,
    );
  }

  /** Preferred definition for a group + plural, e.g. to address objects across versions. */
  byResource(group: string, plural: string): ResourceDef | undefined {
    const pv = this.preferred.get(group);
    return (
      this.defs.find(
        d => d.group === group && d.plural === plural && d.version === pv,
      ) ?? this.defs.find(d => d.group === group && d.plural === plural)
    );
  }

  byKind(apiVersion: string, kind: string): ResourceDef | undefined {
    const [group, version] = apiVersion.includes('/')
      ? apiVersion.split('/')
      : ['', apiVersion];
    return this.defs.find(
      d => d.group === group && d.version === version && d.kind === kind,
    );
  }

  byStorageKey(key: string): ResourceDef | undefined {
    return this.defs.find(d => d.storageKey === key);
  }
}
