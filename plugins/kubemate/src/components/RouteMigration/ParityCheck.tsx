import { StatusError, StatusOK } from '@backstage/core-components';
import type {
  RouteMigratePreviewResponse,
  RouteMigrateRequest,
} from '@kubemate/plugin-kubemate-common';
import {
  Box,
  Button,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { useState } from 'react';
import { pathError } from '../RouteTester/testRequest';
import {
  gatewaySideLabel,
  mismatchesFirst,
  requestLabel,
  traefikSideLabel,
} from './migrationFormat';

type SampleRequest = NonNullable<RouteMigrateRequest['requests']>[number];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

const useStyles = makeStyles(theme => ({
  mismatch: { background: 'rgba(248, 81, 73, 0.12)' },
  sample: { display: 'flex', gap: theme.spacing(1), alignItems: 'flex-end' },
}));

/** The user's own sample requests: added one at a time, sent with the next preview. */
function SampleRequests(props: {
  samples: SampleRequest[];
  onChange(samples: SampleRequest[]): void;
  onRerun(): void;
  running: boolean;
}) {
  const classes = useStyles();
  const [host, setHost] = useState('');
  const [path, setPath] = useState('');
  const [method, setMethod] = useState('GET');
  const [touched, setTouched] = useState(false);
  const invalid = pathError(path);
  const add = () => {
    setTouched(true);
    if (invalid) return;
    props.onChange([
      ...props.samples,
      {
        path,
        ...(host.trim() ? { host: host.trim() } : {}),
        ...(method ? { method } : {}),
      },
    ]);
    setPath('');
    setTouched(false);
  };
  return (
    <Box mt={1}>
      <Typography variant="subtitle2">Your sample requests</Typography>
      <div className={classes.sample}>
        <TextField
          id="parity-sample-host"
          label="Sample host"
          value={host}
          onChange={e => setHost(e.target.value)}
          margin="dense"
          inputProps={{ maxLength: 253 }}
        />
        <TextField
          id="parity-sample-path"
          label="Sample path"
          value={path}
          onChange={e => setPath(e.target.value)}
          onKeyDown={e => {
            // Enter adds the request rather than submitting anything else.
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          error={touched && !!invalid}
          helperText={touched ? invalid : undefined}
          margin="dense"
          inputProps={{ maxLength: 4096 }}
        />
        <TextField
          id="parity-sample-method"
          select
          label="Sample method"
          value={method}
          onChange={e => setMethod(e.target.value)}
          SelectProps={{ native: true }}
          margin="dense"
        >
          <option value="">any</option>
          {METHODS.map(m => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </TextField>
        <Button size="small" onClick={add}>
          Add request
        </Button>
        <Button
          size="small"
          variant="outlined"
          onClick={props.onRerun}
          disabled={props.running}
        >
          Re-run preview
        </Button>
      </div>
      <Box mt={1}>
        {props.samples.map((s, i) => (
          <Chip
            key={i}
            size="small"
            label={requestLabel(s)}
            onDelete={() =>
              props.onChange(props.samples.filter((_, k) => k !== i))
            }
            style={{ margin: 2 }}
          />
        ))}
      </Box>
    </Box>
  );
}

/** Sample requests through Traefik and through the Gateway: do they reach the same backends? */
export function ParityCheck(props: {
  parity: RouteMigratePreviewResponse['parity'];
  samples: SampleRequest[];
  onSamplesChange(samples: SampleRequest[]): void;
  onRerun(): void;
  running: boolean;
}) {
  const classes = useStyles();
  const rows = mismatchesFirst(props.parity.rows);
  const mismatches = rows.filter(r => !r.same).length;
  return (
    <Box mt={2} component="section" aria-label="Parity check">
      <Typography variant="h6" gutterBottom>
        Parity check
      </Typography>
      <Typography variant="body2" paragraph>
        {mismatches
          ? `${mismatches} of ${rows.length} requests reach different backends`
          : `All ${rows.length} requests reach the same backends`}
      </Typography>
      <Table size="small" aria-label="Parity">
        <TableHead>
          <TableRow>
            <TableCell>Request</TableCell>
            <TableCell>Traefik</TableCell>
            <TableCell>Gateway</TableCell>
            <TableCell>Same</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row, i) => (
            <TableRow
              key={i}
              className={row.same ? undefined : classes.mismatch}
            >
              <TableCell>
                <code>{requestLabel(row.request)}</code>
              </TableCell>
              <TableCell>{traefikSideLabel(row.traefik)}</TableCell>
              <TableCell>{gatewaySideLabel(row.gateway)}</TableCell>
              <TableCell>
                {row.same ? (
                  <StatusOK>same</StatusOK>
                ) : (
                  <StatusError>mismatch</StatusError>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <SampleRequests
        samples={props.samples}
        onChange={props.onSamplesChange}
        onRerun={props.onRerun}
        running={props.running}
      />
    </Box>
  );
}
