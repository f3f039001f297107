import type { PermissionsService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  kubemateRouteReadPermission,
  kubemateRouteUpdatePermission,
  resourceId,
  serviceProfileSpecSchema,
  type KubeObject,
  type ServiceProfileListResponse,
  type ServiceProfileSaveRequest,
  type ServiceProfileSaveResponse,
} from '@kubemate/plugin-kubemate-common';
import type { AuditTrail } from '../audit/AuditTrail';
import { requirePermission } from '../auth/requirePermission';
import type { ClusterService } from '../clusters/ClusterService';
import { comparableYaml } from '../kube/comparableYaml';
import { readOrUndefined } from '../kube/readOrUndefined';
import {
  HTTP_ROUTE,
  routeScope,
  SERVICE_PROFILE,
  type RouteScope,
} from '../routes/RouteScope';
import { toBackstageError } from '../workloads/operations/kubeErrors';
import type { Caller } from '../workloads/operations/WorkloadOperations';
import { auditYaml } from '../workloads/yaml/editedYaml';
import { unifiedDiff } from '../workloads/yaml/lineDiff';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';

const FIELD_MANAGER = 'kubemate-serviceprofiles';

/** Linkerd names a Service's profile by the Service's cluster-local DNS name. */
export const profileName = (service: string, namespace: string) =>
  `${service}.${namespace}.svc.cluster.local`;

type Target = { cluster: string; namespace: string; service: string };

/**
 * The ServiceProfiles of an entity's Services: read from the watch caches, written with a
 * server-side dry run first (diff), conditionally on the version edited, audited. Linkerd
 * serves a Service by its profile when one exists, so each answer names the HTTPRoutes the
 * profile shadows.
 */
export class ServiceProfiles {
  constructor(
    private readonly deps: {
      clusters: ClusterService;
      workloads: EntityWorkloadsService;
      permissions: PermissionsService;
      audit: AuditTrail;
      syncTimeoutMs: number;
    },
  ) {}

  async list(caller: Caller): Promise<ServiceProfileListResponse> {
    await requirePermission(this.deps.permissions, caller.credentials, {
      permission: kubemateRouteReadPermission,
      resourceRef: caller.entityRef,
    });
    const workloads = await this.deps.workloads.getWorkloads(
      caller.entityRef,
      caller.credentials,
    );
    const answer: ServiceProfileListResponse = { items: [], notInstalled: [] };
    for (const c of workloads.clusters.filter(w => w.status === 'ok')) {
      const scope = await this.scope(caller, c.cluster);
      if (!this.installed(scope)) {
        answer.notInstalled.push(c.cluster);
        continue;
      }
      for (const service of scope.services.values()) {
        const namespace = service.metadata.namespace ?? '';
        const profile = scope.cache.get(
          SERVICE_PROFILE,
          namespace,
          profileName(service.metadata.name, namespace),
        );
        answer.items.push({
          cluster: c.cluster,
          namespace,
          service: service.metadata.name,
          ...(profile ? { profile: this.view(profile) } : {}),
          shadowedRoutes: profile
            ? this.routesOf(scope, namespace, service.metadata.name)
            : [],
        });
      }
    }
    return answer;
  }

