import type { ProbeSummary } from '@kubemate/plugin-kubemate-common';
import { Grid, TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { useMemo } from 'react';
import { useFleetProbes } from '../../queries/useProbes';
import { errorMessage } from '../InspectionShared/format';
import { gateProbeIds } from './startReleaseForm';

/** How a probe is listed: its id, where it runs and how it did last. */
function describe(p: ProbeSummary): string {
  const where = p.namespace ? `${p.cluster}/${p.namespace}` : p.cluster;
  return `${p.id} — ${p.title} (${where}, ${
    p.lastRun?.status ?? 'not run yet'
  })`;
}

/**
 * The release's gate probes: picked from the probes the user may read, those of the release's
 * cluster first, or typed (a probe the list does not show is still checked by the backend,
 * which refuses an unknown id). Typed text becomes a probe when the field loses focus.
 */
export function GateProbesField(props: {
  value: string;
  cluster: string;
  error?: string;
  onChange(value: string): void;
}) {
  const probes = useFleetProbes();
  const { byId, options } = useMemo(() => {
    const items = probes.data?.items ?? [];
    const sorted = [...items].sort(
      (a, b) =>
        Number(b.cluster === props.cluster) -
          Number(a.cluster === props.cluster) || a.id.localeCompare(b.id),
    );
    return {
      byId: new Map(items.map(p => [p.id, p])),
      options: sorted.map(p => p.id),
    };
  }, [probes.data, props.cluster]);
  return (
    <Grid item xs={12} sm={6}>
      <Autocomplete
        id="release-gateProbes"
        multiple
        freeSolo
        autoSelect
        size="small"
        options={options}
        value={gateProbeIds(props.value)}
        onChange={(_e, ids) => props.onChange((ids as string[]).join(', '))}
        renderOption={id => {
          const p = byId.get(id);
          return p ? describe(p) : id;
        }}
        renderInput={params => (
          <TextField
            {...params}
            label="Gate probes"
            margin="dense"
            error={!!props.error}
            helperText={
              props.error ??
              (probes.error
                ? `Probes cannot be listed (${errorMessage(
                    probes.error,
                  )}): type their ids`
                : 'Probes that must pass before each step forward and the promotion')
            }
          />
        )}
      />
    </Grid>
  );
}
