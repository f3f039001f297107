import {
  computeFingerprint,
  type CheckResult,
  type InspectionProfile,
  type KubemateCluster,
  type ResourceRef,
  type Severity,
} from '@kubemate/plugin-kubemate-node';
import {
  PROBE_API_CERTIFICATE_EXPIRY,
  PROBE_ENDPOINT_CERTIFICATE_EXPIRY,
  PROBE_PACK,
  PROBE_RULE_INFO,
  PROBE_WORKLOAD_LIFECYCLE,
} from './catalog';
import { judgeCertificate, readServerCertificate } from './certificateProbe';
import { parseEndpoint, type ProbeConfig } from './config';
import { runWorkloadProbe } from './workloadProbe';

export interface ProbeRunInput {
  cluster: Pick<KubemateCluster, 'name' | 'url' | 'kubeConfig'>;
  config: ProbeConfig;
  profile: InspectionProfile;
  signal?: AbortSignal;
  now?: Date;
  /** Pod polling interval (tests). */
  pollMs?: number;
}

export interface ProbeRunResult {
  results: CheckResult[];
  /** Probe rule ids that ran: they count as evaluated for the lifecycle (fixed findings). */
  ruleIds: string[];
}

type Outcome = Pick<
  CheckResult,
  | 'status'
  | 'observed'
  | 'expected'
  | 'message'
  | 'error'
  | 'fix'
  | 'skipReason'
>;

/** The profile selects probes like rules: by id, category or the `probes` pack. */
function selected(profile: InspectionProfile, id: string): boolean {
  const rule = PROBE_RULE_INFO.get(id)!;
  const matches = (s?: InspectionProfile['rules']['include']) =>
    !!s &&
    (!!s.ids?.includes(id) ||
      !!s.categories?.includes(rule.category) ||
      !!s.packs?.includes(PROBE_PACK));
  const { include, exclude } = profile.rules;
  return (!include || matches(include)) && !matches(exclude);
}

function numberParam(
  profile: InspectionProfile,
  id: string,
  key: string,
  fallback: number,
): number {
  const v = profile.params[id]?.[key];
  return typeof v === 'number' && v > 0 ? v : fallback;
}

/**
 * Runs the black-box probes configured for a cluster and selected by the profile, and reports
 * each like a rule result: passed, failed (a finding) or error ("execution failed").
 */
export async function runProbes(input: ProbeRunInput): Promise<ProbeRunResult> {
  const { cluster, config, profile } = input;
  const now = input.now ?? new Date();

  const result = (
    id: string,
    resource: ResourceRef,
    outcome: Outcome,
  ): CheckResult => {
    const rule = PROBE_RULE_INFO.get(id)!;
    const severity: Severity =
      profile.severity.rules[id] ??
      profile.severity.categories[rule.category] ??
      rule.severity;
    return {
      ruleId: id,
      ruleVersion: rule.version,
      title: rule.title,
      category: rule.category,
      severity,
      resource,
      fingerprint: computeFingerprint({
        cluster: cluster.name,
        ruleId: id,
        kind: resource.kind,
        namespace: resource.namespace,
        name: resource.name,
      }),
      remediation: rule.remediation,
      ...outcome,
    };
  };

  const tasks: Array<Promise<CheckResult>> = [];
  const ruleIds = new Set<string>();

  const workload = config.workload;
  if (workload && selected(profile, PROBE_WORKLOAD_LIFECYCLE)) {
    ruleIds.add(PROBE_WORKLOAD_LIFECYCLE);
    const timeoutMs =
      1000 *
      numberParam(
        profile,
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
    const fix = `kubectl get events -n ${workload.namespace} --sort-by=.lastTimestamp | tail -20`;
    tasks.push(
      runWorkloadProbe(cluster.kubeConfig, {
        namespace: workload.namespace,
        image: workload.image,
        timeoutMs,
        pollMs: input.pollMs,
        signal: input.signal,
      }).then(outcome => {
        switch (outcome.status) {
          case 'passed':
            return result(PROBE_WORKLOAD_LIFECYCLE, resource, {
              status: 'passed',
              observed: `Ready after ${(outcome.readyMs / 1000).toFixed(
                1,
              )} s, gone ${(outcome.deletedMs / 1000).toFixed(
                1,
              )} s after deletion`,
              expected,
            });
          case 'failed':
            return result(PROBE_WORKLOAD_LIFECYCLE, resource, {
              status: 'failed',
              observed: outcome.reason,
              expected,
              message: `Probe pod ${outcome.pod}: ${outcome.reason}`,
              fix,
            });
          default:
            return result(PROBE_WORKLOAD_LIFECYCLE, resource, {
              status: 'error',
              error: outcome.error,
            });
        }
      }),
    );
  }

  const certs = config.certificates;
  const certificateCheck = (
    id: string,
    resource: ResourceRef,
    host: string,
    port: number,
  ) => {
    ruleIds.add(id);
    const minDaysLeft = numberParam(
      profile,
      id,
      'minDaysLeft',
      certs!.minDaysLeft,
    );
    tasks.push(
      readServerCertificate(host, port, certs!.timeoutMs).then(
        cert => {
          const judged = judgeCertificate(cert, minDaysLeft, now);
          return result(id, resource, {
            status: judged.failed ? 'failed' : 'passed',
            observed: judged.observed,
            expected: judged.expected,
            ...(judged.failed ? { message: judged.message } : {}),
          });
        },
        (e: Error) =>
          result(id, resource, { status: 'error', error: e.message }),
      ),
    );
  };

  if (certs?.apiServer && selected(profile, PROBE_API_CERTIFICATE_EXPIRY)) {
    const url = new URL(cluster.url);
    const port = url.port ? Number(url.port) : 443;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const resource = { kind: 'APIServer', name: `${host}:${port}` };
    if (url.protocol === 'https:') {
      certificateCheck(PROBE_API_CERTIFICATE_EXPIRY, resource, host, port);
    } else {
      ruleIds.add(PROBE_API_CERTIFICATE_EXPIRY);
      tasks.push(
        Promise.resolve(
          result(PROBE_API_CERTIFICATE_EXPIRY, resource, {
            status: 'skipped',
            skipReason: 'the API server is not served over TLS',
          }),
        ),
      );
    }
  }
  if (
    certs?.endpoints.length &&
    selected(profile, PROBE_ENDPOINT_CERTIFICATE_EXPIRY)
  ) {
    for (const endpoint of certs.endpoints) {
      const { host, port } = parseEndpoint(endpoint);
      certificateCheck(
        PROBE_ENDPOINT_CERTIFICATE_EXPIRY,
        { kind: 'Endpoint', name: `${host}:${port}` },
        host,
        port,
      );
    }
  }

  return { results: await Promise.all(tasks), ruleIds: [...ruleIds] };
}
