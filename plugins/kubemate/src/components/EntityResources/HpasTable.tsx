import {
  StructuredMetadataTable,
  type TableColumn,
} from '@backstage/core-components';
import type { ClusterWorkloads } from '@kubemate/plugin-kubemate-common';
import { Box, Typography } from '@material-ui/core';
import { useMemo } from 'react';
import { EventsTable } from '../WorkloadDetail/EventsTable';
import {
  WorkloadActionButtons,
  type PermittedActions,
} from '../WorkloadActions';
import { hpaRow, type HpaRow } from './hpa';
import { ResourceTable } from './ResourceTable';

const columns: TableColumn<HpaRow>[] = [
  { title: 'Name', field: 'name', highlight: true },
  { title: 'Namespace', field: 'namespace' },
  { title: 'Scales', field: 'target' },
  { title: 'Min / max', render: r => `${r.min} / ${r.max}`, sorting: false },
  {
    title: 'Replicas (current → desired)',
    render: r => `${r.current} → ${r.desired}`,
    sorting: false,
  },
  {
    title: 'Targets (current)',
    sorting: false,
    render: r =>
      r.metrics.length === 0
        ? '—'
        : r.metrics.map(m => (
            <div key={m.target}>
              {m.target}; now {m.current}
            </div>
          )),
  },
];

/** Conditions (AbleToScale, ScalingActive, ScalingLimited) and the HPA's own events. */
function HpaDetail(props: { row: HpaRow; cluster: ClusterWorkloads }) {
  const { row } = props;
  const uid = row.object.metadata.uid;
  return (
    <>
      <Typography variant="subtitle2">Conditions</Typography>
      {row.conditions.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No conditions reported yet.
        </Typography>
      ) : (
        <StructuredMetadataTable
          metadata={Object.fromEntries(
            row.conditions.map(c => [
              c.type,
              `${c.status}${c.reason ? ` (${c.reason})` : ''}${
                c.message ? `: ${c.message}` : ''
              }`,
            ]),
          )}
        />
      )}
      <Box mt={2}>
        <EventsTable
          events={props.cluster.resources.events}
          about={new Set(uid ? [uid] : [])}
        />
      </Box>
    </>
  );
}

/** HorizontalPodAutoscalers: bounds, replicas, metric targets beside current values, events. */
export function HpasTable(props: {
  cluster: ClusterWorkloads;
  permitted: PermittedActions;
}) {
  const { horizontalpodautoscalers } = props.cluster.resources;
  const rows = useMemo(
    () => horizontalpodautoscalers.map(hpaRow),
    [horizontalpodautoscalers],
  );
  const withActions: TableColumn<HpaRow>[] = props.permitted.hpaUpdate
    ? [
        ...columns,
        {
          title: 'Actions',
          sorting: false,
          render: r => (
            <WorkloadActionButtons
              cluster={props.cluster.cluster}
              object={r.object}
              permitted={props.permitted}
            />
          ),
        },
      ]
    : columns;
  return (
    <ResourceTable
      title={`Horizontal pod autoscalers (${rows.length})`}
      columns={withActions}
      rows={rows}
      empty="No HorizontalPodAutoscalers"
      detail={row => <HpaDetail row={row} cluster={props.cluster} />}
    />
  );
}
