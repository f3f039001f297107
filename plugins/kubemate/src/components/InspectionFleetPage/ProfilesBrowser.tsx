import {
  CodeSnippet,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { stringify } from 'yaml';
import type { InspectionProfile } from '../../api';
import { useInspectionClusters, useInspectionProfiles } from '../../queries';

type Row = InspectionProfile & { usedBy: string };

const count = (o: object | undefined) => Object.keys(o ?? {}).length;

const columns: TableColumn<Row>[] = [
  { title: 'Name', field: 'name', highlight: true, width: '14%' },
  { title: 'Description', field: 'description' },
  { title: 'Extends', field: 'extends', width: '10%' },
  {
    title: 'Severity overrides',
    render: p => count(p.severity?.categories) + count(p.severity?.rules),
    width: '10%',
  },
  {
    title: 'Parameters',
    render: p => count(p.params),
    width: '8%',
  },
  {
    title: 'Exemptions',
    render: p => p.exemptions?.length ?? 0,
    width: '8%',
  },
  {
    title: 'Excluded namespaces',
    render: p => (p.excludeNamespaces ?? []).join(', ') || '—',
  },
  { title: 'Used by', field: 'usedBy', width: '14%' },
];

/** Every profile (resolved), with the clusters that use it and its full definition as YAML. */
export function ProfilesBrowser() {
  const profiles = useInspectionProfiles();
  const clusters = useInspectionClusters();
  if (profiles.isPending) return <Progress />;
  if (profiles.error) return <ResponseErrorPanel error={profiles.error} />;
  const rows: Row[] = profiles.data.map(p => ({
    ...p,
    usedBy: (clusters.data ?? [])
      .filter(c => c.profile === p.name)
      .map(c => c.name)
      .join(', '),
  }));
  return (
    <Table<Row>
      title={`Profiles (${rows.length})`}
      columns={columns}
      data={rows}
      options={{ paging: false, search: true, padding: 'dense' }}
      detailPanel={({ rowData }) => {
        const {
          usedBy: _usedBy,
          tableData: _t,
          ...profile
        } = rowData as Row & {
          tableData?: unknown;
        };
        return (
          <Box p={2} pl={7}>
            <Typography variant="subtitle2" gutterBottom>
              Definition (after extends)
            </Typography>
            <CodeSnippet text={stringify(profile)} language="yaml" />
          </Box>
        );
      }}
    />
  );
}
