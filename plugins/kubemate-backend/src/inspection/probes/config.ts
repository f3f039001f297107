import type { Config } from '@backstage/config';

export const DEFAULT_PROBE_NAMESPACE = 'default';
/** A tiny image every cluster can usually pull; override for air-gapped registries. */
export const DEFAULT_PROBE_IMAGE = 'registry.k8s.io/pause:3.10';
export const DEFAULT_WORKLOAD_TIMEOUT_SECONDS = 60;
export const DEFAULT_MIN_DAYS_LEFT = 30;
export const DEFAULT_TLS_TIMEOUT_SECONDS = 10;

export interface WorkloadProbeConfig {
  namespace: string;
  image: string;
  /** Bound for becoming Ready, and again for disappearing after the delete. */
  timeoutMs: number;
}

export interface CertificateProbeConfig {
  /** Check the API server's certificate (default true). */
  apiServer: boolean;
  /** Extra https endpoints: `https://host[:port][/…]` or `host[:port]`. */
  endpoints: string[];
  minDaysLeft: number;
  timeoutMs: number;
}

/** The probes of one cluster; a missing part is off. */
export interface ProbeConfig {
  workload?: WorkloadProbeConfig;
  certificates?: CertificateProbeConfig;
}

function positive(value: number | undefined, key: string, fallback: number) {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${key} must be a positive number (got ${value})`);
  }
  return value;
}

/**
 * `kubemate.inspection.clusters.<name>.probes`, or undefined when probes are off for the
 * cluster (no block, or `enabled: false`). Each part is on when its block is present, unless
 * it says `enabled: false`.
 */
export function readProbeConfig(
  clusterConfig: Config | undefined,
  clusterName: string,
): ProbeConfig | undefined {
  const cfg = clusterConfig?.getOptionalConfig('probes');
  if (!cfg || cfg.getOptionalBoolean('enabled') === false) return undefined;
  const prefix = `kubemate.inspection.clusters.${clusterName}.probes`;
  const result: ProbeConfig = {};

  const w = cfg.getOptionalConfig('workload');
  if (w && w.getOptionalBoolean('enabled') !== false) {
    result.workload = {
      namespace: w.getOptionalString('namespace') ?? DEFAULT_PROBE_NAMESPACE,
      image: w.getOptionalString('image') ?? DEFAULT_PROBE_IMAGE,
      timeoutMs:
        1000 *
        positive(
          w.getOptionalNumber('timeoutSeconds'),
          `${prefix}.workload.timeoutSeconds`,
          DEFAULT_WORKLOAD_TIMEOUT_SECONDS,
        ),
    };
  }

  const c = cfg.getOptionalConfig('certificates');
  if (c && c.getOptionalBoolean('enabled') !== false) {
    const endpoints = c.getOptionalStringArray('endpoints') ?? [];
    endpoints.forEach((e, i) => {
      try {
        parseEndpoint(e);
      } catch (err) {
        throw new Error(
          `${prefix}.certificates.endpoints[${i}]: ${(err as Error).message}`,
        );
      }
    });
    result.certificates = {
      apiServer: c.getOptionalBoolean('apiServer') ?? true,
      endpoints,
      minDaysLeft: positive(
        c.getOptionalNumber('minDaysLeft'),
        `${prefix}.certificates.minDaysLeft`,
        DEFAULT_MIN_DAYS_LEFT,
      ),
      timeoutMs:
        1000 *
        positive(
          c.getOptionalNumber('timeoutSeconds'),
          `${prefix}.certificates.timeoutSeconds`,
          DEFAULT_TLS_TIMEOUT_SECONDS,
        ),
    };
  }
  return result.workload || result.certificates ? result : undefined;
}

/** `https://host:port/path`, `host:port` or `host` → host and port (default 443). */
export function parseEndpoint(endpoint: string): {
  host: string;
  port: number;
} {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint)
    ? endpoint
    : `https://${endpoint}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`'${endpoint}' is not a host[:port] or https URL`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(`'${endpoint}' is not an https endpoint`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new Error(`'${endpoint}' has no host`);
  return { host, port: url.port ? Number(url.port) : 443 };
}
