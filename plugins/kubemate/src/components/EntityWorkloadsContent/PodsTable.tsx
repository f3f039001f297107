import { memo, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Box,
  InputAdornment,
  makeStyles,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
  TextField,
  Typography,
} from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { age } from '../age';
import { PodPhaseStatus } from './PodPhaseStatus';
import {
  filterPodRows,
  podRow,
  sortPodRows,
  type PodRow,
  type PodSortKey,
} from './podRows';
import { useWindowedRows } from './useWindowedRows';

/** Fixed row height: it is what lets the window be computed from scrollTop alone. */
export const POD_ROW_HEIGHT = 44;
const VIEWPORT_ROWS = 12;
const HEADER_HEIGHT = 38;
const OVERSCAN = 8;

const columns: Array<{
  key: PodSortKey;
  title: string;
  width: string;
  render?: (row: PodRow) => ReactNode;
}> = [
  { key: 'name', title: 'Name', width: '28%' },
  { key: 'namespace', title: 'Namespace', width: '14%' },
  {
    key: 'phase',
    title: 'Status',
    width: '15%',
    render: r => <PodPhaseStatus phase={r.phase} />,
  },
  { key: 'ready', title: 'Ready', width: '7%' },
  { key: 'restarts', title: 'Restarts', width: '8%' },
  { key: 'node', title: 'Node', width: '14%' },
  {
    key: 'createdAt',
    title: 'Age',
    width: '6%',
    render: r => age(r.createdAt),
  },
];

const useStyles = makeStyles(theme => ({
  table: { tableLayout: 'fixed' },
  row: { height: POD_ROW_HEIGHT },
  cell: {
    padding: theme.spacing(0, 1),
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  name: { fontWeight: theme.typography.fontWeightMedium as number },
  spacer: { padding: 0, border: 0 },
}));

/**
 * One pod. Memoized: scrolling re-renders the table, and rows already on screen (with their
 * controls) must not be rebuilt every frame; only the rows scrolling in are.
 */
const PodTableRow = memo(function PodRowView(props: {
  row: PodRow;
  rowIndex: number;
  actions?: (pod: KubeObject) => ReactNode;
  classes: ReturnType<typeof useStyles>;
}) {
  const { row, classes } = props;
  return (
    <TableRow hover className={classes.row} aria-rowindex={props.rowIndex}>
      {columns.map(c => (
        <TableCell
          key={c.key}
          className={`${classes.cell} ${c.key === 'name' ? classes.name : ''}`}
          title={c.key === 'name' ? row.name : undefined}
        >
          {c.render ? c.render(row) : row[c.key]}
        </TableCell>
      ))}
      {props.actions && (
        <TableCell className={classes.cell}>
          {props.actions(row.object)}
        </TableCell>
      )}
    </TableRow>
  );
});

/**
 * The pods of a cluster or workload. Virtualized: only the rows near the viewport are in the
 * DOM (hundreds of pods, each with its own controls, would otherwise make every refresh and
 * scroll slow), with a sticky header, sorting by column and a filter box.
 */
export function PodsTable(props: {
  pods: KubeObject[];
  /** Controls of one pod; rendered in an Actions column when given. */
  actions?: (pod: KubeObject) => ReactNode;
}) {
  const classes = useStyles();
  const container = useRef<HTMLDivElement>(null);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{
    key: PodSortKey;
    direction: 'asc' | 'desc';
  }>();
  const all = useMemo(() => props.pods.map(podRow), [props.pods]);
  const rows = useMemo(() => {
    const filtered = filterPodRows(all, search);
    return sort ? sortPodRows(filtered, sort.key, sort.direction) : filtered;
  }, [all, search, sort]);
  const viewportHeight = VIEWPORT_ROWS * POD_ROW_HEIGHT;
  const windowed = useWindowedRows({
    count: rows.length,
    rowHeight: POD_ROW_HEIGHT,
    viewportHeight,
    overscan: OVERSCAN,
  });
  const columnCount = columns.length + (props.actions ? 1 : 0);
  const toggleSort = (key: PodSortKey) =>
    setSort(s =>
      s?.key === key
        ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: 'asc' },
    );

  return (
    <Paper>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        px={2}
        py={1}
      >
        <Typography variant="h5">
          {search.trim()
            ? `Pods (${rows.length} of ${all.length})`
            : `Pods (${all.length})`}
        </Typography>
        <TextField
          value={search}
          placeholder="Filter"
          onChange={e => {
            setSearch(e.target.value);
            if (container.current) container.current.scrollTop = 0;
          }}
          inputProps={{ 'aria-label': 'Filter pods' }}
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          }}
        />
      </Box>
      <TableContainer
        ref={container}
        onScroll={windowed.onScroll}
        style={{ maxHeight: HEADER_HEIGHT + viewportHeight }}
        // Focusable so the keyboard can scroll it (arrows, Page Up/Down, Home/End).
        tabIndex={0}
        role="region"
        aria-label="Pods table"
      >
        <Table
          stickyHeader
          size="small"
          className={classes.table}
          aria-label="Pods"
          aria-rowcount={rows.length + 1}
        >
          <TableHead>
            <TableRow aria-rowindex={1}>
              {columns.map(c => (
                <TableCell
                  key={c.key}
                  style={{ width: c.width }}
                  className={classes.cell}
                  sortDirection={sort?.key === c.key ? sort.direction : false}
                >
                  <TableSortLabel
                    active={sort?.key === c.key}
                    direction={sort?.key === c.key ? sort.direction : 'asc'}
                    onClick={() => toggleSort(c.key)}
                  >
                    {c.title}
                  </TableSortLabel>
                </TableCell>
              ))}
              {props.actions && (
                <TableCell style={{ width: 96 }} className={classes.cell}>
                  Actions
                </TableCell>
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {windowed.paddingTop > 0 && (
              <tr aria-hidden style={{ height: windowed.paddingTop }}>
                <td colSpan={columnCount} className={classes.spacer} />
              </tr>
            )}
            {rows.slice(windowed.start, windowed.end).map((row, i) => (
              <PodTableRow
                key={row.id}
                row={row}
                rowIndex={windowed.start + i + 2}
                actions={props.actions}
                classes={classes}
              />
            ))}
            {windowed.paddingBottom > 0 && (
              <tr aria-hidden style={{ height: windowed.paddingBottom }}>
                <td colSpan={columnCount} className={classes.spacer} />
              </tr>
            )}
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={columnCount} align="center">
                  {all.length === 0 ? 'No pods' : 'No pods match the filter'}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}
