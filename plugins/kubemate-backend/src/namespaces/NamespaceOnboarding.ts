import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import {
  kubemateNamespaceOnboardPermission,
  resourcesOfKind,
  type KubeObject,
  type NamespaceSummary,
  type OffboardRequest,
  type OnboardObject,
  type OnboardRequest,
  type OnboardResponse,
} from '@kubemate/plugin-kubemate-common';
import type { Request } from 'express';
import { actorOf } from '../auth/actorOf';
import type { AuditTrail } from '../audit/AuditTrail';
import type { AuditIntent } from '../audit/AuditLogStore';
import { requirePermission } from '../auth/requirePermission';
import type { ClusterService } from '../clusters/ClusterService';
import { comparableYaml } from '../kube/comparableYaml';
import { readOrUndefined } from '../kube/readOrUndefined';
import {
  missingOfOnboarded,
  ONBOARDING_CHECK_RESOURCES,
} from './onboardingMissing';
import type { RawObjectApi } from '../kube/RawObjectApi';
import { NamespaceTenancy, normalizeRef } from '../tenancy/NamespaceTenancy';
import { toBackstageError } from '../workloads/operations/kubeErrors';
import { unifiedDiff } from '../workloads/yaml/lineDiff';
import { summarizeGateway } from '../routes/summarizeRoutes';
import type { GatewayPortStore } from './GatewayPortStore';
import type { OnboardingConfig } from './onboardingConfig';
import {
  GATEWAY_SUFFIX,
  gatewayClassOf,
  LIMITS_NAME,
  NETWORK_POLICY_NAME,
  onboardingPlan,
  QUOTA_NAME,
  traefikObjects,
  traefikPortsInUse,
  withoutTraefikEntryPoint,
  withTraefikEntryPoint,
} from './onboardingPlan';

/** Server-side apply field manager of what onboarding owns. */
export const ONBOARDING_FIELD_MANAGER = 'kubemate-onboarding';

const GATEWAY = resourcesOfKind('Gateway')[0];
const NAMESPACE = resourcesOfKind('Namespace')[0];

/**
 * Namespace onboarding: creates or reconciles, idempotently, a namespace with its owner, mesh
 * injection, a Traefik entryPoint on a port allocated to it, a Gateway listening there, a
 * ResourceQuota and LimitRange of a configured size and optionally a default-deny
 * NetworkPolicy. A dry run reports each object's server-side dry-run diff; the real run is
 * audited (intent before, outcome after).
 */
export class NamespaceOnboarding {
  constructor(
    private readonly deps: {
      clusters: ClusterService;
      permissions: PermissionsService;
      audit: AuditTrail;
      ports: GatewayPortStore;
      tenancy: NamespaceTenancy;
      /** Undefined when `kubemate.onboarding` is not configured. */
      config?: OnboardingConfig;
      /** Probes an onboarding needs to pass first (`kubemate.probes.gates.onboarding`). */
      gate?: (
        event: Omit<AuditIntent, 'at'>,
        request?: Request,
      ) => Promise<void>;
    },
  ) {}

  /** Removes what onboarding made (see `offboardNamespace`). */
  offboard(
    cluster: string,
    namespace: string,
    body: OffboardRequest,
    caller: { credentials: BackstageCredentials; request?: Request },
  ): Promise<OnboardResponse> {
    return offboardNamespace(this.deps, cluster, namespace, body, caller);
  }

  /** What the onboarding form offers. */
  offer(): { onboardingConfigured: boolean; sizes: string[] } {
    return {
      onboardingConfigured: !!this.deps.config,
      sizes: Object.keys(this.deps.config?.sizes ?? {}),
    };
  }

