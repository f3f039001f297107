import type { ProbeType } from '@kubemate/plugin-kubemate-common';
import { apiRoundTrip } from './apiRoundTrip';
import { certificateExpiry } from './certificateExpiry';
import { httpProbe } from './http';
import { jobProbe } from './job';
import { serviceEndpoints } from './serviceEndpoints';
import type { ProbeContext } from './steps';
import { workloadLifecycle } from './workloadLifecycle';

/** A built-in kind: acts through the context's steps; throws a StepFailure when it fails. */
export type ProbeKind = (ctx: ProbeContext) => Promise<string>;

export const PROBE_KINDS: Record<ProbeType, ProbeKind> = {
  'workload-lifecycle': workloadLifecycle,
  'api-roundtrip': apiRoundTrip,
  'service-endpoints': serviceEndpoints,
  http: httpProbe,
  'certificate-expiry': certificateExpiry,
  job: jobProbe,
};

export { StepFailure, StepRecorder } from './steps';
export type { ProbeContext } from './steps';
