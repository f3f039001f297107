import {
  describeCron,
  formatRun,
  nextRuns,
  parseCron,
  scheduleParamsSchema,
  type ScheduleParams,
} from '@kubemate/plugin-kubemate-common';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@material-ui/core';
import { useCallback, useMemo, useState, type FormEvent } from 'react';

/** What a typed schedule means: its description and next runs, or what is wrong with it. */
export function previewSchedule(
  expression: string,
  timeZone: string,
  now = new Date(),
):
  | { params: ScheduleParams; words: string; next: string[] }
  | { error: string } {
  const parsed = scheduleParamsSchema.safeParse({
    schedule: expression,
    timeZone: timeZone.trim() === '' ? null : timeZone.trim(),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      error: `${issue.path[0] === 'timeZone' ? 'Time zone' : 'Schedule'}: ${
        issue.message
      }`,
    };
  }
  const zone = parsed.data.timeZone ?? 'UTC';
  return {
    params: parsed.data,
    words: describeCron(expression),
    next: nextRuns(parseCron(expression), now, 5, zone).map(r =>
      formatRun(r, zone),
    ),
  };
}

/** Edits a CronJob's schedule: the next runs follow what is typed; Enter saves. */
export function ScheduleDialog(props: {
  open: boolean;
  name: string;
  schedule: string;
  timeZone?: string;
  busy?: boolean;
  onSave(params: ScheduleParams): void;
  onClose(): void;
}) {
  const [expression, setExpression] = useState(props.schedule);
  const [timeZone, setTimeZone] = useState(props.timeZone ?? '');
  const focusOnMount = useCallback(
    (input: HTMLInputElement | null) => input?.select(),
    [],
  );
  const preview = useMemo(
    () => previewSchedule(expression, timeZone),
    [expression, timeZone],
  );
  const error = 'error' in preview ? preview.error : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if ('params' in preview) props.onSave(preview.params);
  };
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby="kubemate-schedule-title"
      maxWidth="sm"
      fullWidth
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="kubemate-schedule-title">
          Schedule of {props.name}
        </DialogTitle>
        <DialogContent>
          <TextField
            inputRef={focusOnMount}
            fullWidth
            margin="dense"
            label="Schedule"
            value={expression}
            onChange={e => setExpression(e.target.value)}
            error={!!error && !error.startsWith('Time zone')}
            helperText="minute hour day-of-month month day-of-week, or @hourly, @daily…"
            inputProps={{ 'aria-label': 'Schedule', spellCheck: false }}
          />
          <TextField
            fullWidth
            margin="dense"
            label="Time zone"
            value={timeZone}
            onChange={e => setTimeZone(e.target.value)}
            error={!!error?.startsWith('Time zone')}
            helperText="IANA name such as Europe/Berlin; empty for the controller’s (usually UTC)"
            inputProps={{ 'aria-label': 'Time zone', spellCheck: false }}
          />
          <div aria-live="polite">
            {error ? (
              <Typography color="error" role="alert">
                {error}
              </Typography>
            ) : (
              'params' in preview && (
                <>
                  <Typography variant="body2">{preview.words}</Typography>
                  <Typography variant="subtitle2">Next runs</Typography>
                  <ul aria-label="Next runs">
                    {preview.next.map(n => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                </>
              )
            )}
          </div>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={!!error || props.busy}
          >
            Save schedule
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
