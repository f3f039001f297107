import type { KubemateProbeRule } from '@kubemate/plugin-kubemate-node';

export const PROBE_WORKLOAD_LIFECYCLE = 'probe-workload-lifecycle';
export const PROBE_API_CERTIFICATE_EXPIRY = 'probe-api-certificate-expiry';
export const PROBE_ENDPOINT_CERTIFICATE_EXPIRY =
  'probe-endpoint-certificate-expiry';

/** Pack name the probes are listed under in the rule catalogue. */
export const PROBE_PACK = 'probes';

/**
 * The built-in black-box probes as rule catalogue entries, so their findings carry rule text
 * like any other and profiles can select them (by id, by category or by the `probes` pack) and
 * override their severity.
 */
export const PROBE_RULES: KubemateProbeRule[] = [
  {
    id: PROBE_WORKLOAD_LIFECYCLE,
    version: '1',
    title: 'A probe pod can be scheduled, become Ready and be deleted',
    category: 'reliability',
    severity: 'high',
    description:
      'Creates a short-lived pod in the probe namespace, waits for it to become Ready, deletes it and waits for it to be gone. Fails when either step does not finish in time: the scheduler, kubelets, image pulls or the API server are not doing their job, so new or restarted workloads would not come up either.',
    remediation:
      'Look at the probe pod events (scheduling, image pull) and at node conditions; check that nodes have free capacity, the image is reachable and admission webhooks answer.',
    fix: 'kubectl get events -n {{ .namespace }} --sort-by=.lastTimestamp | tail -20',
    pack: PROBE_PACK,
    kinds: ['Namespace'],
    params: { timeoutSeconds: 60 },
  },
  {
    id: PROBE_API_CERTIFICATE_EXPIRY,
    version: '1',
    title: 'API server certificate is not about to expire',
    category: 'certificates',
    severity: 'high',
    description:
      'Connects to the cluster API server over TLS and reads the serving certificate. Fails when it expires within the threshold (or has expired): clients, kubelets and controllers stop trusting the API server when it does.',
    remediation:
      'Renew the API server certificate (e.g. `kubeadm certs renew apiserver` and restart the API server) or let the managed service rotate it.',
    fix: 'kubeadm certs check-expiration',
    pack: PROBE_PACK,
    kinds: ['APIServer'],
    params: { minDaysLeft: 30 },
  },
  {
    id: PROBE_ENDPOINT_CERTIFICATE_EXPIRY,
    version: '1',
    title: 'Endpoint certificate is not about to expire',
    category: 'certificates',
    severity: 'medium',
    description:
      'Connects over TLS to each configured https endpoint (ingress hosts, gateways, registries) and reads the serving certificate. Fails when it expires within the threshold (or has expired).',
    remediation:
      'Renew the certificate of the endpoint (cert-manager Certificate, ingress TLS Secret or the external service) before it expires.',
    pack: PROBE_PACK,
    kinds: ['Endpoint'],
    params: { minDaysLeft: 30 },
  },
];

export const PROBE_RULE_INFO = new Map(PROBE_RULES.map(r => [r.id, r]));
