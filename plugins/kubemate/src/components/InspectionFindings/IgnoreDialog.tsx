import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState, type FormEvent } from 'react';
import type { Finding, IgnoreReason } from '../../api';
import { useIgnoreFinding } from '../../queries';
import { errorMessage, formatResource } from '../InspectionShared';

const REASONS: Array<{ value: IgnoreReason; label: string; help: string }> = [
  {
    value: 'accepted-risk',
    label: 'Accepted risk',
    help: 'The finding is real, and the risk is accepted for now.',
  },
  {
    value: 'false-positive',
    label: 'False positive',
    help: 'The rule does not apply to this resource.',
  },
];

/** Tomorrow as YYYY-MM-DD: the backend only takes an expiry in the future. */
const tomorrow = () => {
  const d = new Date(Date.now() + 24 * 3600_000);
  return d.toISOString().slice(0, 10);
};

/**
 * Asks why a risk is ignored (required), an optional comment and an optional expiry after
 * which it comes back. A form, so Enter submits and Escape closes.
 */
export function IgnoreDialog(props: {
  finding: Finding;
  open: boolean;
  onClose: () => void;
}) {
  const { finding, open, onClose } = props;
  const [reason, setReason] = useState<IgnoreReason>('accepted-risk');
  const [comment, setComment] = useState('');
  const [until, setUntil] = useState('');
  const mutation = useIgnoreFinding();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate(
      {
        fingerprint: finding.fingerprint,
        ignore: {
          reason,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          ...(until ? { until } : {}),
        },
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby="kubemate-ignore-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit}>
        <DialogTitle id="kubemate-ignore-title">Ignore risk</DialogTitle>
        <DialogContent>
          <Typography gutterBottom>
            <strong>{finding.title}</strong> on{' '}
            {formatResource(finding.resource)} ({finding.cluster})
          </Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            Ignored risks stay listed but no longer count in scores. The
            decision is recorded with your name.
          </Typography>
          <FormControl component="fieldset" margin="normal" required>
            <FormLabel component="legend">Reason</FormLabel>
            <RadioGroup
              name="reason"
              value={reason}
              onChange={e => setReason(e.target.value as IgnoreReason)}
            >
              {REASONS.map(r => (
                <FormControlLabel
                  key={r.value}
                  value={r.value}
                  control={<Radio color="primary" />}
                  label={
                    <span>
                      {r.label}
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="span"
                      >
                        {' '}
                        — {r.help}
                      </Typography>
                    </span>
                  }
                />
              ))}
            </RadioGroup>
          </FormControl>
          <TextField
            id="kubemate-ignore-comment"
            label="Comment"
            value={comment}
            onChange={e => setComment(e.target.value)}
            multiline
            minRows={2}
            fullWidth
            margin="normal"
            inputProps={{ maxLength: 2000 }}
            helperText="Why, and who agreed (optional)"
          />
          <TextField
            id="kubemate-ignore-until"
            label="Ignore until"
            type="date"
            value={until}
            onChange={e => setUntil(e.target.value)}
            margin="normal"
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: tomorrow() }}
            helperText="Optional: the risk comes back after this date"
          />
          {mutation.error && (
            <Alert severity="error">{errorMessage(mutation.error)}</Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={mutation.isPending}
          >
            Ignore
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
