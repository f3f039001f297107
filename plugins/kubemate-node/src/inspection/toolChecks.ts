/**
 * The built-in checks of Polaris and kube-score, for the comparison table in
 * docs/rules.md and for validating rules' `equivalents`. Which Kubemate rule
 * covers a check is said by the rules themselves (`equivalents`); here is
 * only what the check is, where Kubemate's verdict differs by design, and
 * why a check is not covered.
 */
export interface ToolCheck {
  id: string;
  /** What the tool checks, in short. */
  checks: string;
  /** Where the covering rules' verdict deliberately differs. */
  difference?: string;
  /** Why no Kubemate rule covers it (a policy choice). */
  notCovered?: string;
  /**
   * The rules share the check's intent, and its exemption annotations are
   * honoured, but their verdicts differ by design on common inputs: not
   * counted as covered.
   */
  partial?: string;
}

/** Polaris' 44 built-in checks (pkg/config/default.yaml). */
export const POLARIS_CHECKS: ToolCheck[] = [
  {
    id: 'deploymentMissingReplicas',
    checks: 'Deployment with a single replica',
    difference:
      'Deployments scaled by a HorizontalPodAutoscaler are not flagged.',
  },
  { id: 'priorityClassNotSet', checks: 'pod without priorityClassName' },
  { id: 'tagNotSpecified', checks: 'image without tag or with latest' },
  {
    id: 'pullPolicyNotAlways',
    checks: 'imagePullPolicy other than Always',
    difference:
      'An unset policy on a latest or untagged image is Always (the Kubernetes default) and passes; Polaris wants it written.',
  },
  { id: 'readinessProbeMissing', checks: 'container without readinessProbe' },
  { id: 'livenessProbeMissing', checks: 'container without livenessProbe' },
  {
    id: 'metadataAndInstanceMismatched',
    checks: 'label app.kubernetes.io/instance differs from metadata.name',
    partial:
      'Polaris also fails every workload without the label, the common case; Kubemate judges a mismatch only, unless the rule parameter `requireLabel` is set to true (then the verdicts agree).',
  },
  {
    id: 'pdbDisruptionsIsZero',
    checks: 'PodDisruptionBudget with status.disruptionsAllowed 0',
    partial:
      'Polaris reads only status.disruptionsAllowed, so it fails every manifest (no status) and every budget exhausted by pods that are momentarily unhealthy; Kubemate judges the spec (maxUnavailable 0, minAvailable 100%) and a status with every expected pod healthy. On live clusters in a steady state the verdicts agree.',
  },
  {
    id: 'missingPodDisruptionBudget',
    checks: 'Deployment without its <name>-pdb PodDisruptionBudget',
    partial:
      'Polaris looks for a PodDisruptionBudget named `<deployment>-pdb` selecting `app.kubernetes.io/name: <deployment>`, on every Deployment; Kubemate accepts any PodDisruptionBudget that selects the pods, on Deployments and StatefulSets with at least 2 replicas.',
  },
  {
    id: 'topologySpreadConstraint',
    checks: 'no topology spread constraint on hostname or zone',
  },
  {
    id: 'hpaMaxAvailability',
    checks: 'HPA maxReplicas not above minReplicas',
    difference:
      'An unset minReplicas counts as 1 (Polaris skips the check), which only matters for maxReplicas 1.',
  },
  {
    id: 'hpaMinAvailability',
    checks: 'HPA minReplicas of 1 or less',
    difference:
      'An unset minReplicas counts as 1 and fails, as in kube-score (Polaris passes it).',
  },
  {
    id: 'pdbMinAvailableGreaterThanOrEqualToHPAMinReplicas',
    checks: "PDB minAvailable at or above the HPA's minReplicas",
    difference:
      'Percentages and maxUnavailable are resolved against minReplicas too.',
  },
  { id: 'cpuRequestsMissing', checks: 'container without CPU request' },
  { id: 'cpuLimitsMissing', checks: 'container without CPU limit' },
  { id: 'memoryRequestsMissing', checks: 'container without memory request' },
  { id: 'memoryLimitsMissing', checks: 'container without memory limit' },
  {
    id: 'automountServiceAccountToken',
    checks: 'service account token mounted',
    difference:
      "The ServiceAccount's automountServiceAccountToken counts when the pod leaves it unset.",
  },
  { id: 'hostIPCSet', checks: 'hostIPC' },
  { id: 'hostPathSet', checks: 'hostPath volume' },
  { id: 'hostProcess', checks: 'Windows HostProcess container' },
  { id: 'hostPIDSet', checks: 'hostPID' },
  {
    id: 'linuxHardening',
    checks: 'no seccomp, AppArmor or SELinux profile and no dropped capability',
  },
  {
    id: 'missingNetworkPolicy',
    checks: 'no NetworkPolicy selecting the pods (ingress and egress)',
  },
  { id: 'notReadOnlyRootFilesystem', checks: 'writable root file system' },
  { id: 'privilegeEscalationAllowed', checks: 'allowPrivilegeEscalation' },
  { id: 'procMount', checks: 'procMount other than Default' },
  { id: 'runAsRootAllowed', checks: 'may run as root' },
  { id: 'runAsPrivileged', checks: 'privileged container' },
  { id: 'dangerousCapabilities', checks: 'SYS_ADMIN, NET_ADMIN or ALL added' },
  {
    id: 'insecureCapabilities',
    checks: 'insecure capabilities not dropped',
    difference:
      'Kubemate asks for `drop: [ALL]`; Polaris also accepts dropping its list of insecure capabilities one by one.',
  },
  { id: 'hostNetworkSet', checks: 'hostNetwork' },
  { id: 'hostPortSet', checks: 'hostPort' },
  { id: 'tlsSettingsMissing', checks: 'Ingress without TLS' },
  {
    id: 'sensitiveContainerEnvVar',
    checks: 'secret-looking environment variable with a literal value',
    difference:
      'Also recognises secrets by value (PEM keys, token formats, high-entropy strings).',
  },
  { id: 'sensitiveConfigmapContent', checks: 'secret-looking ConfigMap data' },
  {
    id: 'clusterrolePodExecAttach',
    checks: 'ClusterRole allows pods/exec or pods/attach',
  },
  { id: 'rolePodExecAttach', checks: 'Role allows pods/exec or pods/attach' },
  {
    id: 'clusterrolebindingPodExecAttach',
    checks: 'ClusterRoleBinding to a role allowing pods/exec or pods/attach',
  },
  {
    id: 'rolebindingClusterRolePodExecAttach',
    checks: 'RoleBinding to a ClusterRole allowing pods/exec or pods/attach',
    difference:
      'A referenced role that does not exist is not flagged (manifests are often inspected without the roles they bind).',
  },
  {
    id: 'rolebindingRolePodExecAttach',
    checks: 'RoleBinding to a Role allowing pods/exec or pods/attach',
  },
  {
    id: 'clusterrolebindingClusterAdmin',
    checks: 'ClusterRoleBinding to cluster-admin or a wildcard ClusterRole',
    difference:
      "Bindings whose subjects are all the cluster's own (`system:*`, kube-system ServiceAccounts) are not flagged.",
  },
  {
    id: 'rolebindingClusterAdminClusterRole',
    checks: 'RoleBinding to cluster-admin or a wildcard ClusterRole',
  },
  {
    id: 'rolebindingClusterAdminRole',
    checks: 'RoleBinding to a wildcard Role',
  },
];