  async save(
    caller: Caller,
    target: Target,
    body: ServiceProfileSaveRequest,
  ): Promise<ServiceProfileSaveResponse> {
    const name = profileName(target.service, target.namespace);
    const event = {
      actor: caller.actor,
      entityRef: caller.entityRef,
      operation: 'serviceprofile-save',
      cluster: target.cluster,
      namespace: target.namespace,
      kind: 'ServiceProfile',
      name,
    };
    const refuse = (e: Error) =>
      this.deps.audit.denied(event, e, caller.request);
    await requirePermission(
      this.deps.permissions,
      caller.credentials,
      {
        permission: kubemateRouteUpdatePermission,
        resourceRef: caller.entityRef,
      },
      refuse,
    );
    const scope = await this.scope(caller, target.cluster);
    if (!scope.services.has(`${target.namespace}/${target.service}`)) {
      const e = new NotFoundError(
        `Service ${target.namespace}/${target.service} is not one of ${caller.entityRef}'s in cluster ${target.cluster}`,
      );
      await refuse(e);
      throw e;
    }
    if (!this.installed(scope)) {
      throw new NotFoundError(
        `Cluster ${target.cluster} does not serve Linkerd's ServiceProfiles (linkerd.io/v1alpha2)`,
      );
    }
    const stored = (await readOrUndefined(scope.raw, {
      apiVersion: SERVICE_PROFILE.apiVersion,
      kind: SERVICE_PROFILE.kind,
      metadata: { name, namespace: target.namespace },
    })) as KubeObject | undefined;
    const seen = body.resourceVersion;
    if (
      (stored && seen !== stored.metadata.resourceVersion) ||
      (!stored && seen)
    ) {
      const e = new ConflictError(
        stored
          ? `ServiceProfile ${
              target.namespace
            }/${name} has changed since you loaded it (resourceVersion ${
              seen ?? 'none: it did not exist'
            }, now ${
              stored.metadata.resourceVersion
            }); reload it and apply your changes again`
          : `ServiceProfile ${target.namespace}/${name} was deleted since you loaded it`,
      );
      await refuse(e);
      throw e;
    }
    const spec = serviceProfileSpecSchema.parse(body.spec);
    const profile = {
      apiVersion: SERVICE_PROFILE.apiVersion,
      kind: SERVICE_PROFILE.kind,
      metadata: {
        ...(stored ? stored.metadata : {}),
        name,
        namespace: target.namespace,
      },
      spec,
    } as KubeObject;
    const write = async (dryRun: boolean) => {
      try {
        return (await (stored
          ? scope.raw.replaceStrict(profile as KubernetesObject, {
              dryRun,
              fieldManager: FIELD_MANAGER,
            })
          : scope.raw.create(
              profile as KubernetesObject,
              undefined,
              dryRun ? 'All' : undefined,
              FIELD_MANAGER,
            ))) as unknown as KubeObject;
      } catch (e) {
        throw toBackstageError(e, `ServiceProfile ${target.namespace}/${name}`);
      }
    };
    const dryRun = body.dryRun ?? false;
    const after = dryRun
      ? await write(true)
      : await this.deps.audit.run(
          {
            ...event,
            parameters: {
              ...(seen ? { resourceVersion: seen } : {}),
              routes: spec.routes.length,
            },
            beforeYaml: auditYaml(stored),
          },
          caller.request,
          () => write(false),
          auditYaml,
        );
    return {
      created: !stored,
      dryRun,
      diff: unifiedDiff(comparableYaml(stored), comparableYaml(after)),
      ...(after.metadata.resourceVersion && !dryRun
        ? { resourceVersion: after.metadata.resourceVersion }
        : {}),
      shadowedRoutes: this.routesOf(scope, target.namespace, target.service),
    };
  }

  private scope(caller: Caller, cluster: string): Promise<RouteScope> {
    return routeScope(this.deps, caller.entityRef, caller.credentials, cluster);
  }

  private installed(scope: RouteScope): boolean {
    return (
      scope.cache.states().get(resourceId(SERVICE_PROFILE))?.state !==
      'not-installed'
    );
  }

  /** HTTPRoutes with the Service as parent (GAMMA), which a profile shadows. */
  private routesOf(scope: RouteScope, namespace: string, service: string) {
    return scope.cache
      .list(HTTP_ROUTE)
      .filter(r => r.metadata.namespace === namespace)
      .filter(r =>
        (
          ((r.spec as { parentRefs?: unknown[] } | undefined)?.parentRefs ??
            []) as Array<{ kind?: string; name?: string; namespace?: string }>
        ).some(
          p =>
            p.kind === 'Service' &&
            p.name === service &&
            (p.namespace ?? namespace) === namespace,
        ),
      )
      .map(r => r.metadata.name)
      .sort();
  }

  private view(profile: KubeObject) {
    const parsed = serviceProfileSpecSchema.safeParse(profile.spec ?? {});
    return {
      name: profile.metadata.name,
      ...(profile.metadata.resourceVersion
        ? { resourceVersion: profile.metadata.resourceVersion }
        : {}),
      // A profile written by hand may hold what the form does not edit: its routes still show.
      spec: parsed.success
        ? parsed.data
        : {
            routes: [],
          },
    };
  }
}
