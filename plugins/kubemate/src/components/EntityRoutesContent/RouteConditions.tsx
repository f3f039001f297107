import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import type { RouteCondition } from '@kubemate/plugin-kubemate-common';
import { Tooltip, Typography } from '@material-ui/core';
import { conditionProblem, staleStatus } from './conditionWords';

/** A condition as a status dot: True is fine, False an error, anything else pending. */
function ConditionStatus(props: { condition: RouteCondition }) {
  const { condition: c } = props;
  const text = `${c.type}${c.reason ? ` (${c.reason})` : ''}`;
  const tip = c.message ? `${text}: ${c.message}` : text;
  let status = <StatusPending>{text}</StatusPending>;
  if (c.status === 'True') status = <StatusOK>{text}</StatusOK>;
  if (c.status === 'False') status = <StatusError>{text}</StatusError>;
  const problem = conditionProblem(c);
  return (
    <Tooltip title={tip}>
      <div>
        {status}
        {problem && (
          <Typography variant="caption" color="textSecondary" component="div">
            {problem}
          </Typography>
        )}
      </div>
    </Tooltip>
  );
}

/**
 * The conditions an implementation reported for one parent (problems in plain words), or that
 * none did; with the route's `generation`, whether they are behind the spec.
 */
export function RouteConditions(props: {
  conditions: RouteCondition[];
  generation?: number;
}) {
  if (props.conditions.length === 0) {
    return <StatusPending>No status from the implementation</StatusPending>;
  }
  const stale = staleStatus(props.conditions, props.generation);
  return (
    <>
      {props.conditions.map(c => (
        <ConditionStatus key={c.type} condition={c} />
      ))}
      {stale && (
        <StatusPending>
          <Typography variant="caption">{stale}</Typography>
        </StatusPending>
      )}
    </>
  );
}