  /** Every namespace of every usable cluster, from the shared watch caches. */
  async list(): Promise<NamespaceSummary[]> {
    const out: NamespaceSummary[] = [];
    for (const cluster of this.deps.clusters.clusters) {
      if (cluster.configError) continue;
      const cache = this.deps.clusters.watchCache(cluster.name);
      await cache.ensure([NAMESPACE, GATEWAY, ...ONBOARDING_CHECK_RESOURCES]);
      const ports = await this.deps.ports.ports(cluster.name);
      for (const ns of cache.list(NAMESPACE)) {
        const name = ns.metadata.name;
        const tenants = this.deps.tenancy.tenantsOf(cluster.name, name, ns);
        const gateway = cache.get(GATEWAY, name, `${name}${GATEWAY_SUFFIX}`);
        const missing = gateway
          ? missingOfOnboarded({
              cache,
              namespace: ns,
              owner: tenants.owner,
              port: ports.get(name),
              config: this.deps.config,
            })
          : [];
        out.push({
          cluster: cluster.name,
          name,
          ...(tenants.owner ? { owner: tenants.owner } : {}),
          ownerSource: tenants.source,
          onboarded: !!gateway,
          meshInjection:
            ns.metadata.annotations?.['linkerd.io/inject'] === 'enabled',
          ...(ports.has(name) ? { port: ports.get(name) } : {}),
          ...(gateway
            ? { gateway: withoutNamespace(summarizeGateway(gateway)) }
            : {}),
          ...(missing.length ? { missing } : {}),
        });
      }
    }
    return out.sort(
      (a, b) =>
        a.cluster.localeCompare(b.cluster) || a.name.localeCompare(b.name),
    );
  }

  async onboard(
    clusterName: string,
    namespace: string,
    body: OnboardRequest,
    caller: { credentials: BackstageCredentials; request?: Request },
  ): Promise<OnboardResponse> {
    const { dryRun, ...parameters } = body;
    const event = await authorize(
      this.deps,
      'namespace-onboard',
      { clusterName, namespace, parameters },
      caller,
    );
    const config = requireConfig(this.deps);
    // A dry run changes nothing: it is not held to the probes.
    if (!dryRun) await this.deps.gate?.(event, caller.request);
    const size = config.sizes[body.size];
    if (!size) {
      throw new InputError(
        `Unknown size '${body.size}' (configured: ${Object.keys(
          config.sizes,
        ).join(', ')})`,
      );
    }
    let owner: string;
    try {
      owner = normalizeRef(body.owner);
    } catch (e) {
      throw new InputError(`owner: ${(e as Error).message}`);
    }
    const raw = this.deps.clusters.clients(
      this.deps.clusters.usable(clusterName).name,
    ).raw;
    const [deployment, service] = await Promise.all(
      traefikObjects(config).map(o => readOrUndefined(raw, o)),
    );
    if (!deployment || !service) {
      const traefik = config.traefik;
      throw new ServiceUnavailableError(
        `The Traefik installation ${traefik.namespace}/${traefik.deployment} (Deployment and Service) was not found in cluster ${clusterName}`,
      );
    }
    const inUse = traefikPortsInUse(deployment as KubeObject);
    const ports = this.deps.ports;
    const port = dryRun
      ? (await ports.portOf(clusterName, namespace)) ??
        (await ports.firstFree(clusterName, config.ports, inUse))
      : await ports.allocate(clusterName, namespace, config.ports, inUse);
    if (port === undefined) {
      throw new ConflictError(
        `No free gateway port in ${config.ports.from}–${config.ports.to} on cluster ${clusterName}`,
      );
    }
    const plan = onboardingPlan({
      namespace,
      owner,
      mesh: body.mesh,
      size,
      networkPolicy: body.networkPolicy,
      ...(body.tlsSecretName ? { tlsSecretName: body.tlsSecretName } : {}),
      port,
      config,
    });

    const apply = async (dry: boolean): Promise<OnboardObject[]> => {
      const objects: OnboardObject[] = [];
      const namespaceExists = !!(await readOrUndefined(raw, plan[0]));
      for (const o of plan) {
        const before = await readOrUndefined(raw, o);
        // A dry run cannot place objects in a namespace that does not exist yet.
        const after =
          dry && !namespaceExists && o.metadata.namespace
            ? o
            : await raw
                .patch(
                  o as KubernetesObject,
                  undefined,
                  dry ? 'All' : undefined,
                  ONBOARDING_FIELD_MANAGER,
                  true,
                  PatchStrategy.ServerSideApply,
                )
                .catch(e => {
                  throw toBackstageError(e, `${o.kind} ${o.metadata.name}`);
                });
        objects.push(describe(o, before, after));
      }
      for (const ref of traefikObjects(config)) {
        const edited = await replaceEdited(
          raw,
          ref,
          o => withTraefikEntryPoint(o, namespace, port),
          dry,
        );
        if (edited) {
          objects.push(describe(edited.wanted, edited.before, edited.after));
        }
      }
      return objects;
    };

    const respond = (objects: OnboardObject[]): OnboardResponse => ({
      cluster: clusterName,
      namespace,
      dryRun,
      port,
      objects,
    });
    if (dryRun) return respond(await apply(true));
    return respond(
      await this.deps.audit.run(
        { ...event, parameters: { ...parameters, port } },
        caller.request,
        () => apply(false),
        objects =>
          objects
            .filter(o => o.action !== 'unchanged')
            .map(o => `${o.action} ${o.kind} ${o.namespace ?? ''}/${o.name}`)
            .join('\n') || 'nothing changed',
      ),
    );
  }
}

