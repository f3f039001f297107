import { useApi } from '@backstage/core-plugin-api';
import type { OnboardRequest } from '@kubemate/plugin-kubemate-common';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import { useState, type FormEvent } from 'react';
import { kubemateApiRef } from '../../api';
import { NamespaceChangeResult, useNamespaceChange } from './NamespaceChange';

const DNS_1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Why a namespace name is not valid, or undefined. */
export function namespaceNameProblem(name: string): string | undefined {
  if (!name) return 'Required';
  if (name.length > 63) return 'At most 63 characters';
  if (!DNS_1123.test(name)) {
    return 'Lower-case letters, digits and "-", starting and ending with a letter or digit';
  }
  return undefined;
}

/**
 * Onboarding a namespace: the form, then the server-side dry run (what each object would
 * become), then the real run. Enter previews; nothing changes before "Onboard".
 */
export function OnboardDialog(props: {
  clusters: string[];
  sizes: string[];
  initial: { cluster?: string; name?: string };
  owner?: string;
  onClose(): void;
}) {
  const api = useApi(kubemateApiRef);
  const [cluster, setCluster] = useState(
    props.initial.cluster ?? props.clusters[0] ?? '',
  );
  const [name, setName] = useState(props.initial.name ?? '');
  const [owner, setOwner] = useState(props.owner ?? '');
  const [size, setSize] = useState(props.sizes[0] ?? '');
  const [mesh, setMesh] = useState(true);
  const [networkPolicy, setNetworkPolicy] = useState(false);
  const [tlsSecretName, setTls] = useState('');
  const [touched, setTouched] = useState(false);
  const request = (dryRun: boolean): OnboardRequest => ({
    owner,
    size,
    mesh,
    networkPolicy,
    ...(tlsSecretName ? { tlsSecretName } : {}),
    dryRun,
  });
  const run = useNamespaceChange(dryRun =>
    api.onboardNamespace(cluster, name, request(dryRun)),
  );
  // "Onboard" applies exactly what was last previewed.
  const current = JSON.stringify([cluster, name, request(false)]);
  const [previewed, setPreviewed] = useState<string>();
  const nameProblem = namespaceNameProblem(name);
  const ownerProblem = owner ? undefined : 'Required: a Group, e.g. team-erp';
  const valid = !nameProblem && !ownerProblem && !!size && !!cluster;
  const answer = run.data;

  const preview = (e?: FormEvent) => {
    e?.preventDefault();
    setTouched(true);
    if (valid) run.mutate(true, { onSuccess: () => setPreviewed(current) });
  };

  return (
    <Dialog open onClose={props.onClose} maxWidth="md" fullWidth>
      <form onSubmit={preview} noValidate>
        <DialogTitle>Onboard a namespace</DialogTitle>
        <DialogContent>
          <TextField
            select
            id="onboard-cluster"
            label="Cluster"
            value={cluster}
            onChange={e => setCluster(e.target.value)}
            margin="dense"
            fullWidth
          >
            {props.clusters.map(c => (
              <MenuItem key={c} value={c}>
                {c}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id="onboard-namespace"
            label="Namespace"
            value={name}
            onChange={e => setName(e.target.value)}
            error={touched && !!nameProblem}
            helperText={touched ? nameProblem : undefined}
            margin="dense"
            fullWidth
            inputProps={{ maxLength: 63 }}
          />
          <TextField
            id="onboard-owner"
            label="Owner group"
            value={owner}
            onChange={e => setOwner(e.target.value)}
            error={touched && !!ownerProblem}
            helperText={
              touched && ownerProblem
                ? ownerProblem
                : 'An entity ref; a bare name is a Group of the default namespace'
            }
            margin="dense"
            fullWidth
            inputProps={{ maxLength: 255 }}
          />
          <TextField
            select
            id="onboard-size"
            label="Size (ResourceQuota and LimitRange)"
            value={size}
            onChange={e => setSize(e.target.value)}
            margin="dense"
            fullWidth
          >
            {props.sizes.map(s => (
              <MenuItem key={s} value={s}>
                {s}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id="onboard-tls"
            label="TLS Secret for an HTTPS listener (optional)"
            value={tlsSecretName}
            onChange={e => setTls(e.target.value)}
            margin="dense"
            fullWidth
            inputProps={{ maxLength: 253 }}
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={mesh}
                onChange={e => setMesh(e.target.checked)}
              />
            }
            label="Linkerd proxy injection"
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={networkPolicy}
                onChange={e => setNetworkPolicy(e.target.checked)}
              />
            }
            label="Default-deny NetworkPolicy (admits the gateway)"
          />
          {run.error && (
            <Typography color="error" role="alert">
              {run.error.message}
            </Typography>
          )}
          {answer && (
            <NamespaceChangeResult
              label="Onboarding result"
              title={
                answer.dryRun
                  ? `Dry run: port ${answer.port}`
                  : `Onboarded ${answer.namespace} on port ${answer.port}`
              }
              answer={answer}
              diffs
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Close</Button>
          <Button type="submit" disabled={run.isPending}>
            Preview
          </Button>
          <Button
            color="primary"
            variant="contained"
            disabled={!answer?.dryRun || previewed !== current || run.isPending}
            onClick={() => run.mutate(false)}
          >
            Onboard
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
