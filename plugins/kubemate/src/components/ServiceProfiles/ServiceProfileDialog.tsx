import type { Entity } from '@backstage/catalog-model';
import {
  serviceProfileSpecSchema,
  type ServiceProfileRoute,
  type ServiceProfileSpec,
} from '@kubemate/plugin-kubemate-common';
import {
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  IconButton,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import { Alert } from '@material-ui/lab';
import { useState, type FormEvent } from 'react';
import type { ServiceProfileTarget } from '../../api/ServiceProfilesApi';
import { UnifiedDiff } from '../UnifiedDiff';
import { useSaveServiceProfile } from './useServiceProfiles';

/** The retry budget's fields: key, label, example. */
const BUDGET_FIELDS = [
  ['retryRatio', 'Retry ratio', '0.2'],
  ['minRetriesPerSecond', 'Min retries per second', '10'],
  ['ttl', 'TTL', '10s'],
] as const;

const METHODS = [
  '',
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
];

/** The backend's message (e.g. why a 409), without the HTTP status prefix. */
function serverMessage(error: Error): string {
  const body = (error as { body?: { error?: { message?: unknown } } }).body;
  return typeof body?.error?.message === 'string'
    ? body.error.message
    : error.message;
}

/** What the form holds: everything as typed, checked on preview. */
type Draft = {
  routes: Array<{
    name: string;
    method: string;
    pathRegex: string;
    isRetryable: boolean;
    timeout: string;
  }>;
  retryBudget: { retryRatio: string; minRetriesPerSecond: string; ttl: string };
};

function draftOf(spec?: ServiceProfileSpec): Draft {
  return {
    routes: (spec?.routes ?? []).map(r => ({
      name: r.name,
      method: r.condition.method ?? '',
      pathRegex: r.condition.pathRegex,
      isRetryable: r.isRetryable ?? false,
      timeout: r.timeout ?? '',
    })),
    retryBudget: {
      retryRatio: String(spec?.retryBudget?.retryRatio ?? ''),
      minRetriesPerSecond: String(spec?.retryBudget?.minRetriesPerSecond ?? ''),
      ttl: spec?.retryBudget?.ttl ?? '',
    },
  };
}

function specOf(draft: Draft): unknown {
  const budget = draft.retryBudget;
  const hasBudget =
    budget.retryRatio || budget.minRetriesPerSecond || budget.ttl;
  return {
    routes: draft.routes.map(
      (r): ServiceProfileRoute => ({
        name: r.name,
        condition: {
          ...(r.method
            ? { method: r.method as ServiceProfileRoute['condition']['method'] }
            : {}),
          pathRegex: r.pathRegex,
        },
        ...(r.isRetryable ? { isRetryable: true } : {}),
        ...(r.timeout ? { timeout: r.timeout } : {}),
      }),
    ),
    ...(hasBudget
      ? {
          retryBudget: {
            retryRatio: Number(budget.retryRatio),
            minRetriesPerSecond: Number(budget.minRetriesPerSecond),
            ttl: budget.ttl,
          },
        }
      : {}),
  };
}

/**
 * Edits one Service's ServiceProfile: routes (method and path regex), retryable, timeouts and
 * the retry budget. Preview shows the server's dry-run diff; Save applies exactly that, on the
 * version loaded (409 when someone changed it meanwhile).
 */
export function ServiceProfileDialog(props: {
  entity: Entity;
  target: ServiceProfileTarget;
  spec?: ServiceProfileSpec;
  resourceVersion?: string;
  onClose(): void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.spec));
  const [problems, setProblems] = useState<string[]>([]);
  const [diff, setDiff] = useState<string>();
  const save = useSaveServiceProfile(props.entity);
  const set = (change: (d: Draft) => void) => {
    const next = structuredClone(draft);
    change(next);
    setDraft(next);
    setDiff(undefined);
  };
  const checked = () => {
    const parsed = serviceProfileSpecSchema.safeParse(specOf(draft));
    if (parsed.success) {
      setProblems([]);
      return parsed.data;
    }
    setProblems(
      parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`),
    );
    return undefined;
  };
  const send = (dryRun: boolean) => {
    const spec = checked();
    if (!spec) return;
    save.mutate(
      {
        target: props.target,
        request: {
          spec,
          dryRun,
          ...(props.resourceVersion
            ? { resourceVersion: props.resourceVersion }
            : {}),
        },
      },
      {
        onSuccess: answer => {
          if (dryRun) setDiff(answer.diff || '(no change)');
          else props.onClose();
        },
      },
    );
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send(diff === undefined);
  };
  const { namespace, service } = props.target;
  return (
    <Dialog open onClose={props.onClose} maxWidth="lg" fullWidth>
      <form onSubmit={onSubmit} aria-label="ServiceProfile">
        <DialogTitle>
          ServiceProfile of {namespace}/{service}
        </DialogTitle>
        <DialogContent>
          {draft.routes.map((r, i) => (
            <Box key={i} display="flex" alignItems="center" mb={1}>
              <TextField
                label="Route name"
                id={`sp-${i}-name`}
                value={r.name}
                onChange={e =>
                  set(d => {
                    d.routes[i].name = e.target.value;
                  })
                }
                style={{ marginRight: 8, flex: 2 }}
              />
              <TextField
                select
                label="Method"
                id={`sp-${i}-method`}
                value={r.method}
                onChange={e =>
                  set(d => {
                    d.routes[i].method = String(e.target.value);
                  })
                }
                style={{ marginRight: 8, width: 110 }}
              >
                {METHODS.map(m => (
                  <MenuItem key={m} value={m}>
                    {m || 'any'}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                label="Path regex"
                id={`sp-${i}-path`}
                value={r.pathRegex}
                onChange={e =>
                  set(d => {
                    d.routes[i].pathRegex = e.target.value;
                  })
                }
                style={{ marginRight: 8, flex: 3 }}
              />
              <TextField
                label="Timeout"
                id={`sp-${i}-timeout`}
                placeholder="e.g. 300ms"
                value={r.timeout}
                onChange={e =>
                  set(d => {
                    d.routes[i].timeout = e.target.value;
                  })
                }
                style={{ marginRight: 8, width: 110 }}
              />
              <FormControlLabel
                control={
                  <Checkbox
                    checked={r.isRetryable}
                    onChange={e =>
                      set(d => {
                        d.routes[i].isRetryable = e.target.checked;
                      })
                    }
                  />
                }
                label="Retryable"
              />
              <IconButton
                aria-label={`Remove route ${r.name || i + 1}`}
                onClick={() =>
                  set(d => {
                    d.routes.splice(i, 1);
                  })
                }
              >
                <DeleteIcon />
              </IconButton>
            </Box>
          ))}
          <Button
            onClick={() =>
              set(d => {
                d.routes.push({
                  name: '',
                  method: 'GET',
                  pathRegex: '',
                  isRetryable: false,
                  timeout: '',
                });
              })
            }
          >
            Add route
          </Button>
          <Typography variant="subtitle2" style={{ marginTop: 16 }}>
            Retry budget (optional)
          </Typography>
          <Box display="flex">
            {BUDGET_FIELDS.map(([field, label, placeholder]) => (
              <TextField
                key={field}
                label={label}
                id={`sp-retry-${field}`}
                placeholder={placeholder}
                value={draft.retryBudget[field]}
                onChange={e =>
                  set(d => {
                    d.retryBudget[field] = e.target.value;
                  })
                }
                style={{ marginRight: 8 }}
              />
            ))}
          </Box>
          {problems.length > 0 && (
            <Alert severity="error" role="alert" style={{ marginTop: 16 }}>
              {problems.map(p => (
                <div key={p}>{p}</div>
              ))}
            </Alert>
          )}
          {save.error && (
            <Alert severity="error" role="alert" style={{ marginTop: 16 }}>
              {serverMessage(save.error)}
            </Alert>
          )}
          {diff !== undefined && (
            <Box mt={2}>
              <UnifiedDiff diff={diff} label="ServiceProfile changes" />
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant={diff === undefined ? 'outlined' : 'contained'}
            disabled={save.isPending}
          >
            {diff === undefined ? 'Preview' : 'Save'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
