import type { TableColumn } from '@backstage/core-components';
import type {
  ClusterWorkloads,
  KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { Box, Button, Typography } from '@material-ui/core';
import SubjectIcon from '@material-ui/icons/Subject';
import {
  useOpenWorkloadAction,
  type PermittedActions,
} from '../WorkloadActions';
import { useMemo } from 'react';
import { formatDuration, formatTime } from './durations';
import { jobRow, ownedBy, type JobRow } from './jobs';
import { ObjectLink, ObjectLinks, type OpenObject } from './ObjectLinks';
import { ResourceTable } from './ResourceTable';

export function jobColumns(onOpen: OpenObject): TableColumn<JobRow>[] {
  return [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      render: r => <ObjectLink object={r.object} onOpen={onOpen} />,
    },
    { title: 'Status', field: 'state' },
    { title: 'Completions', field: 'completions' },
    {
      title: 'Active / succeeded / failed',
      render: r => `${r.active} / ${r.succeeded} / ${r.failed}`,
      sorting: false,
    },
    { title: 'Started', field: 'start', render: r => formatTime(r.start) },
    {
      title: 'Completed',
      field: 'completion',
      render: r => formatTime(r.completion),
    },
    {
      title: 'Duration',
      field: 'duration',
      render: r =>
        r.duration === undefined
          ? '—'
          : `${formatDuration(r.duration)}${r.completion ? '' : ' so far'}`,
    },
  ];
}

/** A Job's pods: each opens its details, and its log when the user may read logs. */
export function JobPods(props: {
  job: KubeObject;
  cluster: ClusterWorkloads;
  onOpen: OpenObject;
  permitted: PermittedActions;
  title?: string;
}) {
  const pods = ownedBy(props.job, props.cluster.resources.pods);
  const openAction = useOpenWorkloadAction();
  return (
    <Box mt={1}>
      <Typography variant="subtitle2">{props.title ?? 'Pods'}</Typography>
      <ObjectLinks
        objects={pods}
        onOpen={props.onOpen}
        none="no pods left (finished Jobs' pods may have been cleaned up)"
      />
      {props.permitted.logs && pods.length > 0 && (
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }} mt={1}>
          {pods.map(pod => (
            <Button
              key={pod.metadata.uid ?? pod.metadata.name}
              size="small"
              variant="outlined"
              startIcon={<SubjectIcon />}
              onClick={() =>
                openAction({
                  cluster: props.cluster.cluster,
                  object: pod,
                  open: 'logs',
                })
              }
            >
              Logs of {pod.metadata.name}
            </Button>
          ))}
        </Box>
      )}
    </Box>
  );
}

/** Jobs with status, completions, timing and their pods; a name opens the Job's details. */
export function JobsTable(props: {
  cluster: ClusterWorkloads;
  onOpen: OpenObject;
  permitted: PermittedActions;
}) {
  const { jobs } = props.cluster.resources;
  const rows = useMemo(() => jobs.map(j => jobRow(j)), [jobs]);
  const columns = useMemo(
    () => [
      ...jobColumns(props.onOpen),
      { title: 'Owner', field: 'owner', render: (r: JobRow) => r.owner ?? '—' },
    ],
    [props.onOpen],
  );
  return (
    <ResourceTable
      title={`Jobs (${rows.length})`}
      columns={columns}
      rows={rows}
      empty="No Jobs"
      detail={row => (
        <JobPods
          job={row.object}
          cluster={props.cluster}
          onOpen={props.onOpen}
          permitted={props.permitted}
        />
      )}
    />
  );
}
