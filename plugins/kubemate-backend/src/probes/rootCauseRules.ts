/**
 * The root-cause hint table, kept as data: the first rule whose pattern matches a gathered
 * event (its reason or message) or the failure message names the likely cause. Order matters:
 * specific causes come before the symptoms they produce (an image that cannot be pulled makes
 * a readiness timeout too).
 */
export interface RootCauseRule {
  id: string;
  title: string;
  /** Case-insensitive regular expression. */
  pattern: string;
  /** Where to look: gathered events, the failure message, or both. */
  in: Array<'events' | 'message'>;
  advice: string;
}

export const ROOT_CAUSE_RULES: readonly RootCauseRule[] = [
  {
    id: 'image-pull',
    title: 'The image cannot be pulled',
    pattern:
      'ErrImagePull|ImagePullBackOff|Failed to pull image|Back-off pulling image',
    in: ['events', 'message'],
    advice:
      'Check the image name and tag, that the registry is reachable from the nodes and that an imagePullSecret grants access.',
  },
  {
    id: 'quota-exceeded',
    title: 'A ResourceQuota or LimitRange refused the pods',
    pattern:
      'exceeded quota|forbidden: exceeded|must specify limits|maximum .* usage per',
    in: ['events', 'message'],
    advice:
      "Look at the namespace's ResourceQuota usage (kubectl describe resourcequota) and free or raise it.",
  },
  {
    id: 'scheduling',
    title: 'The pods cannot be scheduled',
    pattern:
      'FailedScheduling|unschedulable|Insufficient (cpu|memory)|didn.t match|had untolerated taint',
    in: ['events', 'message'],
    advice:
      'No node fits: check node capacity, taints and tolerations, node selectors and affinity.',
  },
  {
    id: 'crash',
    title: 'The container keeps crashing',
    pattern: 'CrashLoopBackOff|Back-off restarting failed container|OOMKilled',
    in: ['events', 'message'],
    advice:
      "Read the container's previous logs; an OOMKilled container needs more memory.",
  },
  {
    id: 'no-endpoints',
    title: 'No ready endpoints behind the Service',
    pattern: 'ready address|no healthy upstream|status 503',
    in: ['message'],
    advice:
      "The Service selects no Ready pod: check its selector and the pods' readiness.",
  },
  {
    id: 'readiness-timeout',
    title: 'Not Ready in time',
    pattern: 'not Ready|Readiness probe failed|Unhealthy',
    in: ['events', 'message'],
    advice:
      'The pods started but did not become Ready within the timeout: check readiness probes, node pressure and the timeout itself.',
  },
  {
    id: 'not-found',
    title: 'The namespace or an object the probe needs does not exist',
    pattern: 'HTTP 404',
    in: ['message'],
    advice:
      "Create the probe's namespace (or fix its name in the probe file) and the objects it refers to.",
  },
  {
    id: 'api-error',
    title: 'The Kubernetes API refused or failed the request',
    pattern:
      'HTTP (401|403|409|422|429|5\\d\\d)|did not answer|ECONNREFUSED|ECONNRESET|socket hang up',
    in: ['message'],
    advice:
      "Check the API server's health and the backend's service account permissions (RBAC) in the probe namespace.",
  },
  {
    id: 'routing',
    title: 'The gateway does not route the request',
    pattern: 'status 404|request failed',
    in: ['message'],
    advice:
      "Check the HTTPRoute's hostnames and matches, that it is Accepted by the Gateway, and the listener's port.",
  },
  {
    id: 'certificate-expiry',
    title: 'A certificate expires soon',
    pattern: 'expires in|expired',
    in: ['message'],
    advice: 'Renew the certificate (or check cert-manager is renewing it).',
  },
];
