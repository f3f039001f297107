import { createPermission } from '@backstage/plugin-permission-common';

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

/** Every inspection permission, to register with the permissions registry. */
export const kubemateInspectionPermissions = [
  kubemateInspectionReadPermission,
  kubemateInspectionRunPermission,
  kubemateInspectionIngestPermission,
  kubemateRiskIgnorePermission,
];
