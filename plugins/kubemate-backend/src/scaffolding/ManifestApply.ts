import type {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  imageRefusal,
  kubemateNamespaceApplyPermission,
  manifestImages,
  type AppliedObject,
  type ApplyManifestsRequest,
  type ApplyManifestsResponse,
  type ImageSource,
} from '@kubemate/plugin-kubemate-common';
import type { Request } from 'express';
import { manifestFindings } from '../admin/manifestFindings';
import { kindOf } from '../admin/rawObjects';
import type { AuditTrail } from '../audit/AuditTrail';
import type { AuditIntent } from '../audit/AuditLogStore';
import { actorOf } from '../auth/actorOf';
import { requirePermission } from '../auth/requirePermission';
import type { ClusterService } from '../clusters/ClusterService';
import { comparableYaml } from '../kube/comparableYaml';
import { readOrUndefined } from '../kube/readOrUndefined';
import { NamespaceTenancy } from '../tenancy/NamespaceTenancy';
import { toBackstageError } from '../workloads/operations/kubeErrors';
import { unifiedDiff } from '../workloads/yaml/lineDiff';
import { relatedEvents, ROLLOUT_KINDS, waitForRollout } from './rollout';

/** Server-side apply field manager of what templates create. */
export const SCAFFOLDING_FIELD_MANAGER = 'kubemate-scaffolder';
export const APPLY_OPERATION = 'namespace-apply';

export interface ApplyCaller {
  credentials: BackstageCredentials;
  request?: Request;
}

/**
 * Applies a template's rendered manifests to a namespace the caller's groups own or share
 * (namespace tenancy, the same rule as the Workloads tab), after the inspection rules ran on
 * them. When `kubemate.images` lists approved images, a container image outside the list is
 * refused before anything is applied (dry run included). The real run is audited as one operation; refusals (permission, tenancy, a blocking
 * finding) are audited too. Then waits for the workloads' rollout and, when it does not finish
 * in time, reports their warning events.
 */
export class ManifestApply {
  constructor(
    private readonly deps: {
      clusters: ClusterService;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      audit: AuditTrail;
      tenancy: NamespaceTenancy;
      /** `kubemate.images`: the only images templates may run; any image when empty. */
      images?: readonly ImageSource[];
      /** Between rollout polls (tests shorten it). */
      pollMs?: number;
      /** Probes an apply needs to pass first (`kubemate.probes.gates.apply`); 409 otherwise. */
      gate?: (
        event: Omit<AuditIntent, 'at'>,
        request?: Request,
      ) => Promise<void>;
    },
  ) {}

