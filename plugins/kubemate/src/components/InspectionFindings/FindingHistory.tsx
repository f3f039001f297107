import { Progress } from '@backstage/core-components';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useInspectionFinding } from '../../queries';
import {
  STATE_LABELS,
  errorMessage,
  formatDateTime,
} from '../InspectionShared';

const REASON_LABELS: Record<string, string> = {
  'accepted-risk': 'accepted risk',
  'false-positive': 'false positive',
};

/** The finding's transitions (who changed its state, when, why), oldest first. */
export function FindingHistory(props: { fingerprint: string }) {
  const { data, error, isPending } = useInspectionFinding(props.fingerprint);
  if (isPending) return <Progress />;
  if (error) return <Alert severity="error">{errorMessage(error)}</Alert>;
  const history = data.history ?? [];
  if (history.length === 0) {
    return <Typography color="textSecondary">No transitions yet.</Typography>;
  }
  return (
    <Table size="small" aria-label="State history">
      <TableHead style={{ whiteSpace: 'nowrap' }}>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Change</TableCell>
          <TableCell>By</TableCell>
          <TableCell>Reason</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {history.map((t, i) => (
          <TableRow key={t.id ?? i}>
            <TableCell>{formatDateTime(t.at)}</TableCell>
            <TableCell>
              {t.from ? `${STATE_LABELS[t.from]} → ` : ''}
              {STATE_LABELS[t.to]}
            </TableCell>
            <TableCell>{t.actor}</TableCell>
            <TableCell>
              {[t.reason && (REASON_LABELS[t.reason] ?? t.reason), t.comment]
                .filter(Boolean)
                .join(': ')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
