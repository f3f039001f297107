import type { KubemateRouteId } from '../routes';

/** The prose of docs/api-reference.md; the routes, fields and types come from the contract. */
export const API_INTRO = `The Kubemate backend serves \`/api/kubemate\` on the Backstage backend. Every route needs a
Backstage user or service token (\`Authorization: Bearer …\`); errors use Backstage's error
format \`{"error": {"name", "message"}, "request": {...}, "response": {"statusCode"}}\`. A request
that does not match the contract is a \`400\` naming every offending field
(\`Invalid query: limit: …; sort: …\`); \`401\` without a valid token,
\`403\` without the permission.

The request and response shapes are defined once, as zod schemas with inferred types, in
\`plugins/kubemate-common\` (\`src/*/contract.ts\`, route table \`kubemateRoutes\`): the backend
validates requests with them and types its answers by them, the frontend clients are typed by
them, and this page is generated from them
(\`yarn workspace @kubemate/plugin-kubemate-common docs:api\`; a test fails when it is stale).
Times are ISO 8601 strings.`;

/** Section intros, by capability. */
export const SECTION_NOTES: Record<string, string> = {
  'Templates (scaffolder)': `Called by the scaffolder actions of \`@kubemate/plugin-scaffolder-backend-module-kubemate\` with a
token on behalf of the user running the template, so the user's permissions and namespace tenancy apply as in the
UI. A body over 512 kB is a \`413\`.`,
  Workloads: `\`:kind/:namespace/:name\` is the catalog entity (e.g. \`component/default/payments-api\`; each
part letters, digits, \`-\`, \`_\`, \`.\`, up to 253 characters); a malformed part is a \`400\`, an unknown entity a \`404\`. Permissions are resource permissions on
that entity, so a policy can decide per entity (see [permissions](permissions.md)).`,
  Inspection: `See [inspection](inspection.md) for runs, findings and their lifecycle, reports, exports and
ingestion.`,
  Releases: `A release binds one of an entity's Services to a stable and a canary Deployment and adopts
the Service's route (HTTPRoute with the Service as parent, or an SMI TrafficSplit on legacy-mesh
clusters). The backend drives each step on Backstage's scheduler (one replica per step), judging
the canary's golden metrics from Prometheus; see the [user guide](user-guide.md#releases).
Every change and every refusal is in the audit log (operations \`release-*\`).`,
  Probes: `Black-box probes defined as code (\`kubemate.probes.directory\`), run on a schedule, on changes and
by hand; see [probes](probes.md). Manual runs are audited (\`probe-run\`).`,
};

