import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import type { RouteCondition } from '@kubemate/plugin-kubemate-common';
import { Tooltip } from '@material-ui/core';

/** A condition as a status dot: True is fine, False an error, anything else pending. */
function ConditionStatus(props: { condition: RouteCondition }) {
  const { condition: c } = props;
  const text = `${c.type}${c.reason ? ` (${c.reason})` : ''}`;
  const tip = c.message ? `${text}: ${c.message}` : text;
  let status = <StatusPending>{text}</StatusPending>;
  if (c.status === 'True') status = <StatusOK>{text}</StatusOK>;
  if (c.status === 'False') status = <StatusError>{text}</StatusError>;
  return (
    <Tooltip title={tip}>
      <div>{status}</div>
    </Tooltip>
  );
}

/** The conditions an implementation reported for one parent, or that none did. */
export function RouteConditions(props: { conditions: RouteCondition[] }) {
  if (props.conditions.length === 0) {
    return <StatusPending>No status from the implementation</StatusPending>;
  }
  return (
    <>
      {props.conditions.map(c => (
        <ConditionStatus key={c.type} condition={c} />
      ))}
    </>
  );
}
