/** Black-box probes run as part of an inspection: a probe workload and certificate expiry. */
export {
  PROBE_RULES,
  PROBE_RULE_INFO,
  PROBE_API_CERTIFICATE_EXPIRY,
  PROBE_ENDPOINT_CERTIFICATE_EXPIRY,
  PROBE_WORKLOAD_LIFECYCLE,
} from './catalog';
export { readProbeConfig } from './config';
export type { ProbeConfig } from './config';
export { builtinProbes } from './builtinProbes';
export { ProbeRunner, runProbes } from './runProbes';
export type { ProbeRunRequest, ProbeRunResult } from './runProbes';
