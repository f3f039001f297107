import { getCompoundEntityRef, type Entity } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { useQuery } from '@tanstack/react-query';
import { kubemateApiRef, type WorkloadTarget } from '../../api';
import { kubemateKeys } from '../../queries';
import { age } from '../age';

/** Revisions of a workload, newest first, with a rollback button on the older ones. */
export function RolloutHistory(props: {
  entity: Entity;
  target: WorkloadTarget;
  canRollback: boolean;
  busy?: boolean;
  onRollback(revision: number): void;
}) {
  const api = useApi(kubemateApiRef);
  const { target } = props;
  const history = useQuery({
    queryKey: [
      ...kubemateKeys.all,
      'history',
      target.cluster,
      target.namespace,
      target.kind,
      target.name,
    ],
    queryFn: () =>
      api.getRolloutHistory(getCompoundEntityRef(props.entity), target),
  });
  if (history.isPending) return <Progress />;
  if (history.error) return <ResponseErrorPanel error={history.error} />;
  return (
    <Table size="small" aria-label="Revisions">
      <TableHead>
        <TableRow>
          <TableCell>Revision</TableCell>
          <TableCell>Images</TableCell>
          <TableCell>Age</TableCell>
          <TableCell>Change cause</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {history.data.map(r => (
          <TableRow key={r.revision}>
            <TableCell>
              {r.revision}
              {r.current ? ' (current)' : ''}
            </TableCell>
            <TableCell>{r.images.join(', ')}</TableCell>
            <TableCell>{age(r.createdAt)}</TableCell>
            <TableCell>{r.changeCause ?? '—'}</TableCell>
            <TableCell align="right">
              {props.canRollback && !r.current && (
                <Button
                  size="small"
                  variant="outlined"
                  disabled={props.busy}
                  onClick={() => props.onRollback(r.revision)}
                >
                  Roll back to {r.revision}
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
