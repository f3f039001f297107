import type { PermissionsService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  kubemateWorkloadAuditReadPermission,
  kubemateWorkloadConfigMapUpdatePermission,
  kubemateWorkloadSecretReadPermission,
  kubemateWorkloadSecretUpdatePermission,
  type ConfigDataApplyResponse,
  type ConfigDataEditRequest,
  type ConfigDataHistoryEntry,
  type ConfigDataPreviewResponse,
  type ConfigDataTarget,
  type SecretRevealRequest,
  type SecretRevealResponse,
} from '@kubemate/plugin-kubemate-common';
import type { AuditTrail } from '../../audit/AuditTrail';
import type { AuditLogStore, AuditRecord } from '../../audit/AuditLogStore';
import { requirePermission } from '../../auth/requirePermission';
import type { ClusterService } from '../../clusters/ClusterService';
import {
  SECRET_READ_OPERATION,
  secretVersionOf,
} from '../../security/SecretReadAudit';
import type { EntityWorkloadsService } from '../EntityWorkloadsService';
import { FIELD_MANAGER } from '../operations/kubeClients';
import { toBackstageError } from '../operations/kubeErrors';
import type { Caller } from '../operations/WorkloadOperations';
import { auditYaml } from '../yaml/editedYaml';
import { unifiedDiff } from '../yaml/lineDiff';
import { versionsOf, historyEntryOf, HISTORY_LIMIT } from './history';
import {
  applyChanges,
  dataMapsOf,
  dataView,
  keyChanges,
  withDataMaps,
  type DataMaps,
} from './keyEdits';

export const CONFIG_DATA_EDIT_OPERATION = 'configdata-edit';
export const CONFIG_DATA_RESTORE_OPERATION = 'configdata-restore';

const plural = { ConfigMap: 'configmaps', Secret: 'secrets' } as const;

type Edited = {
  maps: DataMaps;
  before: DataMaps;
  current: KubernetesObject;
  object: KubernetesObject;
};

/**
 * Edits of a ConfigMap's or Secret's keys, their history from the audit log, restores of a
 * ConfigMap version, and reveals of one Secret value. Each is checked (permission, the object
 * is the entity's, the version the user saw is current) and each mutation, reveal and refusal
 * is audited — with key names, never a Secret's values.
 */
export class ConfigDataOperations {
  constructor(
    private readonly deps: {
      clusters: ClusterService;
      workloads: EntityWorkloadsService;
      permissions: PermissionsService;
      audit: AuditTrail;
      auditLog: AuditLogStore;
    },
  ) {}

  async preview(
    caller: Caller,
    body: ConfigDataEditRequest,
  ): Promise<ConfigDataPreviewResponse> {
    const { event } = await this.authorize(caller, body, true);
    const edited = await this.edit(caller, body, event);
    // The API server validates the edit (key names, immutable ConfigMaps) without storing it.
    await this.replace(body, edited.object, true);
    const keys = keyChanges(edited.before, edited.maps, body.changes);
    const before = dataView(body.kind, edited.before);
    const after = dataView(body.kind, edited.maps, new Set(keys.changed));
    return {
      before,
      after,
      diff: unifiedDiff(before, after),
      keys,
      resourceVersion: body.resourceVersion,
    };
  }

  async apply(
    caller: Caller,
    body: ConfigDataEditRequest,
  ): Promise<ConfigDataApplyResponse> {
    const { event } = await this.authorize(caller, body, false);
    const edited = await this.edit(caller, body, event);
    const keys = keyChanges(edited.before, edited.maps, body.changes);
    if (
      keys.added.length + keys.removed.length + keys.changed.length === 0 &&
      keys.renamed.length === 0
    ) {
      throw new InputError(
        `The edit changes nothing in ${this.describe(body)}`,
      );
    }
    const stored = await this.deps.audit.run(
      {
        ...event,
        parameters: { ...event.parameters, keys },
        beforeYaml: auditYaml(edited.current),
      },
      caller.request,
      () => this.replace(body, edited.object, false),
      auditYaml,
    );
    return { keys, resourceVersion: stored.metadata?.resourceVersion ?? '' };
  }

