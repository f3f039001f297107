import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { useCallback, useState, type FormEvent } from 'react';

/** Asks for a replica count (0–1000); Enter applies. */
export function ScaleDialog(props: {
  open: boolean;
  name: string;
  current: number;
  busy?: boolean;
  onScale(replicas: number): void;
  onClose(): void;
}) {
  const [value, setValue] = useState(String(props.current));
  // Put the cursor in the field when the dialog opens, so Enter applies a typed count.
  const focusOnMount = useCallback(
    (input: HTMLInputElement | null) => input?.select(),
    [],
  );
  const replicas = Number(value);
  const valid =
    value.trim() !== '' &&
    Number.isInteger(replicas) &&
    replicas >= 0 &&
    replicas <= 1000;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) props.onScale(replicas);
  };
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby="kubemate-scale-title"
    >
      <form onSubmit={submit}>
        <DialogTitle id="kubemate-scale-title">Scale {props.name}</DialogTitle>
        <DialogContent>
          <TextField
            inputRef={focusOnMount}
            fullWidth
            label="Replicas"
            type="number"
            inputProps={{ min: 0, max: 1000, 'aria-label': 'Replicas' }}
            value={value}
            onChange={e => setValue(e.target.value)}
            error={!valid}
            helperText={
              valid
                ? `Currently ${props.current}`
                : 'A whole number from 0 to 1000'
            }
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={!valid || props.busy}
          >
            Scale
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