/** What a route's table entry cannot say. */
export const ROUTE_NOTES: Partial<Record<KubemateRouteId, string>> = {
  listClusters: `| Field                | Meaning                                                                                                      |
| -------------------- | ------------------------------------------------------------------------------------------------------------ |
| \`source\`             | \`config\` (\`kubernetes.clusterLocatorMethods\`) or \`kubeconfig\` (\`kubemate.kubeconfig\`).                       |
| \`reachable\`, \`error\` | Result of this probe; \`error\` says why it failed (refused, timeout, HTTP status, unsupported auth provider). |
| \`latencyMs\`          | Round trip of the probe.                                                                                     |
| \`lastSeenAt\`         | Last time the cluster answered, from the database; absent if never.                                          |
| \`resources\`          | Resource types watched and the optional kinds (Gateway API, Traefik, Linkerd, SMI), installed or not.       |

\`\`\`json
{
  "items": [
    {
      "name": "kubemate-sim",
      "title": "Demo cluster (simulator)",
      "source": "config",
      "url": "https://127.0.0.1:6443",
      "reachable": true,
      "version": { "major": "1", "minor": "32", "gitVersion": "v1.32.0", "platform": "linux/amd64" },
      "latencyMs": 6,
      "checkedAt": "2026-11-22T04:11:50.117Z",
      "lastSeenAt": "2026-11-22T04:11:50.117Z"
    }
  ]
}
\`\`\``,
  getEntityWorkloads: `Served from per-cluster watch caches (no Kubernetes API call per request once a cluster is
synced). A System returns the objects of its components and resources.

\`\`\`json
{
  "entityRef": "component:default/payments-api",
  "mappings": [
    {
      "labelSelector": "backstage.io/kubernetes-id=payments-api",
      "namespaces": ["bank-payments"],
      "clusters": [],
      "workloads": []
    }
  ],
  "secretValuesHidden": true,
  "clusters": [
    { "cluster": "kubemate-sim", "title": "Demo cluster (simulator)", "status": "ok", "resources": { "deployments": [], "pods": [] } },
    { "cluster": "dr-site", "status": "error", "error": "connect ECONNREFUSED 10.0.0.9:6443", "resources": {} }
  ]
}
\`\`\`

\`resources\` has one list per watched workload type (deployments, statefulsets, daemonsets,
replicasets, pods, jobs, cronjobs, services, endpoints, configmaps, secrets,
persistentvolumeclaims, horizontalpodautoscalers, events). Objects are plain Kubernetes JSON
(with \`kind\` and \`apiVersion\`, without \`managedFields\`). Selection: objects matching a
mapping's label selector or explicit names, within its namespaces; the ReplicaSets, Jobs and
Pods they own; the Endpoints of their Services; Events about any of them. Secret values are
always empty strings (\`secretValuesHidden: true\`); each Secret has \`dataSizes\`, the bytes of
each key's value. A value is revealed one key at a time (\`revealSecretKey\`). A cluster that cannot be read is reported with \`status: "error"\` while the others
still answer.`,
  performWorkloadAction: `Body: the target plus the action's parameters, e.g.
\`{"cluster": "kubemate-sim", "namespace": "bank-payments", "kind": "Deployment", "name": "payments-api-v2", "replicas": 3}\`.

| action            | kinds                               | parameters        | permission                     | what it does                                                                                                                                            |
| ----------------- | ----------------------------------- | ----------------- | ------------------------------ | ------------------------------------------------------------------------------------------------------------------------------------------------------- |
| \`scale\`           | Deployment, StatefulSet, ReplicaSet | \`replicas\` 0–1000 | \`kubemate.workload.scale\`      | merge patch of the \`scale\` subresource, as \`kubectl scale\`                                                                                              |
| \`restart\`         | Deployment, StatefulSet, DaemonSet  | –                 | \`kubemate.workload.restart\`    | sets \`kubectl.kubernetes.io/restartedAt\` on the pod template, as \`kubectl rollout restart\`                                                              |
| \`rollback\`        | Deployment, StatefulSet, DaemonSet  | \`revision\` ≥ 1    | \`kubemate.workload.rollback\`   | Deployment: JSON patch of the template of that revision's ReplicaSet (as \`kubectl rollout undo\`); StatefulSet/DaemonSet: the ControllerRevision's patch |
| \`pause\`, \`resume\` | Deployment                          | –                 | \`kubemate.workload.rollback\`   | \`spec.paused\`                                                                                                                                           |
| \`delete-pod\`      | Pod                                 | –                 | \`kubemate.workload.delete-pod\` | deletes the pod; its controller replaces it                                                                                                             |
| \`trigger\`         | CronJob                             | –                 | \`kubemate.workload.trigger\`    | creates a Job from the CronJob's template (\`cronjob.kubernetes.io/instantiate: manual\`)                                                                 |

Backend modules may register more actions. Errors: \`400\` bad target or parameters (names must
be DNS-1123; the message names the field), \`403\` missing permission, \`404\` unknown action,
unknown revision, or an object that is not one of the entity's workloads (nobody acts on other
teams' objects), \`409\` conflicts from the API server, \`503\` cluster unreachable. Every attempt
— succeeded, failed or denied — is written to the audit log.`,
  streamLogs: `\`container\` is required when the pod has several; \`previous=true\` reads the previous
container instance; \`follow=true\` keeps streaming until the client disconnects;
\`download=true\` adds \`Content-Disposition: attachment\`.`,
  getYaml: `The object as the API server has it now, with \`metadata.resourceVersion\`, without
\`managedFields\` and \`status\`.`,
  previewYaml: `YAML up to 1 MB; for a Secret also \`kubemate.workload.secret.read\`. The YAML must be one
document whose apiVersion, kind, namespace and name match the target (\`400\` names each
mismatch; syntax errors give the line and column).`,
  applyYaml: `Apply replaces the object with the submitted \`resourceVersion\` (required): if the object changed
since the YAML was loaded the answer is \`409\` asking to reload and re-apply — an edit is never
silently overwritten. Preview and apply send the YAML to the API server as JSON exactly as
written, with \`fieldValidation=Strict\`, so a misspelt or unknown key is a \`400\` naming it
(\`strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolcy"\`)
rather than a field that silently disappears. Applies are audited as \`yaml-apply\` with the YAML
before and after.`,
  listAudit: `The same events go to Backstage's auditor service (\`eventId: workload-operation\`).`,
  listEntityAudit: `A resource permission on the entity, so a policy can open one entity's log to its owners
without \`kubemate.audit.read\`. The events recorded for this entity (operations started from its
page; a System's log holds what was done from the System's page). Same answer, order and
paging as \`GET /audit\`; an unknown filter, \`entityRef\` included, is a \`400\`.`,
  ingestReport: `Built-in formats: \`ansible\` (the output of the \`json\` / \`ansible.posix.json\` or
\`ansible.posix.jsonl\` callback, told apart by content; \`cluster\` required) and \`generic\` (check
results, see [inspection](inspection.md)); backend modules may add more. The body is read as
text whatever its content type: one JSON document, or JSON Lines. The report's cluster must be
a configured one. \`ignored\` says what became no check result (tasks that are no checks,
handlers, and the hosts such tasks failed on or could not reach): \`count\` all of it, \`items\`
the first \`limit\` (100).`,
  exportReportPdf: `See [PDF export](inspection.md#pdf-export).`,
  listFindings: `Findings returned here, by \`…/findings/:fingerprint\` and by \`…/runs/:id/diff\` have
\`links: [{ title, kind, url }]\`: the resource's dashboards from \`kubemate.observability.links\`
and entity annotations ([admin guide](admin-guide.md#observability-links)).`,
};
