import type { ExecutionFailure } from '@kubemate/plugin-kubemate-common';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { SeverityChip } from '../InspectionShared';

const resourceOf = (s: ExecutionFailure['sample']) =>
  [
    s.kind,
    `${s.namespace ? `${s.namespace}/` : ''}${s.name}`,
    ...(s.container ? [`· ${s.container}`] : []),
    ...(s.host ? [`on ${s.host}`] : []),
  ].join(' ');

/**
 * The checks of a run that could not be evaluated, per rule and error, with a resource each:
 * the figures leave them out, so the reason must be readable somewhere.
 */
export function ExecutionFailures(props: { failures: ExecutionFailure[] }) {
  if (props.failures.length === 0) return null;
  return (
    <>
      <Typography variant="subtitle2" gutterBottom>
        Execution failed
      </Typography>
      <Table size="small" aria-label="Execution failures">
        <TableHead>
          <TableRow>
            <TableCell>Rule</TableCell>
            <TableCell>Checks</TableCell>
            <TableCell>For example</TableCell>
            <TableCell>Reason</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.failures.map(f => (
            <TableRow key={`${f.ruleId}\u0000${f.error}`}>
              <TableCell>
                <SeverityChip severity={f.severity} /> {f.ruleId}
              </TableCell>
              <TableCell>{f.count}</TableCell>
              <TableCell>{resourceOf(f.sample)}</TableCell>
              <TableCell style={{ whiteSpace: 'pre-wrap' }}>
                {f.error}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
