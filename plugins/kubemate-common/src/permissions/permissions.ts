import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Workload permissions are resource permissions on the catalog entity the workloads belong to,
 * so a policy can say "owners of the entity may scale it" with the catalog's conditions.
 */
export const CATALOG_ENTITY_RESOURCE_TYPE = 'catalog-entity';

/** See the configured clusters and whether they answer. */
export const kubemateClusterReadPermission = createPermission({
  name: 'kubemate.cluster.read',
  attributes: { action: 'read' },
});

const entityPermission = (
  name: string,
  action: 'read' | 'update' | 'delete' | 'create',
) =>
  createPermission({
    name: `kubemate.workload.${name}`,
    attributes: { action },
    resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
  });

/** List and inspect an entity's workloads, events and rollout history. */
export const kubemateWorkloadReadPermission = entityPermission('read', 'read');
/** Change replica counts. */
export const kubemateWorkloadScalePermission = entityPermission(
  'scale',
  'update',
);
/** Rolling restart (restartedAt annotation). */
export const kubemateWorkloadRestartPermission = entityPermission(
  'restart',
  'update',
);
/** Roll back to an earlier revision; pause and resume rollouts. */
export const kubemateWorkloadRollbackPermission = entityPermission(
  'rollback',
  'update',
);
/** Delete a pod so its controller replaces it. */
export const kubemateWorkloadDeletePodPermission = entityPermission(
  'delete-pod',
  'delete',
);
/** Read and follow container logs. */
export const kubemateWorkloadLogsPermission = entityPermission('logs', 'read');
/** See Secret values rather than only their keys. */
export const kubemateWorkloadSecretReadPermission = entityPermission(
  'secret.read',
  'read',
);
/** Edit and apply YAML (server-side dry-run diff first). */
export const kubemateWorkloadYamlApplyPermission = entityPermission(
  'yaml.apply',
  'update',
);
/** Run a CronJob now. */
export const kubemateWorkloadTriggerPermission = entityPermission(
  'trigger',
  'create',
);

/** Edit a ConfigMap's keys and values, and restore an earlier version from its history. */
export const kubemateWorkloadConfigMapUpdatePermission = entityPermission(
  'configmap.update',
  'update',
);
/** Edit a Secret's keys and values (reading them needs `kubemate.workload.secret.read` too). */
export const kubemateWorkloadSecretUpdatePermission = entityPermission(
  'secret.update',
  'update',
);
/** Create and edit HorizontalPodAutoscalers (min, max, utilisation targets). */
export const kubemateWorkloadHpaUpdatePermission = entityPermission(
  'hpa.update',
  'update',
);
/** Suspend and resume a CronJob, change its schedule. */
export const kubemateWorkloadCronJobUpdatePermission = entityPermission(
  'cronjob.update',
  'update',
);

/** Read the audit log of the operations on this entity's workloads (e.g. for its owners). */
export const kubemateWorkloadAuditReadPermission = entityPermission(
  'audit.read',
  'read',
);

/** Read an entity's HTTPRoutes and Traefik IngressRoutes (the Routes tab). */
export const kubemateRouteReadPermission = createPermission({
  name: 'kubemate.route.read',
  attributes: { action: 'read' },
  resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
});

/** Create an HTTPRoute for the entity (the form, the IngressRoute migration). */
export const kubemateRouteCreatePermission = createPermission({
  name: 'kubemate.route.create',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
});

/** Change one of the entity's HTTPRoutes. */
export const kubemateRouteUpdatePermission = createPermission({
  name: 'kubemate.route.update',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
});

/** Delete one of the entity's HTTPRoutes or IngressRoutes (e.g. after a migration). */
export const kubemateRouteDeletePermission = createPermission({
  name: 'kubemate.route.delete',
  attributes: { action: 'delete' },
  resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
});

/** Onboard (create or reconcile) and offboard namespaces: platform admins. */
export const kubemateNamespaceOnboardPermission = createPermission({
  name: 'kubemate.namespace.onboard',
  attributes: { action: 'create' },
});

/**
 * Apply manifests (server-side) to a namespace one of the caller's groups owns or shares, as
 * templates do; tenancy, not the permission, decides which namespaces.
 */
export const kubemateNamespaceApplyPermission = createPermission({
  name: 'kubemate.namespace.apply',
  attributes: { action: 'update' },
});

/** The admin console: nodes of every cluster, cluster-wide events (platform admins). */
export const kubemateAdminReadPermission = createPermission({
  name: 'kubemate.admin.read',
  attributes: { action: 'read' },
});

