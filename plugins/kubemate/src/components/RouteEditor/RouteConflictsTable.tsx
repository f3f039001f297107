import type { RouteConflictSummary } from '@kubemate/plugin-kubemate-common';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';

/** Routes with identical matches at one parent, and which one wins by Gateway API precedence. */
export function RouteConflictsTable(props: {
  conflicts: RouteConflictSummary[];
  title?: string;
}) {
  const title = props.title ?? 'Route conflicts';
  return (
    <>
      <Typography variant="subtitle1">{title}</Typography>
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>Parent</TableCell>
            <TableCell>Hostname</TableCell>
            <TableCell>Match</TableCell>
            <TableCell>Routes</TableCell>
            <TableCell>Winner</TableCell>
            <TableCell>Why</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.conflicts.map(c => (
            <TableRow
              key={`${c.parent}|${c.hostname}|${c.match}|${c.routes.join(',')}`}
            >
              <TableCell>{c.parent}</TableCell>
              <TableCell>{c.hostname || 'any'}</TableCell>
              <TableCell>
                <code>{c.match}</code>
              </TableCell>
              <TableCell>{c.routes.join(', ')}</TableCell>
              <TableCell>{c.winner}</TableCell>
              <TableCell>{c.why}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
