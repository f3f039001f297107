import type { AdminManifestFinding } from '@kubemate/plugin-kubemate-common';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';

const where = (f: AdminManifestFinding) =>
  `${f.kind} ${f.name}${f.container ? ` (container ${f.container})` : ''}${
    f.path ? ` — ${f.path}` : ''
  }${f.index !== undefined ? ` #${f.index + 1}` : ''}`;

/**
 * What the inspection rules find in manifests before they are applied: high-severity findings
 * in an error alert of their own, then every finding in a table.
 */
export function ManifestFindings(props: {
  findings?: AdminManifestFinding[];
  inspectionError?: string;
  /** What was inspected, in the sentences. Default "these manifests". */
  subject?: string;
}) {
  const { findings, inspectionError } = props;
  const subject = props.subject ?? 'these manifests';
  if (inspectionError) {
    return <Alert severity="warning">{inspectionError}</Alert>;
  }
  if (!findings) return null;
  if (findings.length === 0) {
    return (
      <Alert severity="success">
        Inspection (baseline profile): no findings in {subject}.
      </Alert>
    );
  }
  const high = findings.filter(f => f.severity === 'high');
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      {high.length > 0 && (
        <Alert severity="error" aria-label="High-severity findings">
          <Typography variant="subtitle2">
            {high.length} high-severity finding{high.length === 1 ? '' : 's'} in{' '}
            {subject}
          </Typography>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {high.map((f, i) => (
              <li key={`${f.ruleId}-${i}`}>
                {where(f)}: {f.title}
                {f.message ? ` — ${f.message}` : ''}
                {f.introduced ? ' (new with this edit)' : ''}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <Table size="small" aria-label="Inspection findings">
        <TableHead>
          <TableRow>
            <TableCell>Severity</TableCell>
            <TableCell>Object</TableCell>
            <TableCell>Rule</TableCell>
            <TableCell>Finding</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {findings.map((f, i) => (
            <TableRow key={`${f.ruleId}-${f.kind}-${f.name}-${i}`}>
              <TableCell>
                <Typography
                  variant="body2"
                  color={f.severity === 'high' ? 'error' : 'textPrimary'}
                >
                  {f.severity}
                  {f.status === 'error' ? ' (not evaluated)' : ''}
                </Typography>
              </TableCell>
              <TableCell>{where(f)}</TableCell>
              <TableCell>
                {f.title}
                {f.introduced && (
                  <Typography variant="caption" color="error">
                    {' '}
                    new with this edit
                  </Typography>
                )}
                <Typography variant="caption" display="block">
                  {f.ruleId}
                </Typography>
              </TableCell>
              <TableCell>
                {f.message}
                {f.remediation && (
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    {f.remediation}
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
