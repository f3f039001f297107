import { Chip } from '@material-ui/core';
import type { Severity } from '../../api';
import { SEVERITY_LABELS, useSeverityColors } from './severity';

/** A filled chip in the severity's colour. */
export function SeverityChip(props: { severity: Severity; count?: number }) {
  const colors = useSeverityColors();
  const label =
    props.count === undefined
      ? SEVERITY_LABELS[props.severity]
      : `${SEVERITY_LABELS[props.severity]}: ${props.count}`;
  return (
    <Chip
      size="small"
      label={label}
      style={{
        backgroundColor: colors[props.severity],
        color: '#fff',
        fontWeight: 600,
      }}
    />
  );
}
