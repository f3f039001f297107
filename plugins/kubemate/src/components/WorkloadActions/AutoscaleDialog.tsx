import type {
  AutoscalingParams,
  KubeObject,
} from '@kubemate/plugin-kubemate-common';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Grid,
  InputAdornment,
  TextField,
} from '@material-ui/core';
import { useCallback, useState, type FormEvent } from 'react';
import {
  initialFields,
  readFields,
  type AutoscalingFields,
} from './autoscalingForm';

const LABELS: Record<keyof AutoscalingFields, string> = {
  minReplicas: 'Minimum replicas',
  maxReplicas: 'Maximum replicas',
  cpuUtilization: 'CPU utilisation target',
  memoryUtilization: 'Memory utilisation target',
};

/**
 * Creates an HPA for a Deployment or StatefulSet, or edits one: bounds and CPU and memory
 * utilisation targets. Errors show per field as soon as a field was touched (all on submit);
 * Enter saves; the values stay when the save fails.
 */
export function AutoscaleDialog(props: {
  open: boolean;
  /** The workload scaled (create) or the HPA (edit). */
  title: string;
  hpa?: KubeObject;
  /** The workload's replicas, to suggest a minimum for a new HPA. */
  replicas?: number;
  busy?: boolean;
  onSave(params: AutoscalingParams): void;
  onClose(): void;
}) {
  const [fields, setFields] = useState(() =>
    initialFields(props.hpa, props.replicas),
  );
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const focusOnMount = useCallback(
    (input: HTMLInputElement | null) => input?.select(),
    [],
  );
  const read = readFields(fields);
  const errorOf = (key: keyof AutoscalingFields) =>
    touched.has(key) ? read.errors?.[key] : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(new Set(Object.keys(LABELS)));
    if (read.params) props.onSave(read.params);
  };
  const field = (key: keyof AutoscalingFields, percent: boolean) => (
    <Grid item xs={12} sm={6} key={key}>
      <TextField
        inputRef={key === 'minReplicas' ? focusOnMount : undefined}
        fullWidth
        label={LABELS[key]}
        type="number"
        value={fields[key]}
        onChange={e => {
          const value = e.target.value;
          setFields(f => ({ ...f, [key]: value }));
          setTouched(t => new Set(t).add(key));
        }}
        onBlur={() => setTouched(t => new Set(t).add(key))}
        error={!!errorOf(key)}
        helperText={
          errorOf(key) ??
          (percent ? 'Percent of the pods’ requests; empty for none' : ' ')
        }
        inputProps={{
          min: percent ? 1 : 1,
          max: percent ? 100 : 1000,
          'aria-label': LABELS[key],
        }}
        InputProps={
          percent
            ? {
                endAdornment: <InputAdornment position="end">%</InputAdornment>,
              }
            : undefined
        }
      />
    </Grid>
  );
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby="kubemate-autoscale-title"
      maxWidth="sm"
      fullWidth
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="kubemate-autoscale-title">{props.title}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {props.hpa
              ? 'Other metrics of this autoscaler are kept as they are.'
              : 'Creates a HorizontalPodAutoscaler of the same name. Without any target, Kubernetes scales on 80 % CPU.'}
          </DialogContentText>
          <Grid container spacing={2}>
            {field('minReplicas', false)}
            {field('maxReplicas', false)}
            {field('cpuUtilization', true)}
            {field('memoryUtilization', true)}
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={props.busy || (touched.size > 0 && !read.params)}
          >
            {props.hpa ? 'Save' : 'Create autoscaler'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
