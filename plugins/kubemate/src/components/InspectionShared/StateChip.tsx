import { Chip } from '@material-ui/core';
import type { FindingState } from '../../api';
import { STATE_LABELS } from './severity';

const VARIANT: Record<FindingState, 'default' | 'outlined'> = {
  new: 'default',
  reopened: 'default',
  open: 'outlined',
  fixed: 'outlined',
  ignored: 'outlined',
};

/** Lifecycle state of a finding; new and reopened stand out. */
export function StateChip(props: { state: FindingState }) {
  return (
    <Chip
      size="small"
      variant={VARIANT[props.state]}
      color={
        props.state === 'new' || props.state === 'reopened'
          ? 'secondary'
          : 'default'
      }
      label={STATE_LABELS[props.state]}
      style={props.state === 'ignored' ? { opacity: 0.7 } : undefined}
    />
  );
}
