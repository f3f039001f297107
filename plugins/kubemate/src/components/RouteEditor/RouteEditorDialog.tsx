import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type {
  ClusterRoutes,
  EntityRoutesResponse,
  HttpRouteIssue,
  HttpRouteSummary,
  RoutePreviewResponse,
} from '@kubemate/plugin-kubemate-common';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { routeIssuesOf } from '../../api';
import { kubemateKeys } from '../../queries';
import {
  draftOfRoute,
  emptyDraft,
  validateDraft,
  type RouteDraft,
} from './draft';
import { fieldId, formFieldKeys, placeIssues } from './fields';
import { HostnamesSection } from './HostnamesSection';
import { MetadataSection } from './MetadataSection';
import { ParentsSection } from './ParentsSection';
import { RouteFormProvider, type RouteForm } from './RouteFormContext';
import { RoutePreview } from './RoutePreview';
import { RulesSection } from './RuleFields';
import {
  serverMessage,
  statusOf,
  useRoutePreview,
  useRouteSave,
} from './routeMutations';

type Problem = { message: string; reload?: boolean };

/** Issues above the form: those without an input of their own (e.g. `spec.rules`). */
function UnplacedIssues(props: { issues: HttpRouteIssue[] }) {
  if (props.issues.length === 0) return null;
  return (
    <Alert
      severity="error"
      id="route-issues"
      tabIndex={-1}
      aria-label="Problems with the route"
    >
      {props.issues.map(issue => (
        <div key={`${issue.path}|${issue.message}`}>
          <code>{issue.path}</code>: {issue.message}
        </div>
      ))}
    </Alert>
  );
}

/**
 * Creating an HTTPRoute, or editing one from its stored spec, in a form. Every change is checked
 * with the same validation the server runs, each issue shown at its field; "Preview" asks the
 * server for the YAML, dry-run diff, conflicts and warnings, and "Save" writes exactly what was
 * previewed. Enter never saves: only the buttons act.
 */
