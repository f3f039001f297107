import type { ReleaseState } from '@kubemate/plugin-kubemate-common';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { STATE_LABELS } from './format';

const STATUS: Record<
  ReleaseState,
  (props: { children?: React.ReactNode }) => JSX.Element
> = {
  progressing: StatusRunning,
  paused: StatusPending,
  waiting: StatusWarning,
  promoted: StatusOK,
  aborted: StatusAborted,
  failed: StatusError,
};

/** A release's state with its status colour. */
export function ReleaseStateChip(props: { state: ReleaseState }) {
  const Status = STATUS[props.state];
  return <Status>{STATE_LABELS[props.state]}</Status>;
}
