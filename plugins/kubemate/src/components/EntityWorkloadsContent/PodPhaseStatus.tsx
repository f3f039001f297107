import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';

const OK = new Set(['Running', 'Succeeded', 'Completed']);
const PENDING = new Set([
  'Pending',
  'ContainerCreating',
  'PodInitializing',
  'Terminating',
]);
const ERROR = new Set([
  'Failed',
  'Error',
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'OOMKilled',
  'CreateContainerConfigError',
  'InvalidImageName',
]);

/** A pod's kubectl-style status in the colour of its severity. */
export function PodPhaseStatus(props: { phase: string }) {
  const { phase } = props;
  if (OK.has(phase)) return <StatusOK>{phase}</StatusOK>;
  if (PENDING.has(phase)) return <StatusPending>{phase}</StatusPending>;
  if (ERROR.has(phase)) return <StatusError>{phase}</StatusError>;
  return <StatusWarning>{phase}</StatusWarning>;
}