const EQUAL_LIMITS =
  'Optional in kube-score. Guaranteed QoS (requests equal to limits) is a per-workload trade-off between predictability and density; Kubemate requires requests and limits (`container-*-requests-missing`, `container-*-limits-missing`) but not their equality.';

/** kube-score's 39 checks (`kube-score list`). */
export const KUBE_SCORE_CHECKS: ToolCheck[] = [
  { id: 'ingress-targets-service', checks: 'Ingress backend Service exists' },
  { id: 'cronjob-has-deadline', checks: 'CronJob startingDeadlineSeconds set' },
  {
    id: 'cronjob-restartpolicy',
    checks: 'CronJob restartPolicy OnFailure or Never',
    difference: 'Jobs are checked too.',
  },
  {
    id: 'container-resources',
    checks: 'CPU and memory requests and limits',
  },
  {
    id: 'container-resource-requests-equal-limits',
    checks: 'requests equal to limits',
    notCovered: EQUAL_LIMITS,
  },
  {
    id: 'container-cpu-requests-equal-limits',
    checks: 'CPU request equal to limit',
    notCovered: EQUAL_LIMITS,
  },
  {
    id: 'container-memory-requests-equal-limits',
    checks: 'memory request equal to limit',
    notCovered: EQUAL_LIMITS,
  },
  { id: 'container-image-tag', checks: 'explicit, non-latest image tag' },
  { id: 'container-image-pull-policy', checks: 'imagePullPolicy Always' },
  {
    id: 'container-ephemeral-storage-request-and-limit',
    checks: 'ephemeral-storage request and limit',
  },
  {
    id: 'container-ephemeral-storage-request-equals-limit',
    checks: 'ephemeral-storage request equal to limit',
    notCovered:
      'Optional in kube-score; same trade-off as equal CPU and memory requests and limits.',
  },
  {
    id: 'container-ports-check',
    checks: 'container port names (length, duplicates)',
    notCovered:
      'Optional in kube-score; the API server rejects invalid port names itself, which the YAML preview and the dry run report before anything is applied.',
  },
  {
    id: 'statefulset-has-poddisruptionbudget',
    checks: 'StatefulSet targeted by a PDB',
  },
  {
    id: 'deployment-has-poddisruptionbudget',
    checks: 'Deployment targeted by a PDB',
  },
  {
    id: 'poddisruptionbudget-has-policy',
    checks: 'PDB sets minAvailable or maxUnavailable',
  },
  {
    id: 'pod-networkpolicy',
    checks: 'NetworkPolicy selecting the pod, ingress and egress',
  },
  { id: 'networkpolicy-targets-pod', checks: 'NetworkPolicy selects a pod' },
  {
    id: 'pod-probes',
    checks: 'readiness probe on pods behind a Service',
    partial:
      'kube-score asks for a readiness probe only on pods a Service selects (or that name a service account), one per pod, and never fails a missing liveness probe; Kubemate asks every container of a long-running workload for both (`container-readiness-probe-missing`, `container-liveness-probe-missing`, as Polaris does).',
  },
  {
    id: 'pod-probes-identical',
    checks: 'readiness and liveness probes differ',
  },
  {
    id: 'container-security-context-user-group-id',
    checks: 'runAsUser and runAsGroup above 10000',
    notCovered:
      'The ID range is a convention against collisions with host users, not a security boundary; Kubemate checks that containers do not run as root (`container-run-as-root`, `container-run-as-non-root-missing`).',
  },
  {
    id: 'container-security-context-privileged',
    checks: 'privileged container',
  },
  {
    id: 'container-security-context-readonlyrootfilesystem',
    checks: 'read-only root file system',
  },
  {
    id: 'container-seccomp-profile',
    checks: 'seccomp profile set',
  },
  { id: 'service-targets-pod', checks: 'Service selects pods' },
  { id: 'service-type', checks: 'Service not of type NodePort' },
  { id: 'stable-version', checks: 'deprecated apiVersion' },
  {
    id: 'deployment-has-host-podantiaffinity',
    checks: 'Deployment spreads its replicas over nodes',
    difference:
      'A topology spread constraint, or a zone key, selecting the own pods also counts (kube-score only takes podAntiAffinity on kubernetes.io/hostname).',
  },
  {
    id: 'statefulset-has-host-podantiaffinity',
    checks: 'StatefulSet spreads its replicas over nodes',
    difference:
      'A topology spread constraint, or a zone key, selecting the own pods also counts.',
  },
  { id: 'label-values', checks: 'valid label values' },
  {
    id: 'horizontalpodautoscaler-has-target',
    checks: 'HPA targets an existing object',
  },
  { id: 'deployment-replicas', checks: 'Deployment with at least 2 replicas' },
  {
    id: 'horizontalpodautoscaler-replicas',
    checks: 'HPA minReplicas of at least 2',
  },
  {
    id: 'pod-topology-spread-constraints',
    checks: 'topology spread constraints are valid',
  },
  {
    id: 'deployment-targeted-by-hpa-does-not-have-replicas-configured',
    checks: 'autoscaled Deployment manifest without replicas',
    difference:
      'Only manifests are judged (a live object always has spec.replicas).',
  },
  {
    id: 'deployment-strategy',
    checks: 'Deployment behind a Service uses RollingUpdate',
  },
  {
    id: 'statefulset-has-servicename',
    checks: 'StatefulSet serviceName names a headless Service selecting it',
  },
  {
    id: 'environment-variable-key-duplication',
    checks: 'duplicated environment variable',
  },
  {
    id: 'deployment-pod-selector-labels-match-template-metadata-labels',
    checks: 'Deployment selector matches the template labels',
  },
  {
    id: 'statefulset-pod-selector-labels-match-template-metadata-labels',
    checks: 'StatefulSet selector matches the template labels',
  },
];
