import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBEMATE_OWNER,
  ANNOTATION_KUBEMATE_SHARED_WITH,
  LABEL_KUBEMATE_OWNER,
  type EntityMapping,
  type KubeObject,
} from '@kubemate/plugin-kubemate-common';

/** What tenancy reads of a Namespace object. */
export interface NamespaceObject {
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
}

/** A namespace's tenants as app-config lists them (`kubemate.tenancy.namespaces`). */
export interface NamespaceGrant {
  /** Cluster name; absent means the namespace of that name in every cluster. */
  cluster?: string;
  namespace: string;
  /** Group entity ref (`team-x` is `group:default/team-x`). */
  owner: string;
  sharedWith: string[];
}

/** Who a namespace belongs to, and who else may map it. Refs are full and lower-case. */
export interface NamespaceTenants {
  owner?: string;
  sharedWith: string[];
  /** Where the owner was read from, for messages. */
  source: 'app-config' | 'namespace' | 'none';
}

/** An entity ref in its full, lower-case form; by default a bare name is a Group of `default`. */
export function normalizeRef(
  ref: string,
  defaults: { kind?: string; namespace?: string } = {},
) {
  return stringifyEntityRef(
    parseEntityRef(ref.trim(), {
      defaultKind: defaults.kind ?? 'group',
      defaultNamespace: defaults.namespace ?? 'default',
    }),
  ).toLocaleLowerCase('en-US');
}

/**
 * An entity's `spec.owner` as a full, lower-case ref (a bare name is a Group of the entity's
 * own catalog namespace); undefined when it has none or it is not a valid ref.
 */
export function ownerRefOf(entity: {
  metadata: { namespace?: string };
  spec?: unknown;
}): string | undefined {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner.trim()) return undefined;
  try {
    return normalizeRef(owner, { namespace: entity.metadata.namespace });
  } catch {
    return undefined;
  }
}

const splitRefs = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);

/** Reads `kubemate.tenancy.namespaces`, refusing malformed entries with their position. */
export function readNamespaceGrants(config: Config): NamespaceGrant[] {
  const entries =
    config.getOptionalConfigArray('kubemate.tenancy.namespaces') ?? [];
  return entries.map((entry, i) => {
    const where = `kubemate.tenancy.namespaces[${i}]`;
    try {
      return {
        cluster: entry.getOptionalString('cluster'),
        namespace: entry.getString('namespace'),
        owner: normalizeRef(entry.getString('owner')),
        sharedWith: (entry.getOptionalStringArray('sharedWith') ?? []).map(r =>
          normalizeRef(r),
        ),
      };
    } catch (err) {
      throw new InputError(`${where}: ${(err as Error).message}`);
    }
  });
}

/** A mapping confined to the namespaces its entity's owner may use in one cluster. */
export interface ConfinedMapping {
  /** The mapping with explicit namespaces only; absent when none is left. */
  mapping?: EntityMapping;
  /** Why namespaces were left out, to show on the entity. */
  problems: string[];
}

/**
 * Namespace tenancy: a namespace belongs to one Group, named in app-config (for clusters
 * onboarded before Kubemate) or by the Namespace's `kubemate.io/owner` label (set by
 * onboarding), and may be shared with more groups. app-config wins, since a namespace's labels
 * can be edited by whoever may edit the namespace. An entity's mapping resolves only
 * namespaces its owner owns or shares; a namespace without an owner belongs to nobody.
 */
export class NamespaceTenancy {
  constructor(private readonly grants: NamespaceGrant[]) {}

  static fromConfig(config: Config): NamespaceTenancy {
    return new NamespaceTenancy(readNamespaceGrants(config));
  }

  /** The tenants of a namespace of a cluster, given its object (if the cluster has it). */
  tenantsOf(
    cluster: string,
    name: string,
    namespace: NamespaceObject | undefined,
  ): NamespaceTenants {
    const grant =
      this.grants.find(g => g.cluster === cluster && g.namespace === name) ??
      this.grants.find(g => g.cluster === undefined && g.namespace === name);
    if (grant) {
      return {
        owner: grant.owner,
        sharedWith: grant.sharedWith,
        source: 'app-config',
      };
    }
    const meta = namespace?.metadata;
    const declared =
      meta?.annotations?.[ANNOTATION_KUBEMATE_OWNER] ??
      meta?.labels?.[LABEL_KUBEMATE_OWNER];
    const owner = declared ? safeRef(declared) : undefined;
    if (!owner) return { sharedWith: [], source: 'none' };
    return {
      owner,
      sharedWith: splitRefs(
        meta?.annotations?.[ANNOTATION_KUBEMATE_SHARED_WITH],
      )
        .map(safeRef)
        .filter((r): r is string => r !== undefined),
      source: 'namespace',
    };
  }

  /** Whether `tenant` (a full, lower-case ref) may map the namespace. */
  static admits(tenants: NamespaceTenants, tenant: string): boolean {
    return tenants.owner === tenant || tenants.sharedWith.includes(tenant);
  }

  /**
   * Confines a mapping to one cluster's namespaces its owner may use: named namespaces it may
   * not use are dropped with a problem; a mapping without namespaces gets every namespace its
   * owner may use. `namespaces` are the cluster's Namespace objects.
   */
  confine(
    cluster: string,
    mapping: EntityMapping,
    namespaces: readonly KubeObject[],
  ): ConfinedMapping {
    const of = mapping.entityRef ?? 'the entity';
    if (!mapping.owner) {
      return {
        problems: [
          `${of} has no owner, so no namespace can be resolved for it`,
        ],
      };
    }
    const owner = mapping.owner;
    const byName = new Map(namespaces.map(n => [n.metadata.name, n]));
    const problems: string[] = [];
    let allowed: string[];
    if (mapping.namespaces.length > 0) {
      allowed = [];
      for (const name of mapping.namespaces) {
        const object = byName.get(name);
        const tenants = this.tenantsOf(cluster, name, object);
        if (NamespaceTenancy.admits(tenants, owner)) {
          allowed.push(name);
        } else if (!object && tenants.source === 'none') {
          problems.push(`namespace ${name} does not exist`);
        } else if (!tenants.owner) {
          problems.push(
            `namespace ${name} has no owner (label it ${LABEL_KUBEMATE_OWNER} or list it in kubemate.tenancy.namespaces), so it is not resolved for ${of}`,
          );
        } else {
          problems.push(
            `namespace ${name} belongs to ${tenants.owner} and is not shared with ${owner}, the owner of ${of}`,
          );
        }
      }
    } else {
      const names = new Set([
        ...byName.keys(),
        ...this.grants
          .filter(g => g.cluster === undefined || g.cluster === cluster)
          .map(g => g.namespace),
      ]);
      allowed = [...names]
        .filter(name =>
          NamespaceTenancy.admits(
            this.tenantsOf(cluster, name, byName.get(name)),
            owner,
          ),
        )
        .sort();
      if (allowed.length === 0) {
        problems.push(
          `no namespace of this cluster belongs to or is shared with ${owner}, the owner of ${of}`,
        );
      }
    }
    return {
      problems,
      ...(allowed.length > 0
        ? { mapping: { ...mapping, namespaces: allowed } }
        : {}),
    };
  }
}

/** A declared owner as a full ref, or undefined when it is not a valid ref. */
function safeRef(value: string): string | undefined {
  try {
    return normalizeRef(value);
  } catch {
    return undefined;
  }
}
