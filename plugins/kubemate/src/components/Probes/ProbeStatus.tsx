import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type { ProbeRunStatus } from '@kubemate/plugin-kubemate-common';

const STATUS: Record<
  ProbeRunStatus,
  (props: { children?: React.ReactNode }) => JSX.Element
> = {
  running: StatusRunning,
  passed: StatusOK,
  failed: StatusError,
  error: StatusWarning,
};

/** A run's status with its colour; "not run yet" without one. */
export function ProbeStatus(props: { status?: ProbeRunStatus }) {
  if (!props.status) return <StatusPending>not run yet</StatusPending>;
  const Status = STATUS[props.status];
  return <Status>{props.status}</Status>;
}
