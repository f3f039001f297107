import type {
  KubeObject,
  RolloutRevision,
} from '@kubemate/plugin-kubemate-common';

export type { RolloutRevision };
import { NotFoundError } from '@backstage/errors';
import type { KubeClients } from './kubeClients';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

type Template = {
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: { containers?: Array<{ image?: string }> };
};

const imagesOf = (template?: Template) =>
  (template?.spec?.containers ?? []).map(c => c.image ?? '').filter(Boolean);

/** ReplicaSets a Deployment owns, newest revision first. */
export function deploymentRevisions(
  deployment: KubeObject,
  replicasets: KubeObject[],
): RolloutRevision[] {
  const current = Number(
    deployment.metadata.annotations?.[REVISION_ANNOTATION] ?? 0,
  );
  return replicasets
    .filter(rs =>
      rs.metadata.ownerReferences?.some(o => o.uid === deployment.metadata.uid),
    )
    .map(rs => {
      const revision = Number(
        rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0,
      );
      return {
        revision,
        source: rs.metadata.name,
        images: imagesOf((rs.spec as { template?: Template })?.template),
        createdAt: rs.metadata.creationTimestamp,
        current: revision === current,
        changeCause: rs.metadata.annotations?.['kubernetes.io/change-cause'],
      };
    })
    .sort((a, b) => b.revision - a.revision);
}

interface ControllerRevision {
  metadata?: {
    name?: string;
    creationTimestamp?: Date | string;
    ownerReferences?: Array<{ uid: string }>;
  };
  revision: number;
  data?: { spec?: { template?: Template } };
}

/** ControllerRevisions of a StatefulSet or DaemonSet (read on demand: rarely needed). */
export async function controllerRevisions(
  clients: KubeClients,
  workload: KubeObject,
): Promise<{ revisions: RolloutRevision[]; raw: ControllerRevision[] }> {
  const list = await clients.apps.listNamespacedControllerRevision({
    namespace: workload.metadata.namespace ?? 'default',
  });
  const raw = (list.items as ControllerRevision[])
    .filter(cr =>
      cr.metadata?.ownerReferences?.some(o => o.uid === workload.metadata.uid),
    )
    .sort((a, b) => b.revision - a.revision);
  const status = workload.status as
    | { currentRevision?: string; updateRevision?: string }
    | undefined;
  const currentName =
    status?.updateRevision ?? status?.currentRevision ?? raw[0]?.metadata?.name;
  return {
    raw,
    revisions: raw.map(cr => ({
      revision: cr.revision,
      source: cr.metadata?.name ?? '',
      images: imagesOf(cr.data?.spec?.template),
      createdAt: cr.metadata?.creationTimestamp
        ? new Date(cr.metadata.creationTimestamp).toISOString()
        : undefined,
      current: cr.metadata?.name === currentName,
    })),
  };
}

/**
 * The ReplicaSets a Deployment owns, read from the API server: a rollback must not act on a
 * revision list the watch cache has not caught up with (a ReplicaSet just created or removed).
 */
export async function ownedReplicaSets(
  clients: KubeClients,
  deployment: KubeObject,
): Promise<KubeObject[]> {
  const list = await clients.apps.listNamespacedReplicaSet({
    namespace: deployment.metadata.namespace ?? 'default',
  });
  return (list.items as unknown as KubeObject[]).filter(rs =>
    rs.metadata?.ownerReferences?.some(o => o.uid === deployment.metadata.uid),
  );
}

/** The template of a Deployment revision, ready to patch back (like `kubectl rollout undo`). */
export function deploymentTemplateAt(
  deployment: KubeObject,
  replicasets: KubeObject[],
  revision: number,
): Template {
  const rs = replicasets.find(
    r =>
      r.metadata.ownerReferences?.some(
        o => o.uid === deployment.metadata.uid,
      ) && Number(r.metadata.annotations?.[REVISION_ANNOTATION]) === revision,
  );
  if (!rs) {
    throw new NotFoundError(
      `Deployment ${deployment.metadata.namespace}/${deployment.metadata.name} has no revision ${revision}`,
    );
  }
  const template = structuredClone(
    (rs.spec as { template?: Template }).template ?? {},
  );
  // The hash label belongs to the ReplicaSet, not to the Deployment's template.
  delete template.metadata?.labels?.['pod-template-hash'];
  return template;
}
