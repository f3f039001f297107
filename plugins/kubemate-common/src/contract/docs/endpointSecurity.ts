import type { KubemateRouteId } from '../routes';

/** How one route is guarded, for the endpoint table of docs/security.md. */
export interface EndpointSecurity {
  /** What the permission is checked on: an entity (resource permission) or nothing (basic). */
  checkedOn: string;
  /** What the audit log records of it. */
  audited: string;
  /** Bounds on its input and its work. */
  limits: string;
}

const ENTITY = 'the entity of the path';
const READ_LIMITS = 'path parts ≤ 253 chars (DNS-1123)';
const PAGE = 'page size 1–500';

/**
 * Every route of the contract, with its guard. A `Record` over the route ids, so a new route
 * does not compile until its row is written.
 */
export const ENDPOINT_SECURITY: Record<KubemateRouteId, EndpointSecurity> = {
  getHealth: {
    checkedOn: '— (unauthenticated liveness)',
    audited: 'no',
    limits: 'no input',
  },
  listClusters: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits:
      'no input; probes time out (`kubemate.clusterStatus.probeTimeoutMs`)',
  },
  getEntityWorkloads: {
    checkedOn: ENTITY,
    audited:
      'Secret values only with `kubemate.workload.secret.read`; serving them is recorded (`secret-read`, once per user, entity and Secret versions, again after 10 min)',
    limits: `${READ_LIMITS}; only namespaces the entity's owner owns or shares; answered from the watch caches`,
  },
  performWorkloadAction: {
    checkedOn: ENTITY,
    audited:
      'intent before, outcome after (object before/after, Secrets redacted); refusals, also of a stale view',
    limits:
      'known actions only (404); parameters validated; the target must be one of the entity’s objects; a `resourceVersion` (≤ 64 chars) other than the current one → 409; Kubernetes calls time out',
  },
  getRolloutHistory: {
    checkedOn: ENTITY,
    audited: 'no (a read)',
    limits: `${READ_LIMITS}; the target must be one of the entity’s objects`,
  },
  streamLogs: {
    checkedOn: ENTITY,
    audited: 'each read (who saw which pod’s log); refusals',
    limits:
      'tailLines ≤ 100,000; sinceSeconds ≤ 1 year; the pod must be one of the entity’s; upstream closed when the client goes away',
  },
  getYaml: {
    checkedOn: ENTITY,
    audited:
      'a Secret’s YAML needs `kubemate.workload.secret.read`; serving it and refusals are recorded (`secret-read`)',
    limits: `${READ_LIMITS}; the target must be one of the entity’s objects`,
  },
  previewYaml: {
    checkedOn: ENTITY,
    audited:
      'refusals (a dry run changes nothing); a Secret’s preview as a read of its values (`secret-read`)',
    limits: 'YAML ≤ 1 MiB; one object, the target itself',
  },
  applyYaml: {
    checkedOn: ENTITY,
    audited:
      'intent before, outcome after (object before/after, Secrets redacted); refusals',
    limits:
      'YAML ≤ 1 MiB; one object, the target itself; stale resourceVersion → 409',
  },
  listAudit: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: `${PAGE}; filters ≤ 255 chars`,
  },
  listEntityAudit: {
    checkedOn: ENTITY,
    audited: 'no (a read)',
    limits: `${PAGE}; filters ≤ 255 chars`,
  },
  listInspectionRules: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: 'no input',
  },
  listInspectionProfiles: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: 'no input',
  },
  listInspectedClusters: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: 'no input',
  },
  startInspectionRun: {
    checkedOn: '— (basic permission)',
    audited: 'intent before, outcome after; refusals',
    limits:
      'one run per cluster across replicas (409); Kubernetes calls time out',
  },
  listInspectionRuns: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: PAGE,
  },
  getInspectionRun: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: 'run id validated',
  },
  getInspectionRunDiff: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: 'run id validated; ≤ 10,000 findings (limit, default 1,000)',
  },
  listFindings: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: `${PAGE}; search ≤ 200 chars`,
  },
  exportFindingsCsv: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: '≤ 50,000 rows; formula-like cells neutralized',
  },
  exportFindingsJson: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: '≤ 50,000 rows',
  },
  exportReportPdf: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: '≤ 50,000 rows',
  },
  getFinding: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: 'fingerprint validated',
  },
  ignoreFinding: {
    checkedOn: '— (basic permission)',
    audited: 'intent before, outcome after; refusals',
    limits: 'comment ≤ 2,000 chars; body ≤ 1 MB',
  },
  unignoreFinding: {
    checkedOn: '— (basic permission)',
    audited: 'intent before, outcome after; refusals',
    limits: 'body ≤ 1 MB',
  },
  getInspectionSummary: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: 'filters validated',
  },
  getInspectionTrend: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: 'days 1–365',
  },
  ingestReport: {
    checkedOn: '— (basic permission; the ingestion token holds only this one)',
    audited: 'the run it creates records who sent it',
    limits: 'body ≤ 20 MB; known formats only; a report stored once',
  },
  getEntityRoutes: {
    checkedOn: ENTITY,
    audited: 'no (a read)',
    limits: `${READ_LIMITS}; only namespaces the entity's owner owns or shares; answered from the watch caches`,
  },
  listNamespaces: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: 'no input; answered from the watch caches',
  },
  onboardNamespace: {
    checkedOn: '— (basic permission; platform admins)',
    audited:
      'intent before, outcome after (each object changed); refusals; not a dry run',
    limits:
      'body validated (owner ≤ 255 chars, a configured size); one port per namespace from the configured range; Kubernetes calls time out',
  },
  offboardNamespace: {
    checkedOn: '— (basic permission; platform admins)',
    audited:
      'intent before, outcome after (each object removed); refusals; not a dry run',
    limits:
      'the namespace name must be repeated as confirmation; Kubernetes calls time out',
  },
  getEntityMesh: {
    checkedOn: ENTITY,
    audited: 'no (a read)',
    limits: `${READ_LIMITS}; Prometheus and Kubernetes calls time out`,
  },
};