export function RouteEditorDialog(props: {
  entity: Entity;
  cluster: ClusterRoutes;
  /** The route to edit; a new one when absent. */
  route?: HttpRouteSummary;
  onClose(): void;
}) {
  const { entity, cluster, onClose } = props;
  const mode = props.route ? 'update' : 'create';
  const alertApi = useApi(alertApiRef);
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RouteDraft>(() =>
    props.route
      ? draftOfRoute(props.route)
      : emptyDraft(cluster.namespaces[0] ?? ''),
  );
  const [serverIssues, setServerIssues] = useState<HttpRouteIssue[]>([]);
  // A new route's empty name is not an error until the user tries to go on.
  const [attempted, setAttempted] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [preview, setPreview] = useState<{
    of: string;
    answer: RoutePreviewResponse;
  }>();
  const [focusRequest, setFocusRequest] = useState<{ id: string }>();
  const previewRun = useRoutePreview(entity, mode);
  const save = useRouteSave(entity, mode);
  const current = useMemo(() => JSON.stringify(draft), [draft]);

  const localIssues = useMemo(
    () =>
      validateDraft(draft).filter(
        i => attempted || i.path !== 'metadata.name' || draft.metadata.name,
      ),
    [draft, attempted],
  );
  const keys = useMemo(() => formFieldKeys(draft), [draft]);
  const placed = useMemo(
    () => placeIssues([...localIssues, ...serverIssues], keys),
    [localIssues, serverIssues, keys],
  );

  const change = useCallback((update: (d: RouteDraft) => RouteDraft) => {
    setDraft(update);
    // The server's answer was about the previous draft.
    setServerIssues([]);
    setProblem(undefined);
  }, []);
  const form: RouteForm = useMemo(
    () => ({
      draft,
      change,
      cluster,
      editing: mode === 'update',
      issuesAt: key => placed.byField.get(key),
    }),
    [draft, change, cluster, mode, placed],
  );

  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  const focusFirstIssue = (issues: HttpRouteIssue[]) => {
    const { firstField } = placeIssues(issues, keys);
    setFocusRequest({ id: firstField ? fieldId(firstField) : 'route-issues' });
  };

  /** Shows why the server refused; true when it was about the route's fields. */
  const showFailure = (error: Error) => {
    const issues = routeIssuesOf(error);
    if (issues.length) {
      setServerIssues(issues);
      focusFirstIssue(issues);
      return;
    }
    if (statusOf(error) === 409) {
      setProblem(
        mode === 'update'
          ? {
              message: `HTTPRoute ${draft.metadata.namespace}/${draft.metadata.name} changed on the cluster since you opened it. Reload it to edit the current version (your changes here are lost), or close this dialog.`,
              reload: true,
            }
          : {
              message: `An HTTPRoute named ${draft.metadata.name} already exists in namespace ${draft.metadata.namespace}: choose another name, or edit that route.`,
            },
      );
      return;
    }
    setProblem({ message: serverMessage(error) });
  };

  /** The draft's own issues block the server round trip; true when there were some. */
  const blocked = () => {
    setAttempted(true);
    const issues = validateDraft(draft);
    if (issues.length) focusFirstIssue(issues);
    return issues.length > 0;
  };

  const runPreview = () => {
    if (blocked()) return;
    setProblem(undefined);
    const of = current;
    previewRun.mutate(
      { cluster: cluster.cluster, draft },
      {
        onSuccess: answer => setPreview({ of, answer }),
        onError: showFailure,
      },
    );
  };

  const runSave = () => {
    if (blocked()) return;
    setProblem(undefined);
    save.mutate(
      { cluster: cluster.cluster, draft },
      {
        onSuccess: answer => {
          alertApi.post({
            message: `Saved HTTPRoute ${answer.namespace}/${answer.name}${
              answer.conflicts.length
                ? ` (${answer.conflicts.length} conflict(s) with other routes)`
                : ''
            }`,
            severity: answer.conflicts.length ? 'warning' : 'success',
            display: 'transient',
          });
          onClose();
        },
        onError: showFailure,
      },
    );
  };

  const reload = async () => {
    const queryKey = kubemateKeys.entityRoutes(stringifyEntityRef(entity));
    await queryClient.invalidateQueries({ queryKey });
    const fresh = queryClient
      .getQueryData<EntityRoutesResponse>(queryKey)
      ?.items.find(c => c.cluster === cluster.cluster)
      ?.httpRoutes.find(
        r =>
          r.namespace === draft.metadata.namespace &&
          r.name === draft.metadata.name,
      );
    if (!fresh) {
      setProblem({
        message: `HTTPRoute ${draft.metadata.namespace}/${draft.metadata.name} no longer exists.`,
      });
      return;
    }
    setDraft(draftOfRoute(fresh));
    setServerIssues([]);
    setPreview(undefined);
    setProblem(undefined);
  };

  const shownPreview = preview?.of === current ? preview.answer : undefined;
  const busy = previewRun.isPending || save.isPending;
  const title =
    mode === 'update'
      ? `Edit HTTPRoute ${draft.metadata.namespace}/${draft.metadata.name}`
      : 'Create an HTTPRoute';

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="lg"
      fullWidth
      aria-labelledby="route-editor-title"
    >
      {/* No submit button: Enter in a field must not preview or save. */}
      <form onSubmit={e => e.preventDefault()} noValidate>
        <DialogTitle id="route-editor-title">
          {title}
          <Typography variant="body2" color="textSecondary">
            Cluster {cluster.title ?? cluster.cluster}
          </Typography>
        </DialogTitle>
        <DialogContent dividers>
          <RouteFormProvider value={form}>
            <UnplacedIssues issues={placed.unplaced} />
            <MetadataSection />
            <ParentsSection />
            <HostnamesSection />
            <RulesSection />
          </RouteFormProvider>
          {problem && (
            <Box mt={2}>
              <Alert
                severity="error"
                role="alert"
                action={
                  problem.reload ? (
                    <Button color="inherit" size="small" onClick={reload}>
                      Reload
                    </Button>
                  ) : undefined
                }
              >
                {problem.message}
              </Alert>
            </Box>
          )}
          {shownPreview && <RoutePreview preview={shownPreview} />}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button onClick={runPreview} disabled={busy}>
            Preview
          </Button>
          <Button
            color="primary"
            variant="contained"
            onClick={runSave}
            disabled={busy || !shownPreview}
          >
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
