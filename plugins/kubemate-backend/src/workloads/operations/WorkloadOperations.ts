import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  kubemateWorkloadLogsPermission,
  WORKLOAD_RESOURCES,
  type KubeObject,
  type WorkloadActionView,
  type WorkloadPlural,
} from '@kubemate/plugin-kubemate-common';
import type { Request } from 'express';
import type { Writable } from 'node:stream';
import { stringify } from 'yaml';
import { requirePermission } from '../../auth/requirePermission';
import type { AuditTrail } from '../../audit/AuditTrail';
import type { EntityWorkloadsService } from '../EntityWorkloadsService';
import { WorkloadActions } from './actions';
import type { ClusterService } from '../../clusters/ClusterService';
import { toBackstageError } from './kubeErrors';
import { streamPodLog } from '../podLogs/streamPodLog';
import { parseOr400 } from '../../service/validation';
import { redactSecret } from '../../security/redactSecret';
import { SecretReadAudit } from '../../security/SecretReadAudit';
import {
  controllerRevisions,
  deploymentRevisions,
  type RolloutRevision,
} from './rollout';

/** The object an operation is about, inside one of the entity's clusters. */
export interface ObjectRef {
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
}

export interface Caller {
  entityRef: string;
  credentials: BackstageCredentials;
  actor: string;
  request?: Request;
}

export interface LogOptions {
  container?: string;
  tailLines?: number;
  sinceSeconds?: number;
  previous?: boolean;
  timestamps?: boolean;
}

const pluralOf = new Map<string, WorkloadPlural>(
  WORKLOAD_RESOURCES.map(r => [r.kind, r.plural]),
);

/** YAML of an object as people read it: without managedFields noise, a Secret's values redacted. */
function readableYaml(o: unknown): string | undefined {
  if (!o || typeof o !== 'object') return undefined;
  const copy = structuredClone(o) as { metadata?: { managedFields?: unknown } };
  delete copy.metadata?.managedFields;
  return stringify(redactSecret(copy));
}

/** What the user saw of the object when they asked for the action (see the contract). */
export type ActionView = WorkloadActionView;

/**
 * How the object differs from what the user saw, or undefined when it does not: by
 * generation when both sides have one (spec changes only), else by resourceVersion.
 */
function staleness(
  view: ActionView,
  metadata: { resourceVersion?: string; generation?: number },
):
  | { field: 'generation' | 'resourceVersion'; seen: string; now: string }
  | undefined {
  if (view.generation !== undefined && metadata.generation !== undefined) {
    return view.generation === metadata.generation
      ? undefined
      : {
          field: 'generation',
          seen: String(view.generation),
          now: String(metadata.generation),
        };
  }
  if (
    view.resourceVersion !== undefined &&
    metadata.resourceVersion !== view.resourceVersion
  ) {
    return {
      field: 'resourceVersion',
      seen: view.resourceVersion,
      now: metadata.resourceVersion ?? 'none',
    };
  }
  return undefined;
}

/** Mutations, logs and rollout history of an entity's workloads: checked, audited, done. */
export class WorkloadOperations {
  private readonly actions: WorkloadActions;
  /** Who was served Secret values (the Workloads answer), on record without flooding it. */
  readonly secretReads: SecretReadAudit;

  constructor(
    private readonly deps: {
      clusters: ClusterService;
      workloads: EntityWorkloadsService;
      permissions: PermissionsService;
      audit: AuditTrail;
      /** Built-in actions when omitted. */
      actions?: WorkloadActions;
    },
  ) {
    this.actions = deps.actions ?? new WorkloadActions();
    this.secretReads = new SecretReadAudit(deps.audit);
  }

  async perform(
    caller: Caller,
    actionName: string,
    ref: ObjectRef,
    rawParams: unknown,
    view: ActionView = {},
  ): Promise<unknown> {
    const action = this.actions.get(actionName);
    if (!action.kinds.includes(ref.kind)) {
      throw new InputError(
        `'${actionName}' applies to ${action.kinds.join(', ')}, not ${
          ref.kind
        }`,
      );
    }
    const params = parseOr400(
      action.params,
      rawParams ?? {},
      `${actionName} parameters`,
      'body',
    );
    const event = {
      actor: caller.actor,
      entityRef: caller.entityRef,
      ...ref,
      operation: actionName,
      parameters: params as Record<string, unknown>,
    };
    await requirePermission(
      this.deps.permissions,
      caller.credentials,
      { permission: action.permission, resourceRef: caller.entityRef },
      error => this.deps.audit.denied(event, error, caller.request),
    );
    const found = await this.find(caller, ref);
    const what = `${ref.kind} ${ref.namespace}/${ref.name} in cluster ${ref.cluster}`;
    // The object as the API server has it now, not as the watch cache last saw it.
    const current = await this.current(ref, found.target, what);
    const stale = staleness(view, current.metadata);
    if (stale) {
      const conflict = new ConflictError(
        `${ref.kind} ${ref.namespace}/${ref.name} changed since you loaded it (${stale.field} ${stale.seen}, now ${stale.now}); reload and try again`,
      );
      await this.deps.audit.denied(
        {
          ...event,
          parameters: { ...event.parameters, ...view },
        },
        conflict,
        caller.request,
      );
      throw conflict;
    }
    // Actions never see Secret values (as before, when the target came from the cache).
    const target = redactSecret(current);
    const result = await this.deps.audit.run(
      { ...event, beforeYaml: readableYaml(current) },
      caller.request,
      () =>
        action
          .run(
            {
              clients: this.clientsFor(ref.cluster),
              target,
              resources: found.resources,
            },
            params,
          )
          .catch(error => {
            throw toBackstageError(error, what);
          }),
      readableYaml,
    );
    // The answer goes to the browser: a Secret an action returns keeps its values here.
    return redactSecret(result);
  }