/**
 * Offboarding, the reverse of onboarding: removes the Gateway, quota, limits and
 * NetworkPolicy onboarding made, the namespace's Traefik entryPoint and its port, and the
 * ownership labels; deletes the Namespace itself only when asked. The caller repeats the
 * namespace's name as confirmation. Audited like onboarding.
 */
export async function offboardNamespace(
  deps: Deps,
  clusterName: string,
  namespace: string,
  body: OffboardRequest,
  caller: { credentials: BackstageCredentials; request?: Request },
): Promise<OnboardResponse> {
  const { dryRun, ...parameters } = body;
  const event = await authorize(
    deps,
    'namespace-offboard',
    { clusterName, namespace, parameters },
    caller,
  );
  if (body.confirm !== namespace) {
    throw new InputError(
      `Confirm by repeating the namespace's name: '${body.confirm}' is not '${namespace}'`,
    );
  }
  const config = requireConfig(deps);
  const raw = deps.clusters.clients(deps.clusters.usable(clusterName).name).raw;
  const port = await deps.ports.portOf(clusterName, namespace);
  const owned: KubeObject[] = [
    {
      apiVersion: GATEWAY.apiVersion,
      kind: 'Gateway',
      metadata: { name: `${namespace}${GATEWAY_SUFFIX}`, namespace },
    },
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: QUOTA_NAME, namespace },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: LIMITS_NAME, namespace },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: NETWORK_POLICY_NAME, namespace },
    },
  ];
  const remove = async (dry: boolean): Promise<OnboardObject[]> => {
    const objects: OnboardObject[] = [];
    const nsObject: KubeObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    };
    for (const o of body.deleteNamespace ? [] : owned) {
      const before = await readOrUndefined(raw, o);
      if (!before) continue;
      if (!dry) {
        await raw.delete(before).catch(e => {
          if ((e as { code?: number }).code !== 404) {
            throw toBackstageError(e, `${o.kind} ${o.metadata.name}`);
          }
        });
      }
      objects.push({ ...describe(o, before, undefined), action: 'delete' });
    }
    for (const ref of traefikObjects(config)) {
      const edited = await replaceEdited(
        raw,
        ref,
        o => withoutTraefikEntryPoint(o, namespace, port),
        dry,
      );
      if (edited?.changed) {
        objects.push(describe(edited.wanted, edited.before, edited.after));
      }
    }
    // Cluster-scoped: it outlives the namespace unless removed.
    if (!config.gatewayClass.shared) {
      const gatewayClass: KubeObject = {
        apiVersion: GATEWAY.apiVersion,
        kind: 'GatewayClass',
        metadata: { name: gatewayClassOf(namespace) },
      };
      const before = await readOrUndefined(raw, gatewayClass);
      if (before?.metadata?.labels?.['kubemate.io/namespace'] === namespace) {
        if (!dry) {
          await raw.delete(before).catch(e => {
            if ((e as { code?: number }).code !== 404) {
              throw toBackstageError(
                e,
                `GatewayClass ${gatewayClassOf(namespace)}`,
              );
            }
          });
        }
        objects.push({
          ...describe(gatewayClass, before, undefined),
          action: 'delete',
        });
      }
    }
    if (body.deleteNamespace) {
      const before = await readOrUndefined(raw, nsObject);
      if (before) {
        if (!dry) await raw.delete(before);
        objects.push({
          ...describe(nsObject, before, undefined),
          action: 'delete',
        });
      }
    } else {
      // The namespace stays; it no longer says it is onboarded or whose it is.
      const edited = await replaceEdited(raw, nsObject, withoutOwnership, dry);
      if (edited?.changed) {
        objects.push(describe(nsObject, edited.before, edited.after));
      }
    }
    if (!dry) await deps.ports.release(clusterName, namespace);
    return objects;
  };
  const respond = (objects: OnboardObject[]): OnboardResponse => ({
    cluster: clusterName,
    namespace,
    dryRun,
    port: port ?? 0,
    objects,
  });
  if (dryRun) return respond(await remove(true));
  return respond(
    await deps.audit.run(
      event,
      caller.request,
      () => remove(false),
      objects =>
        objects
          .map(o => `${o.action} ${o.kind} ${o.namespace ?? ''}/${o.name}`)
          .join('\n') || 'nothing to remove',
    ),
  );
}