  async apply(
    clusterName: string,
    namespace: string,
    body: ApplyManifestsRequest,
    caller: ApplyCaller,
  ): Promise<ApplyManifestsResponse> {
    const { dryRun } = body;
    const event = {
      actor: actorOf(caller.credentials),
      operation: APPLY_OPERATION,
      cluster: clusterName,
      namespace,
      kind: 'Namespace',
      name: namespace,
      parameters: {
        objects: body.manifests.map(
          m => `${m.kind} ${m.metadata.name}` as string,
        ),
      },
    };
    const refuse = async (error: Error): Promise<never> => {
      await this.deps.audit.denied(event, error, caller.request);
      throw error;
    };
    await requirePermission(
      this.deps.permissions,
      caller.credentials,
      { permission: kubemateNamespaceApplyPermission },
      error => this.deps.audit.denied(event, error, caller.request),
    );
    const cluster = this.deps.clusters.usable(clusterName).name;
    const raw = this.deps.clusters.clients(cluster).raw;

    const nsObject = await readOrUndefined(raw, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
    const tenants = this.deps.tenancy.tenantsOf(cluster, namespace, nsObject);
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
      caller.credentials,
    );
    const mine = ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US'));
    if (!mine.some(ref => NamespaceTenancy.admits(tenants, ref))) {
      await refuse(
        new NotAllowedError(
          tenants.owner
            ? `Namespace ${namespace} of cluster ${cluster} belongs to ${tenants.owner} and is not shared with any of your groups`
            : `Namespace ${namespace} of cluster ${cluster} has no owner; onboard it for your group first`,
        ),
      );
    }
    if (!nsObject) {
      throw new NotFoundError(
        `Namespace ${namespace} does not exist in cluster ${cluster}; onboard it first`,
      );
    }

    // Every object goes to the namespace of the path; anything else is refused up front.
    const objects: KubernetesObject[] = [];
    for (const [i, m] of body.manifests.entries()) {
      const what = `manifests[${i}] (${m.kind} ${m.metadata.name})`;
      if (m.metadata.namespace && m.metadata.namespace !== namespace) {
        await refuse(
          new InputError(
            `${what} is for namespace ${m.metadata.namespace}, not ${namespace}`,
          ),
        );
      }
      const info = await kindOf(raw, m.apiVersion, m.kind).catch(e => {
        throw toBackstageError(e, `discovery of ${m.apiVersion}`);
      });
      if (!info) {
        throw new InputError(
          `${what}: the cluster does not serve kind ${m.kind} in ${m.apiVersion}`,
        );
      }
      if (!info.namespaced) {
        await refuse(
          new InputError(
            `${what}: ${m.kind} is not namespaced; templates may only create objects in their namespace`,
          ),
        );
      }
      await this.checkImages(m, what, refuse);
      objects.push({
        ...m,
        metadata: { ...m.metadata, namespace },
      } as KubernetesObject);
    }

    let findings: ApplyManifestsResponse['findings'] = [];
    let inspectionError: string | undefined;
    try {
      findings = manifestFindings(
        objects.map((object, index) => ({ index, object })),
        { namespace, cluster },
      ).filter(f => f.severity === 'high');
    } catch (e) {
      inspectionError = `The manifests could not be inspected: ${
        (e as Error).message
      }`;
    }
    const skipped = (message: string) => ({
      status: 'skipped' as const,
      message,
      workloads: [],
      events: [],
    });
    const answer = {
      cluster,
      namespace,
      dryRun,
      findings,
      ...(inspectionError ? { inspectionError } : {}),
    };
    if (body.failOnHighFindings && (findings.length > 0 || inspectionError)) {
      const reason = inspectionError
        ? inspectionError
        : `${findings.length} high-severity finding(s): ${[
            ...new Set(findings.map(f => f.ruleId)),
          ].join(', ')}`;
      if (!dryRun) {
        await this.deps.audit.denied(
          event,
          new NotAllowedError(`Apply blocked by inspection: ${reason}`),
          caller.request,
        );
      }
      return {
        ...answer,
        blocked: true,
        objects: [],
        rollout: skipped(`Blocked by inspection: ${reason}`),
      };
    }

    const applyAll = async (dry: boolean): Promise<AppliedObject[]> => {
      const out: AppliedObject[] = [];
      for (const o of objects) {
        const what = `${o.kind} ${o.metadata?.name}`;
        const before = await readOrUndefined(raw, o as never);
        const after = await raw
          .applyServerSide(o, {
            fieldManager: SCAFFOLDING_FIELD_MANAGER,
            dryRun: dry,
          })
          .catch(e => {
            throw toBackstageError(e, what);
          });
        out.push(describe(o, before, after));
      }
      return out;
    };
    // A dry run changes nothing: it is not held to the probes.
    if (!dryRun) await this.deps.gate?.(event, caller.request);
    if (dryRun) {
      return {
        ...answer,
        blocked: false,
        objects: await applyAll(true),
        rollout: skipped('Dry run: nothing was applied'),
      };
    }
    const applied = await this.deps.audit.run(
      event,
      caller.request,
      () => applyAll(false),
      list =>
        list
          .filter(o => o.action !== 'unchanged')
          .map(o => `${o.action} ${o.kind} ${namespace}/${o.name}`)
          .join('\n') || 'nothing changed',
    );
    const workloads = objects.filter(o => ROLLOUT_KINDS.has(o.kind ?? ''));
    if (workloads.length === 0 || body.rolloutTimeoutSeconds === 0) {
      return {
        ...answer,
        blocked: false,
        objects: applied,
        rollout: skipped(
          workloads.length === 0
            ? 'No Deployment or StatefulSet to wait for'
            : 'Not waiting for the rollout',
        ),
      };
    }
    const timeoutMs = body.rolloutTimeoutSeconds * 1000;
    const waited = await waitForRollout(
      raw,
      workloads,
      timeoutMs,
      this.deps.pollMs,
    ).catch(e => {
      throw toBackstageError(e, 'rollout status');
    });
    if (waited.done) {
      return {
        ...answer,
        blocked: false,
        objects: applied,
        rollout: {
          status: 'succeeded',
          message: `Rolled out: ${waited.workloads
            .map(w => `${w.kind} ${w.name} ${w.ready}/${w.desired} ready`)
            .join(', ')}`,
          workloads: waited.workloads,
          events: [],
        },
      };
    }
    // Read again: the uids of objects the apply created are needed to find their ReplicaSets.
    const current = (
      await Promise.all(workloads.map(w => readOrUndefined(raw, w as never)))
    ).filter((w): w is KubernetesObject => !!w);
    return {
      ...answer,
      blocked: false,
      objects: applied,
      rollout: {
        status: 'failed',
        message: `Not rolled out within ${
          body.rolloutTimeoutSeconds
        } s: ${waited.workloads
          .filter(w => !w.done)
          .map(
            w =>
              `${w.kind} ${w.name} ${w.ready}/${w.desired} ready, ${w.updated} updated`,
          )
          .join('; ')}`,
        workloads: waited.workloads,
        events: await relatedEvents(raw, namespace, current).catch(e => {
          throw toBackstageError(e, 'events');
        }),
      },
    };
  }

  /** Refuses (audited) a container image outside `kubemate.images`, naming it and the list. */
  private async checkImages(
    manifest: object,
    what: string,
    refuse: (error: Error) => Promise<never>,
  ) {
    const images = this.deps.images ?? [];
    if (images.length === 0) return;
    for (const c of manifestImages(manifest)) {
      const reason = imageRefusal(images, c.image);
      if (reason) {
        await refuse(
          new InputError(
            `${what}, container ${c.container || '(unnamed)'}: image ${
              c.image || '(none)'
            } is refused: ${reason}. Approved: ${approvedList(images)}`,
          ),
        );
      }
    }
  }
}

/** The approved images for an error message: the first ten, and how many more. */
function approvedList(images: readonly ImageSource[]): string {
  const names = images
    .slice(0, 10)
    .map(
      i =>
        `${i.registry}/${i.repository}${
          i.tags ? ` (${i.tags.join(', ')})` : ''
        }`,
    );
  return `${names.join('; ')}${
    images.length > 10 ? `; and ${images.length - 10} more` : ''
  }`;
}

function describe(
  wanted: KubernetesObject,
  before: object | undefined,
  after: object | undefined,
): AppliedObject {
  const a = comparableYaml(before);
  const b = comparableYaml(after);
  let action: AppliedObject['action'] = 'change';
  if (!before) action = 'create';
  else if (a === b) action = 'unchanged';
  return {
    apiVersion: wanted.apiVersion ?? '',
    kind: wanted.kind ?? '',
    ...(wanted.metadata?.namespace
      ? { namespace: wanted.metadata.namespace }
      : {}),
    name: wanted.metadata?.name ?? '',
    action,
    diff: unifiedDiff(a, b),
  };
}