  /** `cached`, read again from the API server (its resourceVersion is current). */
  private async current(
    ref: ObjectRef,
    cached: KubeObject,
    what: string,
  ): Promise<KubeObject> {
    try {
      return (await this.clientsFor(ref.cluster).raw.read({
        apiVersion: cached.apiVersion,
        kind: ref.kind,
        metadata: { name: ref.name, namespace: ref.namespace },
      })) as KubeObject;
    } catch (error) {
      throw toBackstageError(error, what);
    }
  }

  async history(caller: Caller, ref: ObjectRef): Promise<RolloutRevision[]> {
    const { target, resources } = await this.find(caller, ref);
    switch (target.kind) {
      case 'Deployment':
        return deploymentRevisions(target, resources.replicasets);
      case 'StatefulSet':
      case 'DaemonSet':
        return (await controllerRevisions(this.clientsFor(ref.cluster), target))
          .revisions;
      default:
        throw new InputError(`${target.kind} has no rollout history`);
    }
  }

  /** Writes a pod's log to `out`; with `follow`, keeps streaming until `signal` aborts. */
  async logs(
    caller: Caller,
    ref: ObjectRef,
    options: LogOptions & { follow: boolean },
    out: Writable,
    signal: AbortSignal,
  ): Promise<void> {
    // Reading logs is audited too: logs may hold personal or payment data.
    const event = {
      actor: caller.actor,
      entityRef: caller.entityRef,
      ...ref,
      kind: 'Pod',
      operation: 'logs',
      parameters: Object.fromEntries(
        Object.entries(options).filter(([, v]) => v !== undefined),
      ),
    };
    await requirePermission(
      this.deps.permissions,
      caller.credentials,
      {
        permission: kubemateWorkloadLogsPermission,
        resourceRef: caller.entityRef,
      },
      error => this.deps.audit.denied(event, error, caller.request),
    );
    const { target } = await this.find(caller, { ...ref, kind: 'Pod' });
    const containers = (
      (target.spec as { containers?: Array<{ name: string }> })?.containers ??
      []
    ).map(c => c.name);
    const container =
      options.container ??
      (containers.length === 1 ? containers[0] : undefined);
    if (!container || !containers.includes(container)) {
      throw new InputError(
        `Choose a container of pod ${ref.namespace}/${
          ref.name
        }: ${containers.join(', ')}`,
      );
    }
    const { kubeConfig } = this.deps.clusters.clients(ref.cluster);
    const what = `log of ${ref.namespace}/${ref.name}/${container}`;
    await this.deps.audit.run(
      { ...event, parameters: { ...event.parameters, container } },
      caller.request,
      async () => {
        try {
          // Closed upstream when `signal` aborts, also before the API server answered.
          await streamPodLog(
            kubeConfig,
            {
              namespace: ref.namespace,
              pod: ref.name,
              container,
              follow: options.follow,
              tailLines: options.tailLines,
              sinceSeconds: options.sinceSeconds,
              previous: options.previous,
              timestamps: options.timestamps,
            },
            out,
            signal,
          );
        } catch (error) {
          throw toBackstageError(error, what);
        }
      },
      () => undefined,
    );
  }

  /** The object, only if it belongs to the entity: nobody acts on other teams' objects. */
  private async find(caller: Caller, ref: ObjectRef) {
    const plural = pluralOf.get(ref.kind);
    if (!plural) throw new InputError(`Unsupported kind '${ref.kind}'`);
    const resources = await this.deps.workloads.objectsInCluster(
      caller.entityRef,
      caller.credentials,
      ref.cluster,
    );
    const target = resources[plural].find(
      (o: KubeObject) =>
        o.metadata.name === ref.name && o.metadata.namespace === ref.namespace,
    );
    if (!target) {
      throw new NotFoundError(
        `${ref.kind} ${ref.namespace}/${ref.name} is not a workload of ${caller.entityRef} in cluster ${ref.cluster}`,
      );
    }
    return { target, resources };
  }

  private clientsFor(name: string) {
    return this.deps.clusters.clients(name);
  }
}
