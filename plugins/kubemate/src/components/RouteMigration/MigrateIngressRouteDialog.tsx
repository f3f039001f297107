import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  ClusterRoutes,
  IngressRouteSummary,
  RouteMigrateApplyResponse,
  RouteMigratePreviewResponse,
  RouteMigrateRequest,
} from '@kubemate/plugin-kubemate-common';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { kubemateApiRef, routeIssuesOf } from '../../api';
import { kubemateKeys } from '../../queries';
import { AfterApply } from './AfterApply';
import {
  MigratedRoutes,
  MigrationNotes,
  MigrationYaml,
  NotConvertible,
} from './MigrationFindings';
import { applyBlocker, migratableApiVersion } from './migrationFormat';
import { ParityCheck } from './ParityCheck';

type SampleRequest = NonNullable<RouteMigrateRequest['requests']>[number];

/**
 * Converting a Traefik IngressRoute to HTTPRoutes: the preview (YAML, dry-run diffs, what
 * cannot be converted, notes, a parity check with the user's own requests), then Apply, which
 * creates the HTTPRoutes and keeps the IngressRoute until they are Accepted.
 */
export function MigrateIngressRouteDialog(props: {
  cluster: ClusterRoutes;
  ingressRoute: IngressRouteSummary;
  open: boolean;
  onClose(): void;
}) {
  const { cluster, ingressRoute, open } = props;
  const { entity } = useEntity();
  const api = useApi(kubemateApiRef);
  const queryClient = useQueryClient();
  const apiVersion = migratableApiVersion(ingressRoute.apiVersion);
  const [samples, setSamples] = useState<SampleRequest[]>([]);
  // The requests of the last preview: Apply sends the same ones.
  const [sent, setSent] = useState<SampleRequest[]>([]);
  const body = (requests: SampleRequest[]): RouteMigrateRequest => ({
    cluster: cluster.cluster,
    ingressRoute: {
      apiVersion: apiVersion!,
      namespace: ingressRoute.namespace,
      name: ingressRoute.name,
    },
    ...(requests.length ? { requests } : {}),
  });
  const preview = useMutation<
    RouteMigratePreviewResponse,
    Error,
    SampleRequest[]
  >({
    mutationFn: requests =>
      api.previewRouteMigration(getCompoundEntityRef(entity), body(requests)),
  });
  const apply = useMutation<RouteMigrateApplyResponse, Error, void>({
    mutationFn: () =>
      api.applyRouteMigration(getCompoundEntityRef(entity), body(sent)),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: kubemateKeys.entityRoutes(stringifyEntityRef(entity)),
      }),
  });
  const { mutate: runPreview } = preview;
  // On open, and again when the user re-runs it with their sample requests.
  useEffect(() => {
    if (open && apiVersion) runPreview(sent);
  }, [open, apiVersion, sent, runPreview]);

  const data = preview.data;
  const blocker = data ? applyBlocker(data) : undefined;
  const applied = apply.data;
  const issues = routeIssuesOf(apply.error);
  const name = `${ingressRoute.namespace}/${ingressRoute.name}`;

  let content: React.ReactNode;
  if (!apiVersion) {
    content = (
      <Typography color="error">
        {ingressRoute.apiVersion} is not a Traefik API the migration knows.
      </Typography>
    );
  } else if (applied) {
    content = (
      <AfterApply
        cluster={cluster.cluster}
        ingressRoute={ingressRoute}
        result={applied}
      />
    );
  } else if (preview.error) {
    content = <ResponseErrorPanel error={preview.error} />;
  } else if (!data) {
    content = <Progress />;
  } else {
    content = (
      <>
        <NotConvertible
          items={data.notConvertible}
          ingressRoute={ingressRoute}
        />
        <MigrationNotes notes={data.notes} ingressRoute={ingressRoute} />
        <ParityCheck
          parity={data.parity}
          samples={samples}
          onSamplesChange={setSamples}
          onRerun={() => setSent([...samples])}
          running={preview.isPending}
        />
        <MigratedRoutes routes={data.routes} />
        <MigrationYaml yaml={data.yaml} />
      </>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={props.onClose}
      maxWidth="lg"
      fullWidth
      aria-labelledby="migrate-ingressroute-title"
    >
      <DialogTitle id="migrate-ingressroute-title">
        Migrate IngressRoute {name} to HTTPRoute
      </DialogTitle>
      <DialogContent dividers>
        {content}
        {apply.error && (
          <>
            <ResponseErrorPanel error={apply.error} />
            {issues.map(i => (
              <Typography key={`${i.path}: ${i.message}`} color="error">
                {i.path}: {i.message}
              </Typography>
            ))}
          </>
        )}
      </DialogContent>
      <DialogActions>
        {!applied && blocker && (
          <Typography variant="caption" color="textSecondary" role="status">
            {blocker}
          </Typography>
        )}
        <Button onClick={props.onClose}>Close</Button>
        {!applied && (
          <Button
            variant="contained"
            color="primary"
            disabled={
              !data || !!blocker || preview.isPending || apply.isPending
            }
            onClick={() => apply.mutate()}
          >
            Apply
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
