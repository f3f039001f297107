import type {
  KubemateProbe,
  KubemateProbeContext,
  KubemateProbeOutcome,
  ResourceRef,
} from '@kubemate/plugin-kubemate-node';
import type { ClusterClients } from '../../clusters/ClusterClients';
import {
  PROBE_API_CERTIFICATE_EXPIRY,
  PROBE_ENDPOINT_CERTIFICATE_EXPIRY,
  PROBE_RULE_INFO,
  PROBE_WORKLOAD_LIFECYCLE,
} from './catalog';
import { judgeCertificate, readServerCertificate } from './certificateProbe';
import {
  parseEndpoint,
  type CertificateProbeConfig,
  type ProbeConfig,
  type WorkloadProbeConfig,
} from './config';
import { runWorkloadProbe } from './workloadProbe';

export interface BuiltinProbeOptions {
  /** The cluster layer's clients (with their request timeouts). */
  clientsOf: (cluster: string) => ClusterClients;
  /** Pod polling interval (tests). */
  pollMs?: number;
}

/** A positive number the profile sets for a rule, else the cluster's configured value. */
function numberParam(
  ctx: KubemateProbeContext,
  id: string,
  key: string,
  fallback: number,
): number {
  const v = ctx.params(id)[key];
  return typeof v === 'number' && v > 0 ? v : fallback;
}

/** `probe-workload-lifecycle` on the clusters that configure it. */
export function workloadLifecycleProbe(
  configOf: (cluster: string) => WorkloadProbeConfig | undefined,
  options: BuiltinProbeOptions,
): KubemateProbe {
  return {
    id: 'workload-lifecycle',
    rules: [PROBE_RULE_INFO.get(PROBE_WORKLOAD_LIFECYCLE)!],
    async run(ctx) {
      const workload = configOf(ctx.cluster.name);
      if (!workload || !ctx.isSelected(PROBE_WORKLOAD_LIFECYCLE)) return [];
      const timeoutMs =
        1000 *
        numberParam(
          ctx,
          PROBE_WORKLOAD_LIFECYCLE,
          'timeoutSeconds',
          workload.timeoutMs / 1000,
        );
      const resource = {
        kind: 'Namespace',
        apiVersion: 'v1',
        name: workload.namespace,
      };
      const expected = `Ready, then deleted, each within ${Math.round(
        timeoutMs / 1000,
      )} s`;
      const outcome = await runWorkloadProbe(
        options.clientsOf(ctx.cluster.name).core,
        {
          namespace: workload.namespace,
          image: workload.image,
          timeoutMs,
          pollMs: options.pollMs,
          signal: ctx.signal,
        },
      );
      const base = { ruleId: PROBE_WORKLOAD_LIFECYCLE, resource };
      switch (outcome.status) {
        case 'passed':
          return [
            {
              ...base,
              status: 'passed',
              observed: `Ready after ${(outcome.readyMs / 1000).toFixed(
                1,
              )} s, gone ${(outcome.deletedMs / 1000).toFixed(
                1,
              )} s after deletion`,
              expected,
            },
          ];
        case 'failed':
          return [
            {
              ...base,
              status: 'failed',
              observed: outcome.reason,
              expected,
              message: `Probe pod ${outcome.pod}: ${outcome.reason}`,
              fix: `kubectl get events -n ${workload.namespace} --sort-by=.lastTimestamp | tail -20`,
            },
          ];
        default:
          return [{ ...base, status: 'error', error: outcome.error }];
      }
    },
  };
}

/** `probe-api-certificate-expiry` and `probe-endpoint-certificate-expiry`. */
export function certificateProbe(
  configOf: (cluster: string) => CertificateProbeConfig | undefined,
): KubemateProbe {
  return {
    id: 'certificates',
    rules: [
      PROBE_RULE_INFO.get(PROBE_API_CERTIFICATE_EXPIRY)!,
      PROBE_RULE_INFO.get(PROBE_ENDPOINT_CERTIFICATE_EXPIRY)!,
    ],
    async run(ctx) {
      const certs = configOf(ctx.cluster.name);
      if (!certs) return [];
      const checks: Array<Promise<KubemateProbeOutcome>> = [];
      const check = (
        ruleId: string,
        resource: ResourceRef,
        host: string,
        port: number,
      ) => {
        const minDaysLeft = numberParam(
          ctx,
          ruleId,
          'minDaysLeft',
          certs.minDaysLeft,
        );
        checks.push(
          readServerCertificate(host, port, certs.timeoutMs).then(
            cert => {
              const judged = judgeCertificate(cert, minDaysLeft, ctx.now);
              return {
                ruleId,
                resource,
                status: judged.failed ? 'failed' : 'passed',
                observed: judged.observed,
                expected: judged.expected,
                ...(judged.failed ? { message: judged.message } : {}),
              };
            },
            (e: Error) => ({
              ruleId,
              resource,
              status: 'error',
              error: e.message,
            }),
          ),
        );
      };
      if (certs.apiServer && ctx.isSelected(PROBE_API_CERTIFICATE_EXPIRY)) {
        const url = new URL(ctx.cluster.url);
        const port = url.port ? Number(url.port) : 443;
        const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
        const resource = { kind: 'APIServer', name: `${host}:${port}` };
        if (url.protocol === 'https:') {
          check(PROBE_API_CERTIFICATE_EXPIRY, resource, host, port);
        } else {
          checks.push(
            Promise.resolve({
              ruleId: PROBE_API_CERTIFICATE_EXPIRY,
              resource,
              status: 'skipped',
              skipReason: 'the API server is not served over TLS',
            }),
          );
        }
      }
      if (ctx.isSelected(PROBE_ENDPOINT_CERTIFICATE_EXPIRY)) {
        for (const endpoint of certs.endpoints) {
          const { host, port } = parseEndpoint(endpoint);
          check(
            PROBE_ENDPOINT_CERTIFICATE_EXPIRY,
            { kind: 'Endpoint', name: `${host}:${port}` },
            host,
            port,
          );
        }
      }
      return Promise.all(checks);
    },
  };
}

/** The built-in probes, each on the clusters whose `probes` config turns it on. */
export function builtinProbes(
  configs: Map<string, ProbeConfig>,
  options: BuiltinProbeOptions,
): KubemateProbe[] {
  return [
    workloadLifecycleProbe(name => configs.get(name)?.workload, options),
    certificateProbe(name => configs.get(name)?.certificates),
  ];
}
