import {
  ResponseErrorPanel,
  Table,
  type TableColumn,
  StatusError,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  kubemateNamespaceOnboardPermission,
  type NamespaceSummary,
} from '@kubemate/plugin-kubemate-common';
import { Button, Typography } from '@material-ui/core';
import { useState } from 'react';
import { useNamespaces } from '../../queries';
import { RouteConditions } from '../EntityRoutesContent/RouteConditions';
import { OffboardDialog } from './OffboardDialog';
import { OnboardDialog } from './OnboardDialog';

type Row = NamespaceSummary & { id: string };

const columns: TableColumn<Row>[] = [
  { title: 'Cluster', field: 'cluster' },
  { title: 'Namespace', field: 'name', highlight: true },
  {
    title: 'Owner',
    field: 'owner',
    render: r =>
      r.owner ? (
        <>
          {r.owner}
          <Typography variant="caption" color="textSecondary" component="div">
            from {r.ownerSource === 'app-config' ? 'app-config' : 'its label'}
          </Typography>
        </>
      ) : (
        'none (resolved for nobody)'
      ),
  },
  {
    title: 'Mesh',
    field: 'meshInjection',
    render: r => (r.meshInjection ? 'injected' : '—'),
  },
  {
    title: 'Gateway',
    field: 'gateway',
    render: r =>
      r.gateway ? (
        <>
          <Typography variant="body2">
            {r.gateway.name}
            {r.port ? ` · port ${r.port}` : ''}
          </Typography>
          <RouteConditions conditions={r.gateway.conditions} />
          {r.gateway.listeners.map(l => (
            <div key={l.name}>
              <Typography variant="caption">
                listener {l.name} ({l.protocol} {l.port})
              </Typography>
              <RouteConditions conditions={l.conditions} />
            </div>
          ))}
          {r.missing?.length ? (
            <StatusError>
              Missing: {r.missing.join('; ')} — onboard again to restore
            </StatusError>
          ) : null}
        </>
      ) : (
        'not onboarded'
      ),
  },
];

/** Namespaces of every cluster: owner, mesh, gateway status; onboarding for those allowed. */
export function NamespacesTable() {
  const { data, error, isPending } = useNamespaces();
  const onboard = usePermission({
    permission: kubemateNamespaceOnboardPermission,
  });
  const [open, setOpen] = useState<{ cluster?: string; name?: string }>();
  const [offboard, setOffboard] = useState<{ cluster: string; name: string }>();
  if (error) return <ResponseErrorPanel error={error} />;
  const rows = (data?.items ?? []).map(n => ({
    ...n,
    id: `${n.cluster}/${n.name}`,
  }));
  const canOnboard = onboard.allowed && !!data?.onboardingConfigured;
  return (
    <>
      <Table<Row>
        title="Namespaces"
        isLoading={isPending}
        columns={columns}
        data={rows}
        options={{ paging: true, pageSize: 20, padding: 'dense' }}
        actions={
          canOnboard
            ? [
                {
                  icon: () => <span>Onboard…</span>,
                  tooltip: 'Onboard or reconcile this namespace',
                  onClick: (_e, row) => {
                    const r = row as Row;
                    setOpen({ cluster: r.cluster, name: r.name });
                  },
                },
                row => ({
                  icon: () => <span>Offboard…</span>,
                  tooltip: 'Remove what onboarding made',
                  hidden: !(row as Row).onboarded,
                  onClick: () =>
                    setOffboard({
                      cluster: (row as Row).cluster,
                      name: (row as Row).name,
                    }),
                }),
              ]
            : []
        }
      />
      {canOnboard && (
        <Button
          variant="contained"
          color="primary"
          style={{ marginTop: 16 }}
          onClick={() => setOpen({})}
        >
          Onboard a namespace
        </Button>
      )}
      {offboard && (
        <OffboardDialog
          cluster={offboard.cluster}
          name={offboard.name}
          onClose={() => setOffboard(undefined)}
        />
      )}
      {open && data && (
        <OnboardDialog
          clusters={[...new Set(rows.map(r => r.cluster))]}
          sizes={data.sizes}
          initial={open}
          owner={rows.find(r => r.id === `${open.cluster}/${open.name}`)?.owner}
          onClose={() => setOpen(undefined)}
        />
      )}
    </>
  );
}
