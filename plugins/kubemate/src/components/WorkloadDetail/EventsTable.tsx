import { Table, type TableColumn } from '@backstage/core-components';
import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { age } from '../age';

type Event = KubeObject & {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  involvedObject?: { kind?: string; name?: string; uid?: string };
};

interface Row {
  id: string;
  type: string;
  reason: string;
  object: string;
  message: string;
  count: number;
  last?: string;
}

const columns: TableColumn<Row>[] = [
  { title: 'Type', field: 'type' },
  { title: 'Reason', field: 'reason' },
  { title: 'Object', field: 'object' },
  { title: 'Message', field: 'message' },
  { title: 'Count', field: 'count' },
  { title: 'Last seen', field: 'last', render: r => age(r.last) },
];

/** Events about any of the given objects, newest first. */
export function EventsTable(props: {
  events: KubeObject[];
  about: Set<string>;
}) {
  const rows: Row[] = (props.events as Event[])
    .filter(e => e.involvedObject?.uid && props.about.has(e.involvedObject.uid))
    .map(e => ({
      id: e.metadata.uid ?? e.metadata.name,
      type: e.type ?? '',
      reason: e.reason ?? '',
      object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
      message: e.message ?? '',
      count: e.count ?? 1,
      last: e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp,
    }))
    .sort((a, b) => Date.parse(b.last ?? '') - Date.parse(a.last ?? ''));
  return (
    <Table<Row>
      title={`Events (${rows.length})`}
      columns={columns}
      data={rows}
      options={{
        pageSize: 20,
        padding: 'dense',
        search: true,
        emptyRowsWhenPaging: false,
      }}
    />
  );
}
