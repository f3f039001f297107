import {
  CodeSnippet,
  Link,
  MarkdownContent,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import type { InspectionRule } from '../../api';
import { useInspectionRules } from '../../queries';
import { SeverityChip } from '../InspectionShared';

const columns: TableColumn<InspectionRule>[] = [
  { title: 'ID', field: 'id', highlight: true, width: '18%' },
  { title: 'Title', field: 'title' },
  { title: 'Category', field: 'category', width: '10%' },
  {
    title: 'Severity',
    field: 'severity',
    width: '10%',
    render: r => <SeverityChip severity={r.severity} />,
    customSort: (a, b) =>
      ['low', 'medium', 'high'].indexOf(a.severity) -
      ['low', 'medium', 'high'].indexOf(b.severity),
  },
  {
    title: 'Kinds',
    field: 'kinds',
    // Pod-template rules target many kinds: keep the row short, the full list on hover.
    render: r => (
      <Typography variant="caption" title={r.kinds.join(', ')}>
        {r.kinds.length > 3
          ? `${r.kinds.slice(0, 2).join(', ')} +${r.kinds.length - 2} more`
          : r.kinds.join(', ')}
      </Typography>
    ),
  },
  { title: 'Pack', field: 'pack', width: '8%' },
  // Hidden, but searchable: find a rule by what it says.
  {
    title: 'Description',
    field: 'description',
    hidden: true,
    searchable: true,
  },
  {
    title: 'Remediation',
    field: 'remediation',
    hidden: true,
    searchable: true,
  },
];

function RuleDetail(props: { rule: InspectionRule }) {
  const { rule } = props;
  const params = Object.entries(rule.params ?? {});
  return (
    <Box p={2} pl={7}>
      <Typography variant="subtitle2">Description</Typography>
      <MarkdownContent content={rule.description} dialect="gfm" />
      <Typography variant="subtitle2">Remediation</Typography>
      <MarkdownContent content={rule.remediation} dialect="gfm" />
      {rule.fix && (
        <>
          <Typography variant="subtitle2">Fix template</Typography>
          <CodeSnippet text={rule.fix} language="bash" showCopyCodeButton />
        </>
      )}
      {params.length > 0 && (
        <Typography variant="body2">
          Parameters:{' '}
          {params.map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ')}
        </Typography>
      )}
      <Typography variant="caption" color="textSecondary">
        Version {rule.version}
        {rule.tags?.length ? ` · tags ${rule.tags.join(', ')}` : ''}
      </Typography>
      {rule.docs && (
        <Typography variant="body2">
          <Link to={rule.docs} target="_blank" rel="noopener noreferrer">
            Documentation
          </Link>
        </Typography>
      )}
    </Box>
  );
}

/** Every loaded rule, searchable and filterable by category and severity. */
export function RulesBrowser() {
  const { data, error, isPending } = useInspectionRules();
  if (isPending) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <Table<InspectionRule>
      title={`Rules (${data.length})`}
      columns={columns}
      // material-table writes into row objects: hand it copies of the cached data.
      data={data.map(r => ({ ...r }))}
      filters={[
        { column: 'Category', type: 'multiple-select' },
        { column: 'Severity', type: 'multiple-select' },
      ]}
      options={{ paging: true, pageSize: 20, search: true, padding: 'dense' }}
      detailPanel={({ rowData }) => <RuleDetail rule={rowData} />}
    />
  );
}
