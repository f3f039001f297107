import { InfoCard, Progress } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import {
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  Grid,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useCreateRelease, useEntityWorkloads } from '../../queries';
import { errorMessage } from '../InspectionShared/format';
import { releasePath } from './format';
import { GateProbesField } from './GateProbesField';
import {
  buildReleaseRequest,
  DEFAULT_FORM,
  type ReleaseForm,
  type ReleaseFormErrors,
} from './startReleaseForm';
import { releaseChoices, type ClusterChoices } from './workloadChoices';

/** The form's Service, stable and canary for a namespace: a Service that is not a version's own. */
function namespaceDefaults(
  choices: ClusterChoices[],
  cluster: string,
  namespace?: string,
): Pick<ReleaseForm, 'namespace' | 'service' | 'stable' | 'canary'> {
  const c = choices.find(x => x.cluster === cluster);
  const ns =
    c?.namespaces.find(n => n.namespace === namespace) ?? c?.namespaces[0];
  if (!ns) return { namespace: '', service: '', stable: '', canary: '' };
  return {
    namespace: ns.namespace,
    service:
      ns.services.find(s => !ns.deployments.includes(s)) ?? ns.services[0],
    stable: ns.deployments[0],
    canary: ns.deployments[1],
  };
}

function Field(props: {
  form: ReleaseForm;
  errors: ReleaseFormErrors;
  name: keyof ReleaseForm;
  label: string;
  helper?: string;
  onChange(name: keyof ReleaseForm, value: string): void;
  options?: string[];
  width?: 3 | 4 | 6 | 12;
}) {
  const { form, errors, name } = props;
  return (
    <Grid item xs={12} sm={props.width ?? 4}>
      <TextField
        id={`release-${name}`}
        label={props.label}
        value={String(form[name])}
        onChange={e => props.onChange(name, e.target.value)}
        error={!!errors[name]}
        helperText={errors[name] ?? props.helper}
        select={!!props.options}
        SelectProps={props.options ? { native: true } : undefined}
        fullWidth
        margin="dense"
      >
        {props.options?.map(o => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </TextField>
    </Grid>
  );
}

/**
 * Starts a release of one of the entity's Services: the versions are picked from its
 * workloads, the plan typed in; Enter submits. The backend checks everything again and its
 * refusal (another release in progress, a route that cannot match headers) is shown as said.
 */
export function StartReleaseForm(props: { entity: Entity }) {
  const workloads = useEntityWorkloads(props.entity);
  const create = useCreateRelease(props.entity);
  const navigate = useNavigate();
  const choices = useMemo(
    () => (workloads.data ? releaseChoices(workloads.data) : []),
    [workloads.data],
  );
  const [edited, setForm] = useState<ReleaseForm>();
  const [errors, setErrors] = useState<ReleaseFormErrors>({});
  // Until the user picks, the first cluster and namespace that can take a release.
  const form: ReleaseForm = edited ?? {
    ...DEFAULT_FORM,
    cluster: choices[0]?.cluster ?? '',
    ...namespaceDefaults(choices, choices[0]?.cluster ?? ''),
  };

  if (workloads.isPending) return <Progress />;
  if (choices.length === 0) {
    return (
      <InfoCard title="Start a release">
        <Typography color="textSecondary">
          {workloads.error
            ? `The entity's workloads could not be read: ${errorMessage(
                workloads.error,
              )}`
            : 'No namespace of this entity has a Service and two Deployments to release.'}
        </Typography>
      </InfoCard>
    );
  }
  const cluster = choices.find(c => c.cluster === form.cluster);
  const ns = cluster?.namespaces.find(n => n.namespace === form.namespace);

  const change = (name: keyof ReleaseForm, value: string | boolean) => {
    let next: ReleaseForm = { ...form, [name]: value };
    if (name === 'cluster')
      next = { ...next, ...namespaceDefaults(choices, value as string) };
    if (name === 'namespace')
      next = {
        ...next,
        ...namespaceDefaults(choices, form.cluster, value as string),
      };
    // A gray release cannot go without weight steps.
    if (name === 'strategy' && value === 'gray' && next.steps === 'none')
      next.steps = 'weights';
    setForm(next);
    if (errors[name]) setErrors({ ...errors, [name]: undefined });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const built = buildReleaseRequest(form);
    setErrors(built.errors);
    if (!built.request) return;
    create.mutate(built.request, {
      onSuccess: release => navigate(releasePath(release.id)),
    });
  };

  const common = { form, errors, onChange: change };
  const isCanary = form.strategy === 'canary';
  return (
    <InfoCard title="Start a release">
      <form onSubmit={submit} noValidate aria-label="Start a release">
        <Grid container spacing={1}>
          <Field
            {...common}
            name="cluster"
            label="Cluster"
            options={choices.map(c => c.cluster)}
          />
          <Field
            {...common}
            name="namespace"
            label="Namespace"
            options={cluster?.namespaces.map(n => n.namespace) ?? []}
          />
          <Field
            {...common}
            name="service"
            label="Service"
            helper="Its route (parent: this Service) is adopted"
            options={ns?.services ?? []}
          />
          <Field
            {...common}
            name="stable"
            label="Stable Deployment"
            options={ns?.deployments ?? []}
          />
          <Field
            {...common}
            name="canary"
            label="Canary Deployment"
            options={ns?.deployments ?? []}
          />
          <Grid item xs={12} sm={4}>
            <TextField
              id="release-strategy"
              label="Strategy"
              value={form.strategy}
              onChange={e => change('strategy', e.target.value)}
              select
              SelectProps={{ native: true }}
              fullWidth
              margin="dense"
              helperText={
                isCanary
                  ? 'Matching requests go to the canary, the rest by weight'
                  : 'Traffic split by weight'
              }
            >
              <option value="gray">gray</option>
              <option value="canary">canary</option>
            </TextField>
          </Grid>
          {isCanary && (
            <>
              <Grid item xs={12} sm={4}>
                <TextField
                  id="release-matchKind"
                  label="Match on"
                  value={form.matchKind}
                  onChange={e => change('matchKind', e.target.value)}
                  select
                  SelectProps={{ native: true }}
                  fullWidth
                  margin="dense"
                >
                  <option value="header">header</option>
                  <option value="cookie">cookie</option>
                </TextField>
              </Grid>
              <Field
                {...common}
                name="matchName"
                label={
                  form.matchKind === 'header' ? 'Header name' : 'Cookie name'
                }
              />
              <Field
                {...common}
                name="matchValue"
                label={
                  form.matchKind === 'header' ? 'Header value' : 'Cookie value'
                }
              />
            </>
          )}
          <Grid item xs={12} sm={4}>
            <TextField
              id="release-steps"
              label="Steps"
              value={form.steps}
              onChange={e => change('steps', e.target.value)}
              error={!!errors.steps}
              helperText={errors.steps}
              select
              SelectProps={{ native: true }}
              fullWidth
              margin="dense"
            >
              <option value="weights">Step weights</option>
              <option value="size">Step size up to a maximum</option>
              {isCanary && (
                <option value="none">No weights: matching requests only</option>
              )}
            </TextField>
          </Grid>
          {form.steps === 'weights' && (
            <Field
              {...common}
              name="stepWeights"
              label="Step weights (%)"
              helper="Canary weight per step, e.g. 10, 25, 50"
            />
          )}
          {form.steps === 'size' && (
            <>
              <Field {...common} name="stepSize" label="Step size (%)" />
              <Field {...common} name="maxWeight" label="Maximum weight (%)" />
            </>
          )}
          <Field
            {...common}
            name="intervalSeconds"
            label="Interval (seconds)"
            helper="Time between steps"
          />
          {isCanary && (
            <Field
              {...common}
              name="iterations"
              label="Iterations"
              helper={
                form.steps === 'none'
                  ? 'Checks before waiting for promotion'
                  : 'Optional'
              }
            />
          )}
          <Field
            {...common}
            name="minSuccessPercent"
            label="Min success rate (%)"
          />
          <Field {...common} name="maxP99Ms" label="Max p99 latency (ms)" />
          <Field
            {...common}
            name="minRequests"
            label="Min requests per step"
            helper="Fewer hold the step"
          />
          <Field
            {...common}
            name="failedChecksToAbort"
            label="Failed checks to abort"
          />
          <Grid item xs={12} sm={4}>
            <FormControlLabel
              control={
                <Checkbox
                  checked={form.sticky}
                  onChange={e => change('sticky', e.target.checked)}
                  color="primary"
                />
              }
              label="Sticky sessions (a user who reached the canary stays on it)"
            />
          </Grid>
          {form.sticky && (
            <Field
              {...common}
              name="stickyCookie"
              label="Sticky cookie name"
              helper="Set by the canary's responses"
            />
          )}
          <GateProbesField
            value={form.gateProbes}
            cluster={form.cluster}
            error={errors.gateProbes}
            onChange={v => change('gateProbes', v)}
          />
          <Grid item xs={12} sm={4}>
            <FormControlLabel
              control={
                <Checkbox
                  checked={form.autoPromote}
                  onChange={e => change('autoPromote', e.target.checked)}
                  color="primary"
                />
              }
              label="Promote automatically after the last step"
            />
          </Grid>
        </Grid>
        {create.error && (
          <Box mt={2}>
            <Alert severity="error">
              The release was not started: {errorMessage(create.error)}
            </Alert>
          </Box>
        )}
        <Box mt={2}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={create.isPending}
          >
            Start release
          </Button>
        </Box>
      </form>
    </InfoCard>
  );
}