type Deps = ConstructorParameters<typeof NamespaceOnboarding>[0];

/** The audit event of an onboarding operation, after its permission check (refusals audited). */
async function authorize(
  deps: Deps,
  operation: 'namespace-onboard' | 'namespace-offboard',
  target: {
    clusterName: string;
    namespace: string;
    parameters: Record<string, unknown>;
  },
  caller: { credentials: BackstageCredentials; request?: Request },
) {
  const event = {
    actor: actorOf(caller.credentials),
    operation,
    cluster: target.clusterName,
    namespace: target.namespace,
    kind: 'Namespace',
    name: target.namespace,
    parameters: target.parameters,
  };
  await requirePermission(
    deps.permissions,
    caller.credentials,
    { permission: kubemateNamespaceOnboardPermission },
    error => deps.audit.denied(event, error, caller.request),
  );
  return event;
}

function requireConfig(deps: Deps): OnboardingConfig {
  if (!deps.config) {
    throw new ServiceUnavailableError(
      'Namespace onboarding is not configured (kubemate.onboarding in app-config)',
    );
  }
  return deps.config;
}

/**
 * Reads an object, edits it and replaces it when the edit changed it; again when someone wrote
 * in between (409): the Deployment controller updates its status all the time. Undefined when
 * the object does not exist.
 */
async function replaceEdited(
  raw: RawObjectApi,
  ref: KubeObject,
  edit: (current: KubeObject) => KubeObject,
  dry: boolean,
): Promise<
  | { wanted: KubeObject; before: KubeObject; after: object; changed: boolean }
  | undefined
> {
  for (let attempt = 1; ; attempt++) {
    const before = (await readOrUndefined(raw, ref)) as KubeObject | undefined;
    if (!before) return undefined;
    const wanted = edit(before);
    if (comparableYaml(before) === comparableYaml(wanted)) {
      return { wanted, before, after: before, changed: false };
    }
    try {
      const after = await raw.replaceStrict(wanted as KubernetesObject, {
        dryRun: dry,
        fieldManager: ONBOARDING_FIELD_MANAGER,
      });
      return { wanted, before, after, changed: true };
    } catch (e) {
      if ((e as { code?: number }).code === 409 && attempt < 5) continue;
      throw toBackstageError(e, `${wanted.kind} ${wanted.metadata.name}`);
    }
  }
}

/** A Namespace (a copy) without the onboarded label and the owner label and annotation. */
function withoutOwnership(namespace: KubeObject): KubeObject {
  const labels = { ...(namespace.metadata.labels ?? {}) };
  const annotations = { ...(namespace.metadata.annotations ?? {}) };
  delete labels['kubemate.io/onboarded'];
  delete labels['kubemate.io/owner'];
  delete annotations['kubemate.io/owner'];
  return {
    ...namespace,
    metadata: { ...namespace.metadata, labels, annotations },
  };
}

function describe(
  wanted: KubeObject,
  before: object | undefined,
  after: object | undefined,
): OnboardObject {
  const a = comparableYaml(before);
  const b = comparableYaml(after);
  let action: OnboardObject['action'] = 'change';
  if (!before) action = 'create';
  else if (a === b) action = 'unchanged';
  return {
    apiVersion: wanted.apiVersion,
    kind: wanted.kind,
    ...(wanted.metadata.namespace
      ? { namespace: wanted.metadata.namespace }
      : {}),
    name: wanted.metadata.name,
    action,
    diff: unifiedDiff(a, b),
  };
}

function withoutNamespace<T extends { namespace: string }>(
  o: T,
): Omit<T, 'namespace'> {
  const { namespace: _namespace, ...rest } = o;
  return rest;
}