/** Apply multi-document YAML to any namespace from the admin console (platform admins). */
export const kubemateAdminApplyPermission = createPermission({
  name: 'kubemate.admin.apply',
  attributes: { action: 'update' },
});

/** Read the audit log of Kubemate operations. */
export const kubemateAuditReadPermission = createPermission({
  name: 'kubemate.audit.read',
  attributes: { action: 'read' },
});

/** Read inspection runs, findings, reports, rules and profiles. */
export const kubemateInspectionReadPermission = createPermission({
  name: 'kubemate.inspection.read',
  attributes: { action: 'read' },
});

/** Start a manual inspection run. */
export const kubemateInspectionRunPermission = createPermission({
  name: 'kubemate.inspection.run',
  attributes: { action: 'create' },
});

/** Post external reports (Ansible, generic JSON) to the ingestion API. */
export const kubemateInspectionIngestPermission = createPermission({
  name: 'kubemate.inspection.ingest',
  attributes: { action: 'create' },
});

/** Ignore (accept / mark false positive) and unignore a risk item. */
export const kubemateRiskIgnorePermission = createPermission({
  name: 'kubemate.risk.ignore',
  attributes: { action: 'update' },
});

/** Every inspection permission. */
export const kubemateInspectionPermissions = [
  kubemateInspectionReadPermission,
  kubemateInspectionRunPermission,
  kubemateInspectionIngestPermission,
  kubemateRiskIgnorePermission,
];

const releasePermission = (
  name: string,
  action: 'read' | 'update' | 'create',
) =>
  createPermission({
    name: `kubemate.release.${name}`,
    attributes: { action },
    resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
  });

/** See the entity's releases (progressive delivery), their timelines and metrics. */
export const kubemateReleaseReadPermission = releasePermission('read', 'read');
/** Start a gray or canary release of the entity. */
export const kubemateReleaseCreatePermission = releasePermission(
  'create',
  'create',
);
/** Pause, resume and set the weight of a running release. */
export const kubemateReleaseStepPermission = releasePermission(
  'step',
  'update',
);
/** Promote a release: the canary becomes the stable version. */
export const kubemateReleasePromotePermission = releasePermission(
  'promote',
  'update',
);
/** Abort a release: all traffic back to stable, canary scaled to 0. */
export const kubemateReleaseAbortPermission = releasePermission(
  'abort',
  'update',
);

/** Every release permission. */
export const kubemateReleasePermissions = [
  kubemateReleaseReadPermission,
  kubemateReleaseCreatePermission,
  kubemateReleaseStepPermission,
  kubemateReleasePromotePermission,
  kubemateReleaseAbortPermission,
];

/** See black-box probes, their runs, step latencies and root-cause hints. */
export const kubemateProbeReadPermission = createPermission({
  name: 'kubemate.probe.read',
  attributes: { action: 'read' },
});

/** Run a probe now (a manual run), beside its schedule. */
export const kubemateProbeRunPermission = createPermission({
  name: 'kubemate.probe.run',
  attributes: { action: 'create' },
});

/** Manage probes: reload their definitions and report the results of custom probes. */
export const kubemateProbeManagePermission = createPermission({
  name: 'kubemate.probe.manage',
  attributes: { action: 'update' },
});

/** Every probe permission. */
export const kubemateProbePermissions = [
  kubemateProbeReadPermission,
  kubemateProbeRunPermission,
  kubemateProbeManagePermission,
];

/** Every permission Kubemate defines, for registration with the permission framework. */
export const kubematePermissions = [
  kubemateClusterReadPermission,
  kubemateWorkloadReadPermission,
  kubemateWorkloadScalePermission,
  kubemateWorkloadRestartPermission,
  kubemateWorkloadRollbackPermission,
  kubemateWorkloadDeletePodPermission,
  kubemateWorkloadLogsPermission,
  kubemateWorkloadSecretReadPermission,
  kubemateWorkloadYamlApplyPermission,
  kubemateWorkloadTriggerPermission,
  kubemateWorkloadConfigMapUpdatePermission,
  kubemateWorkloadSecretUpdatePermission,
  kubemateWorkloadHpaUpdatePermission,
  kubemateWorkloadCronJobUpdatePermission,
  kubemateWorkloadAuditReadPermission,
  kubemateRouteReadPermission,
  kubemateRouteCreatePermission,
  kubemateRouteUpdatePermission,
  kubemateRouteDeletePermission,
  kubemateNamespaceOnboardPermission,
  kubemateNamespaceApplyPermission,
  kubemateAdminReadPermission,
  kubemateAdminApplyPermission,
  kubemateAuditReadPermission,
  ...kubemateInspectionPermissions,
  ...kubemateReleasePermissions,
  ...kubemateProbePermissions,
];
