import { Table, type TableColumn } from '@backstage/core-components';
import { Link } from '@material-ui/core';
import type { ProbeSummary } from '@kubemate/plugin-kubemate-common';
import { formatMs, formatRate, TYPE_LABELS } from './format';
import { ProbeStatus } from './ProbeStatus';
import { RunProbeButton } from './RunProbeButton';

/** The probes with their last result and success rate; a title selects the probe. */
export function ProbesTable(props: {
  probes: ProbeSummary[];
  onSelect(id: string): void;
  title?: string;
}) {
  const columns: TableColumn<ProbeSummary>[] = [
    {
      title: 'Last result',
      render: p => <ProbeStatus status={p.lastRun?.status} />,
      width: '120px',
    },
    {
      title: 'Probe',
      field: 'title',
      render: p => (
        <Link
          component="button"
          variant="body2"
          onClick={() => props.onSelect(p.id)}
          aria-label={`Show probe ${p.id}`}
        >
          {p.title}
        </Link>
      ),
    },
    { title: 'Kind', render: p => TYPE_LABELS[p.type] },
    {
      title: 'Where',
      render: p => `${p.cluster}${p.namespace ? `/${p.namespace}` : ''}`,
    },
    { title: 'Success rate', render: p => formatRate(p.successRate) },
    {
      title: 'Last run',
      render: p =>
        p.lastRun
          ? `${new Date(p.lastRun.startedAt).toLocaleString()} (${formatMs(
              p.lastRun.durationMs,
            )})`
          : '—',
    },
    { title: 'Severity', field: 'severity' },
    {
      title: '',
      render: p => (
        <RunProbeButton id={p.id} running={p.lastRun?.status === 'running'} />
      ),
    },
  ];
  return (
    <Table
      title={props.title ?? 'Probes'}
      options={{ paging: false, search: true, padding: 'dense' }}
      columns={columns}
      data={props.probes}
    />
  );
}
