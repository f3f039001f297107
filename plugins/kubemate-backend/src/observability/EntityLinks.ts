import type {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  kubemateWorkloadReadPermission,
  observabilityLinks,
  WORKLOAD_RESOURCES,
  type KubeObject,
  type ObservabilityLinkContext,
  type ObservabilityLinkGroup,
  type ObservabilityLinksResponse,
  type ObservabilityLinkTemplate,
  type WorkloadPlural,
} from '@kubemate/plugin-kubemate-common';
import { requirePermission } from '../auth/requirePermission';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';

/** The window a link shows when the caller names none: the hour before now. */
const DEFAULT_WINDOW_MS = 60 * 60 * 1000;

/** Kinds a row of the Workloads tab is about, top-level controllers first. */
const WORKLOAD_PLURALS: WorkloadPlural[] = [
  'deployments',
  'statefulsets',
  'daemonsets',
  'cronjobs',
  'jobs',
];

const pluralOf = new Map<string, WorkloadPlural>(
  WORKLOAD_RESOURCES.map(r => [r.kind, r.plural]),
);

/** Who asks, about which entity. */
export interface LinkCaller {
  entityRef: string;
  credentials: BackstageCredentials;
}

/** Which object's links, and over which time window. */
export interface LinkTarget {
  cluster?: string;
  namespace?: string;
  kind?: string;
  name?: string;
  container?: string;
  from?: Date;
  to?: Date;
}

/**
 * The top-level controller of an object among the entity's objects (a pod's Deployment through
 * its ReplicaSet, a Job's CronJob), or the object itself when it has none there.
 */
export function controllerOf(
  object: KubeObject,
  resources: Record<WorkloadPlural, KubeObject[]>,
): KubeObject {
  const parentOf = (child: KubeObject) => {
    const owner = child.metadata.ownerReferences?.find(
      r => r.controller !== false,
    );
    const plural = owner && pluralOf.get(owner.kind);
    return plural
      ? resources[plural].find(
          o =>
            o.metadata.name === owner.name &&
            o.metadata.namespace === child.metadata.namespace,
        )
      : undefined;
  };
  let current = object;
  // Pod → ReplicaSet → Deployment, Pod → Job → CronJob: a few steps at most.
  for (let depth = 0; depth < 4; depth++) {
    const parent = parentOf(current);
    if (!parent) return current;
    current = parent;
  }
  return current;
}

/**
 * Observability links of an entity and of its objects (the card, and the Links action of each
 * workload and pod row): the configured templates (a cluster's own replacing the global ones),
 * overridden per kind by the entity's annotations, filled with the object's coordinates and a
 * time window. Only objects of the entity are linked: the same lookup as for its workloads.
 */
export class EntityLinks {
  constructor(
    private readonly deps: {
      templates: ObservabilityLinkTemplate[];
      clusterTemplates?: Map<string, ObservabilityLinkTemplate[]>;
      workloads: EntityWorkloadsService;
      catalog: CatalogService;
      permissions: PermissionsService;
      logger?: LoggerService;
      now?: () => Date;
    },
  ) {}

  async links(
    caller: LinkCaller,
    target: LinkTarget,
  ): Promise<ObservabilityLinksResponse> {
    await requirePermission(this.deps.permissions, caller.credentials, {
      permission: kubemateWorkloadReadPermission,
      resourceRef: caller.entityRef,
    });
    const to = target.to ?? this.deps.now?.() ?? new Date();
    const from = target.from ?? new Date(to.getTime() - DEFAULT_WINDOW_MS);
    const window = { from, to };
    const annotations = await this.annotations(caller);
    const entity = parseEntityRef(caller.entityRef);
    const build = (
      group: Omit<ObservabilityLinkGroup, 'links'>,
    ): ObservabilityLinkGroup => {
      const context: ObservabilityLinkContext = { ...group, window, entity };
      return {
        ...group,
        links: observabilityLinks(
          this.deps.clusterTemplates?.get(group.cluster) ?? this.deps.templates,
          context,
          annotations,
        ),
      };
    };
    const groups = target.cluster
      ? [build(await this.objectGroup(caller, target))]
      : (await this.entityGroups(caller)).map(build);
    return {
      window: { from: from.toISOString(), to: to.toISOString() },
      groups,
    };
  }

  /** One object of the entity; a pod is linked with its controller's kind and name. */
  private async objectGroup(
    caller: LinkCaller,
    target: LinkTarget,
  ): Promise<Omit<ObservabilityLinkGroup, 'links'>> {
    const { cluster, namespace, kind, name } = target as Required<LinkTarget>;
    const plural = pluralOf.get(kind);
    if (!plural) throw new InputError(`Unsupported kind '${kind}'`);
    const resources = await this.deps.workloads.objectsInCluster(
      caller.entityRef,
      caller.credentials,
      cluster,
    );
    const object = resources[plural].find(
      o => o.metadata.name === name && o.metadata.namespace === namespace,
    );
    if (!object) {
      throw new NotFoundError(
        `${kind} ${namespace}/${name} is not an object of ${caller.entityRef} in cluster ${cluster}`,
      );
    }
    if (kind !== 'Pod') return { cluster, namespace, kind, name };
    const containers = (
      (object.spec as { containers?: Array<{ name: string }> })?.containers ??
      []
    ).map(c => c.name);
    if (target.container && !containers.includes(target.container)) {
      throw new InputError(
        `Pod ${namespace}/${name} has no container '${
          target.container
        }' (${containers.join(', ')})`,
      );
    }
    const controller = controllerOf(object, resources);
    return {
      cluster,
      namespace,
      kind: controller.kind,
      name: controller.metadata.name,
      pod: name,
      container:
        target.container ??
        (containers.length === 1 ? containers[0] : undefined),
    };
  }

  /** Per cluster: each namespace of the entity's workloads, then each workload. */
  private async entityGroups(
    caller: LinkCaller,
  ): Promise<Array<Omit<ObservabilityLinkGroup, 'links'>>> {
    const answer = await this.deps.workloads.getWorkloads(
      caller.entityRef,
      caller.credentials,
      { showSecretValues: false },
    );
    return answer.clusters
      .filter(c => c.status === 'ok')
      .flatMap(c => {
        const workloads = WORKLOAD_PLURALS.flatMap(p => c.resources[p]).filter(
          // A CronJob's Jobs are linked through their CronJob.
          o => !o.metadata.ownerReferences?.some(r => r.kind === 'CronJob'),
        );
        const namespaces = [
          ...new Set(workloads.map(o => o.metadata.namespace ?? 'default')),
        ].sort();
        return [
          ...namespaces.map(namespace => ({ cluster: c.cluster, namespace })),
          ...workloads.map(o => ({
            cluster: c.cluster,
            namespace: o.metadata.namespace ?? 'default',
            kind: o.kind,
            name: o.metadata.name,
          })),
        ];
      });
  }

  /** The entity's annotations (they override links per kind); none if the catalog fails. */
  private async annotations(
    caller: LinkCaller,
  ): Promise<Record<string, string> | undefined> {
    try {
      const entity = await this.deps.catalog.getEntityByRef(caller.entityRef, {
        credentials: caller.credentials,
      });
      return entity?.metadata.annotations;
    } catch (e) {
      this.deps.logger?.warn(
        `Observability links of ${caller.entityRef} without entity overrides: catalog lookup failed: ${e}`,
      );
      return undefined;
    }
  }
}
