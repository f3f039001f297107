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
      'no (a read); Secret values are never in it, only their sizes (a value is revealed with `revealSecretKey`)',
    limits: `${READ_LIMITS}; only namespaces the entity's owner owns or shares; answered from the watch caches`,
  },
  performWorkloadAction: {
    checkedOn: ENTITY,
    audited:
      'intent before, outcome after (object before/after, Secrets redacted); refusals, also of a stale view',
    limits:
      'known actions only (404); parameters validated; the target must be one of the entity’s objects; a view older than the object’s spec (its `generation`, else its `resourceVersion`, ≤ 64 chars) → 409; Kubernetes calls time out',
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
  getPodMetrics: {
    checkedOn: ENTITY,
    audited: 'no (a read)',
    limits: `${READ_LIMITS}; the pod must be one of the entity’s; the metrics.k8s.io call times out`,
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
      'refusals (a dry run changes nothing); a Secret’s preview shows which keys change, never values (a refusal without kubemate.workload.secret.read is audited)',
    limits: 'YAML ≤ 1 MiB; one object, the target itself',
  },
  applyYaml: {
    checkedOn: ENTITY,
    audited:
      'intent before, outcome after (object before/after, Secrets redacted); refusals',
    limits:
      'YAML ≤ 1 MiB; one object, the target itself; stale resourceVersion → 409',
  },
  previewConfigData: {
    checkedOn: ENTITY,
    audited:
      'refusals (also of a stale view or of another entity’s object), with key names only; a dry run changes nothing',
    limits:
      'ConfigMap or Secret of the entity; ≤ 200 key changes, keys as Kubernetes names them, values and object ≤ 1 MiB; stale resourceVersion → 409; a Secret’s preview shows sizes, never values',
  },
  applyConfigData: {
    checkedOn: ENTITY,
    audited:
      'intent before, outcome after (object before/after, Secrets redacted) with the keys added, removed, changed and renamed; refusals, also of a stale view',
    limits:
      'as previewConfigData; restore only of a ConfigMap version in its last 100 audited changes',
  },
  getConfigDataHistory: {
    checkedOn: ENTITY,
    audited: 'no (a read of the audit log)',
    limits: `${READ_LIMITS}; the target must be one of the entity’s ConfigMaps or Secrets; the last 100 changes`,
  },
  revealSecretKey: {
    checkedOn: ENTITY,
    audited:
      'each reveal before the value is served (`secret-read`, via `reveal`, with the key name, never the value); refusals',
    limits:
      'one key of one of the entity’s Secrets; answered `Cache-Control: no-store`',
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
  previewRoute: {
    checkedOn: ENTITY,
    audited: 'refusals (a dry run changes nothing)',
    limits:
      'JSON body ≤ 100 kB; the CRD limits (16 rules, 16 hostnames, 128 matches…); route confined to the entity’s namespaces and Services; Kubernetes calls time out',
  },
  createRoute: {
    checkedOn: ENTITY,
    audited: 'intent before, outcome after (route YAML); refusals',
    limits: 'as preview; 409 when the route exists',
  },
  updateRoute: {
    checkedOn: ENTITY,
    audited:
      'intent before (route YAML before), outcome after; refusals, a stale resourceVersion too',
    limits:
      'as preview; only the entity’s routes (read fresh from the API server); 409 on a stale resourceVersion',
  },
  deleteRoute: {
    checkedOn: ENTITY,
    audited: 'intent before (route YAML), outcome after; refusals',
    limits:
      'only the entity’s HTTPRoutes and IngressRoutes; 409 on a stale resourceVersion',
  },
  testRoute: {
    checkedOn: ENTITY,
    audited: 'no (a read)',
    limits:
      'JSON body ≤ 100 kB; request fields bounded (path ≤ 4096 chars…); only routes of the entity’s namespaces; answered from the watch caches',
  },
  previewRouteMigration: {
    checkedOn: ENTITY,
    audited: 'refusals (a dry run changes nothing)',
    limits:
      'only the entity’s IngressRoutes; ≤ 50 extra parity requests; Kubernetes calls time out',
  },
  applyRouteMigration: {
    checkedOn: ENTITY,
    audited: 'intent before, outcome after (the HTTPRoutes created); refusals',
    limits:
      'as the migration preview; all or nothing: every HTTPRoute is dry-run created before any is',
  },
  listServiceProfiles: {
    checkedOn: ENTITY,
    audited: 'no (a read)',
    limits: `${READ_LIMITS}; only the entity’s Services, in namespaces its owner owns; answered from the watch caches`,
  },
  saveServiceProfile: {
    checkedOn: ENTITY,
    audited:
      'intent before, outcome after (`serviceprofile-save`, profile before/after); refusals (permission, stale version)',
    limits:
      '≤ 100 routes, path regex ≤ 1,024 chars and compiling, durations as Go writes them; only a Service of the entity; `fieldValidation=Strict`; JSON body ≤ 100 kB',
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
  applyNamespaceManifests: {
    checkedOn:
      "— (basic permission) and namespace tenancy: only a namespace the caller's groups own or share",
    audited:
      'intent before, outcome after (each object changed); refusals (permission, tenancy, inspection block); not a dry run',
    limits:
      'JSON body ≤ 512 kB, ≤ 50 objects, each named (DNS-1123) and in the namespace of the path (cluster-scoped kinds refused); rollout wait ≤ 600 s; Kubernetes calls time out',
  },
  registerCreatedEntity: {
    checkedOn:
      "— (basic permission); the Component's owner must be one of the caller's groups, and an entity registered by another owner is not replaced",
    audited: 'each registration; refusals; not a dry run',
    limits:
      'entity JSON ≤ 64 kB; a Component with a DNS-1123 name, type, lifecycle and owner',
  },
  listCreatedEntities: {
    checkedOn: '— (service principals only: the catalog backend)',
    audited: 'no (a read)',
    limits: 'no input',
  },
  getEntityMesh: {
    checkedOn: ENTITY,
    audited: 'no (a read)',
    limits: `${READ_LIMITS}; Prometheus and Kubernetes calls time out`,
  },
  listClusterNodes: {
    checkedOn: '— (basic permission; platform admins)',
    audited: 'no (a read)',
    limits:
      'cluster name ≤ 253 chars; answered from the watch caches (nodes, pods); the metrics.k8s.io call times out',
  },
  getClusterNode: {
    checkedOn: '— (basic permission; platform admins)',
    audited: 'no (a read)',
    limits:
      'path parts ≤ 253 chars; answered from the watch caches (nodes, pods, events); metrics.k8s.io and each Prometheus query time out (`kubemate.metrics.clusters.<cluster>.prometheus.timeoutMs`), answers over 2 MiB refused',
  },
  listClusterQuotas: {
    checkedOn: '— (basic permission; platform admins)',
    audited: 'no (a read)',
    limits:
      'cluster name ≤ 253 chars; two list calls with the cluster deadline',
  },
  listClusterCrds: {
    checkedOn: '— (basic permission; platform admins)',
    audited: 'no (a read)',
    limits: 'cluster name ≤ 253 chars; each API call has the cluster deadline',
  },
  listCustomResources: {
    checkedOn: '— (basic permission; platform admins)',
    audited: 'no (a read)',
    limits: `${READ_LIMITS}; each API call has the cluster deadline`,
  },
  getCustomResourceYaml: {
    checkedOn: '— (basic permission; platform admins)',
    audited: 'no (a read)',
    limits: `${READ_LIMITS}; each API call has the cluster deadline`,
  },
  previewCustomResourceYaml: {
    checkedOn: '— (basic permission; platform admins)',
    audited: 'refusals (a dry run changes nothing)',
    limits:
      'YAML ≤ 2 MiB, one object of the CRD with its resourceVersion (409 when stale); strict field validation',
  },
  applyCustomResourceYaml: {
    checkedOn: '— (basic permission; platform admins)',
    audited: 'yes: before and after (and refusals)',
    limits:
      'YAML ≤ 2 MiB, one object of the CRD with its resourceVersion (409 when stale); strict field validation',
  },
  listClusterEvents: {
    checkedOn: '— (basic permission; platform admins)',
    audited: 'no (a read)',
    limits:
      'limit 1–500; filters ≤ 253 chars; answered from the watch cache of events',
  },
  previewAdminYaml: {
    checkedOn: '— (basic permission; platform admins)',
    audited: 'refusals (a dry run changes nothing)',
    limits:
      'YAML ≤ 2 MiB and ≤ 500 documents; archives ≤ 10 MiB as sent, ≤ 1,000 entries, ≤ 2 MiB per entry and ≤ 50 MiB expanded (stopped while expanding), ≤ 1,000 documents; entries escaping the archive (absolute, `..`), links, devices and FIFOs refuse the upload (400 naming the entry); one namespace (objects naming another, and cluster-scoped kinds other than that Namespace, refused per object); `fieldValidation=Strict`; Kubernetes calls time out',
  },
  applyAdminYaml: {
    checkedOn: '— (basic permission; platform admins)',
    audited:
      'per object: intent before, outcome after (object before/after, Secrets redacted); refused objects and refusals of the request',
    limits:
      'as the preview; server-side apply with field manager `kubemate-admin`; a failed object does not stop the rest',
  },
  exportAdminNamespace: {
    checkedOn:
      '— (basic permission; platform admins); Secret values only when the policy grants `kubemate.workload.secret.read` unconditionally',
    audited:
      'as a read (`admin-namespace-export`: objects, Secrets, whether their values were included); refusals',
    limits:
      'path parts ≤ 253 chars (DNS-1123); at most 2,000 objects; Kubernetes calls time out',
  },
  exportAuditCsv: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits:
      "filters as `GET /audit`; at most 50,000 rows; cells starting with = + - @ prefixed with `'` (formula injection)",
  },
  getObservabilityLinks: {
    checkedOn: ENTITY,
    audited: 'no (a read)',
    limits: `${READ_LIMITS}; an object must be one of the entity’s; time window ≤ 90 days; http(s) links only`,
  },
  listReleases: {
    checkedOn:
      'each release’s entity (releases of entities the caller may not read are left out)',
    audited: 'no (a read)',
    limits: 'state filter ≤ 100 chars; at most 500 releases',
  },
  listEntityReleases: {
    checkedOn: ENTITY,
    audited: 'no (a read)',
    limits: `${READ_LIMITS}; at most 500 releases`,
  },
  createRelease: {
    checkedOn: ENTITY,
    audited:
      'intent before, outcome after (`release-create`, with the plan); refusals (permission, a Service or Deployment outside the entity’s tenancy)',
    limits: `${READ_LIMITS}; the Service and both Deployments must be the entity’s, in a namespace its owner owns; ≤ 50 step weights; one active release per Service; JSON body ≤ 100 kB`,
  },
  getRelease: {
    checkedOn: 'the release’s entity',
    audited: 'no (a read)',
    limits: 'id is a UUID; the timeline is the release’s own',
  },
  getReleaseMetrics: {
    checkedOn: 'the release’s entity',
    audited: 'no (a read)',
    limits: 'window 20–3600 s; Prometheus queries time out',
  },
  actOnRelease: {
    checkedOn: 'the release’s entity',
    audited:
      'intent before, outcome after (`release-pause`, `release-resume`, `release-weight`, `release-promote`, `release-abort`); refusals',
    limits:
      'id is a UUID; weight 0–100; only a release that is progressing, paused or waiting (409 otherwise)',
  },
  listProbes: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits:
      'no input; the last 20 finished runs of each probe make its success rate',
  },
  listEntityProbes: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: `${READ_LIMITS}; only probes naming the entity`,
  },
  getProbe: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: 'id ≤ 63 chars',
  },
  listProbeRuns: {
    checkedOn: '— (basic permission)',
    audited: 'no (a read)',
    limits: 'id ≤ 63 chars; at most 500 runs',
  },
  checkProbeGate: {
    checkedOn: '— (basic permission)',
    audited:
      'each decision (`probe-gate`: allowed as succeeded, blocked as denied with the reason and each probe’s result); refusals',
    limits:
      '1–20 probe ids; maxAgeSeconds ≤ 1 day; change ≤ 200 chars; stale probes run first, each bounded by its `timeoutSeconds`',
  },
  reportProbeRun: {
    checkedOn:
      '— (basic permission; a service token for the probe containers) and the run’s own key (its sha256 is stored; only the Job given the key can report)',
    audited: 'each report (`probe-report`) and refusals',
    limits:
      'JSON body ≤ 64 kB; ≤ 50 messages of ≤ 1,000 chars; only a running job probe’s run, once (409 otherwise)',
  },
  runProbe: {
    checkedOn: '— (basic permission)',
    audited: 'intent before, outcome after (`probe-run`); refusals',
    limits:
      'id ≤ 63 chars; the run is bounded by the probe’s `timeoutSeconds`; at most one manual run of a probe at a time (409)',
  },
};
