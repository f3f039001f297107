import { Table, type TableColumn } from '@backstage/core-components';
import type {
  ClusterWorkloads,
  KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { Typography } from '@material-ui/core';
import { useMemo } from 'react';
import {
  describeCron,
  formatRun,
  nextRuns,
  parseCron,
} from '@kubemate/plugin-kubemate-common';
import { formatTime } from './durations';
import { jobRow, ownedBy, type CronJob } from './jobs';
import { jobColumns } from './JobsTable';
import { ObjectLink, type OpenObject } from './ObjectLinks';
import { ResourceTable } from './ResourceTable';
import {
  WorkloadActionButtons,
  type PermittedActions,
} from '../WorkloadActions';
import { JobPods } from './JobsTable';

interface Schedule {
  expression: string;
  timeZone?: string;
  /** The description, or why the expression could not be read. */
  words: string;
  next: string[];
  error?: boolean;
}

/** The schedule in words and its next 3 runs, computed here from the expression and zone. */
export function readSchedule(cronJob: KubeObject, now = new Date()): Schedule {
  const spec = (cronJob as CronJob).spec ?? {};
  const expression = spec.schedule ?? '';
  const timeZone = spec.timeZone;
  try {
    return {
      expression,
      timeZone,
      words: describeCron(expression),
      next: nextRuns(parseCron(expression), now, 3, timeZone ?? 'UTC').map(r =>
        formatRun(r, timeZone ?? 'UTC'),
      ),
    };
  } catch (e) {
    return {
      expression,
      timeZone,
      words: (e as Error).message,
      next: [],
      error: true,
    };
  }
}

interface CronJobRow {
  id: string;
  name: string;
  namespace: string;
  schedule: Schedule;
  suspended: boolean;
  lastSchedule?: string;
  lastSuccess?: string;
  active: number;
  jobs: KubeObject[];
  object: KubeObject;
}

function CronJobDetail(props: {
  row: CronJobRow;
  onOpen: OpenObject;
  cluster: ClusterWorkloads;
  permitted: PermittedActions;
}) {
  const rows = props.row.jobs.map(j => jobRow(j));
  return (
    <>
      <Table
        title={`Jobs of ${props.row.name} (${rows.length})`}
        columns={jobColumns(props.onOpen)}
        data={rows}
        options={{
          paging: false,
          search: false,
          padding: 'dense',
          toolbar: true,
        }}
        emptyContent={
          <Typography color="textSecondary" style={{ padding: 16 }}>
            No Jobs: none has run yet, or the history limits removed them.
          </Typography>
        }
      />
      {props.row.jobs.map(job => (
        <JobPods
          key={job.metadata.uid ?? job.metadata.name}
          title={`Pods of ${job.metadata.name}`}
          job={job}
          cluster={props.cluster}
          onOpen={props.onOpen}
          permitted={props.permitted}
        />
      ))}
    </>
  );
}

/** CronJobs: schedule in words with next runs, suspension, last runs and their Jobs. */
export function CronJobsTable(props: {
  cluster: ClusterWorkloads;
  onOpen: OpenObject;
  permitted: PermittedActions;
}) {
  const { cronjobs, jobs } = props.cluster.resources;
  const rows = useMemo<CronJobRow[]>(() => {
    // Next runs move with time; recomputed when the CronJobs refresh (every few seconds).
    const now = new Date();
    return cronjobs.map(c => {
      const { spec = {}, status = {} } = c as CronJob;
      return {
        id: c.metadata.uid ?? `${c.metadata.namespace}/${c.metadata.name}`,
        name: c.metadata.name,
        namespace: c.metadata.namespace ?? '',
        schedule: readSchedule(c, now),
        suspended: spec.suspend === true,
        lastSchedule: status.lastScheduleTime,
        lastSuccess: status.lastSuccessfulTime,
        active: status.active?.length ?? 0,
        jobs: ownedBy(c, jobs),
        object: c,
      };
    });
  }, [cronjobs, jobs]);
  const columns: TableColumn<CronJobRow>[] = [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      render: r => <ObjectLink object={r.object} onOpen={props.onOpen} />,
    },
    { title: 'Namespace', field: 'namespace' },
    {
      title: 'Schedule',
      sorting: false,
      render: r => (
        <>
          <code>{r.schedule.expression}</code>
          {r.schedule.timeZone && ` (${r.schedule.timeZone})`}
          <Typography
            variant="body2"
            color={r.schedule.error ? 'error' : 'textSecondary'}
          >
            {r.schedule.words}
          </Typography>
        </>
      ),
    },
    {
      title: 'Next runs',
      sorting: false,
      render: r =>
        r.suspended
          ? 'suspended'
          : r.schedule.next.map(n => <div key={n}>{n}</div>),
    },
    {
      title: 'Suspended',
      field: 'suspended',
      render: r => (r.suspended ? 'Yes' : 'No'),
    },
    { title: 'Active', field: 'active' },
    {
      title: 'Last scheduled',
      field: 'lastSchedule',
      render: r => formatTime(r.lastSchedule),
    },
    {
      title: 'Last successful',
      field: 'lastSuccess',
      render: r => formatTime(r.lastSuccess),
    },
    { title: 'Jobs', render: r => r.jobs.length, sorting: false },
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
  ];
  return (
    <ResourceTable
      title={`CronJobs (${rows.length})`}
      columns={columns}
      rows={rows}
      empty="No CronJobs"
      detail={row => (
        <CronJobDetail
          row={row}
          onOpen={props.onOpen}
          cluster={props.cluster}
          permitted={props.permitted}
        />
      )}
    />
  );
}