  /** The object's audited changes, newest first (the log of every entity that edited it). */
  async history(
    caller: Caller,
    target: ConfigDataTarget,
  ): Promise<ConfigDataHistoryEntry[]> {
    await requirePermission(this.deps.permissions, caller.credentials, {
      permission: kubemateWorkloadAuditReadPermission,
      resourceRef: caller.entityRef,
    });
    await this.owned(caller, target);
    return (await this.records(target))
      .map(r => historyEntryOf(target.kind, r))
      .filter((e): e is ConfigDataHistoryEntry => e !== undefined);
  }

  /** One Secret value, on record with its key before it is served; refusals on record too. */
  async reveal(
    caller: Caller,
    request: SecretRevealRequest,
  ): Promise<SecretRevealResponse> {
    const target = { ...request, kind: 'Secret' as const };
    const event = {
      actor: caller.actor,
      entityRef: caller.entityRef,
      cluster: target.cluster,
      namespace: target.namespace,
      kind: 'Secret',
      name: target.name,
      operation: SECRET_READ_OPERATION,
      parameters: { via: 'reveal', key: request.key },
    };
    await requirePermission(
      this.deps.permissions,
      caller.credentials,
      {
        permission: kubemateWorkloadSecretReadPermission,
        resourceRef: caller.entityRef,
      },
      error => this.deps.audit.denied(event, error, caller.request),
    );
    const current = await this.current(caller, target, event);
    const value = dataMapsOf(current).data[request.key];
    if (value === undefined) {
      throw new NotFoundError(
        `${this.describe(target)} has no key '${request.key}'`,
      );
    }
    // Fails closed: when the reveal cannot be put on record, the value is not served.
    await this.deps.audit.read(
      {
        ...event,
        parameters: {
          ...event.parameters,
          secrets: [secretVersionOf(target.cluster, current)],
        },
      },
      caller.request,
    );
    const bytes = Buffer.from(value, 'base64');
    let text: string | undefined;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = undefined;
    }
    return {
      key: request.key,
      value: text ?? bytes.toString('base64'),
      encoding: text === undefined ? 'base64' : 'utf-8',
      resourceVersion: current.metadata?.resourceVersion ?? '',
    };
  }

  /** The permissions an edit needs; a refusal is audited. */
  private async authorize(
    caller: Caller,
    body: ConfigDataEditRequest,
    preview: boolean,
  ) {
    const event = {
      actor: caller.actor,
      entityRef: caller.entityRef,
      cluster: body.cluster,
      namespace: body.namespace,
      kind: body.kind,
      name: body.name,
      operation: body.restore
        ? CONFIG_DATA_RESTORE_OPERATION
        : CONFIG_DATA_EDIT_OPERATION,
      parameters: {
        resourceVersion: body.resourceVersion,
        ...(preview ? { preview: true } : {}),
        ...(body.restore ? { restore: body.restore } : {}),
        // Names only: a Secret's new values never reach the audit log.
        ...(body.changes
          ? {
              changes: body.changes.map(c =>
                c.op === 'rename'
                  ? { op: c.op, key: c.key, to: c.to }
                  : { op: c.op, key: c.key },
              ),
            }
          : {}),
      } as Record<string, unknown>,
    };
    const needed =
      body.kind === 'Secret'
        ? [
            kubemateWorkloadSecretReadPermission,
            kubemateWorkloadSecretUpdatePermission,
          ]
        : [kubemateWorkloadConfigMapUpdatePermission];
    for (const permission of needed) {
      await requirePermission(
        this.deps.permissions,
        caller.credentials,
        { permission, resourceRef: caller.entityRef },
        error => this.deps.audit.denied(event, error, caller.request),
      );
    }
    return { event };
  }

  /** The object now, the version the user saw checked (409), and the keys after the edit. */
  private async edit(
    caller: Caller,
    body: ConfigDataEditRequest,
    event: Parameters<AuditTrail['denied']>[0],
  ): Promise<Edited> {
    const current = await this.current(caller, body, event);
    if (current.metadata?.resourceVersion !== body.resourceVersion) {
      const conflict = new ConflictError(
        `${this.describe(body)} changed since you loaded it (resourceVersion ${
          body.resourceVersion
        }, now ${
          current.metadata?.resourceVersion
        }); reload it and make your edit again`,
      );
      await this.deps.audit.denied(event, conflict, caller.request);
      throw conflict;
    }
    const before = dataMapsOf(current);
    const maps = body.restore
      ? await this.restored(body, body.restore)
      : applyChanges(body.kind, before, body.changes ?? []);
    const object = withDataMaps(
      {
        ...current,
        // Conditional on the version the user saw: a change in between is the server's 409.
        metadata: {
          ...current.metadata,
          resourceVersion: body.resourceVersion,
        },
      },
      maps,
    );
    delete (object.metadata as { managedFields?: unknown }).managedFields;
    return { maps, before, current, object };
  }

  /** A ConfigMap version from its history (the object before or after an audited change). */
  private async restored(
    target: ConfigDataTarget,
    restore: NonNullable<ConfigDataEditRequest['restore']>,
  ): Promise<DataMaps> {
    const record = (await this.records(target)).find(
      r => r.id === restore.auditId,
    );
    const version = record && versionsOf(record)[restore.version];
    if (!version) {
      throw new NotFoundError(
        `The history of ${this.describe(target)} has no version ${
          restore.version
        } change ${restore.auditId}`,
      );
    }
    return version;
  }

  private async records(target: ConfigDataTarget): Promise<AuditRecord[]> {
    const { items } = await this.deps.auditLog.list({
      cluster: target.cluster,
      namespace: target.namespace,
      kind: target.kind,
      name: target.name,
      result: 'succeeded',
      limit: HISTORY_LIMIT,
      offset: 0,
    });
    return items;
  }

  /** 404 unless the object is one of the entity's (tenancy: its mapped namespaces only). */
  private async owned(caller: Caller, target: ConfigDataTarget) {
    const objects = await this.deps.workloads.objectsInCluster(
      caller.entityRef,
      caller.credentials,
      target.cluster,
    );
    const found = objects[plural[target.kind]].some(
      o =>
        o.metadata.name === target.name &&
        o.metadata.namespace === target.namespace,
    );
    if (!found) {
      throw new NotFoundError(
        `${this.describe(target)} is not one of ${caller.entityRef}'s objects`,
      );
    }
  }

  /** The object as the API server has it now, if it is the entity's; a refusal is audited. */
  private async current(
    caller: Caller,
    target: ConfigDataTarget,
    event: Parameters<AuditTrail['denied']>[0],
  ): Promise<KubernetesObject> {
    try {
      await this.owned(caller, target);
    } catch (error) {
      if (error instanceof NotFoundError) {
        await this.deps.audit.denied(event, error, caller.request);
      }
      throw error;
    }
    try {
      return await this.deps.clusters.clients(target.cluster).raw.read({
        apiVersion: 'v1',
        kind: target.kind,
        metadata: { name: target.name, namespace: target.namespace },
      });
    } catch (error) {
      throw toBackstageError(error, this.describe(target));
    }
  }

  private async replace(
    target: ConfigDataTarget,
    object: KubernetesObject,
    dryRun: boolean,
  ): Promise<KubernetesObject> {
    try {
      return await this.deps.clusters
        .clients(target.cluster)
        .raw.replaceStrict(object, { dryRun, fieldManager: FIELD_MANAGER });
    } catch (error) {
      const mapped = toBackstageError(error, this.describe(target));
      if (mapped instanceof ConflictError) {
        throw new ConflictError(
          `${this.describe(
            target,
          )} changed since you loaded it; reload it and make your edit again (${
            mapped.message
          })`,
        );
      }
      throw mapped;
    }
  }

  private describe(t: ConfigDataTarget) {
    return `${t.kind} ${t.namespace}/${t.name} in cluster ${t.cluster}`;
  }
}
