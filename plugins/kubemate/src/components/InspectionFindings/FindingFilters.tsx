import {
  Box,
  Button,
  Checkbox,
  FormControl,
  Input,
  InputLabel,
  ListItemText,
  MenuItem,
  Select,
  TextField,
  makeStyles,
} from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { useEffect, useMemo, useState } from 'react';
import {
  FINDING_STATES,
  SEVERITIES,
  type FindingFilter,
  type FindingState,
  type Severity,
} from '../../api';
import { useInspectionRules } from '../../queries';
import { SEVERITY_LABELS, STATE_LABELS } from '../InspectionShared';

/** The filters a person changes; the scope (cluster, entity) is fixed by the view. */
export type RiskFilter = Pick<
  FindingFilter,
  'severity' | 'state' | 'ruleId' | 'category' | 'namespace' | 'search'
>;

/** Current risks plus the ignored ones, so an ignored row stays in view with its new state. */
export const DEFAULT_RISK_FILTER: RiskFilter = {
  state: ['new', 'open', 'reopened', 'ignored'],
};

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-end',
  },
  select: { minWidth: 140, maxWidth: 220 },
  wide: { minWidth: 220 },
}));

function MultiSelect<T extends string>(props: {
  id: string;
  label: string;
  options: readonly T[];
  labels?: Record<string, string>;
  value: T[] | undefined;
  onChange: (value: T[] | undefined) => void;
}) {
  const classes = useStyles();
  const value = props.value ?? [];
  const text = (v: T) => props.labels?.[v] ?? v;
  return (
    <FormControl className={classes.select}>
      <InputLabel id={`${props.id}-label`} shrink>
        {props.label}
      </InputLabel>
      <Select
        labelId={`${props.id}-label`}
        id={props.id}
        multiple
        value={value}
        onChange={e => {
          const next = e.target.value as T[];
          props.onChange(next.length ? next : undefined);
        }}
        input={<Input />}
        renderValue={selected =>
          (selected as T[]).length === 0
            ? 'All'
            : (selected as T[]).map(text).join(', ')
        }
        displayEmpty
      >
        {props.options.map(o => (
          <MenuItem key={o} value={o}>
            <Checkbox checked={value.includes(o)} size="small" />
            <ListItemText primary={text(o)} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** Severity, state, category, rule, namespace and free-text filters of the risk list. */
export function FindingFilters(props: {
  value: RiskFilter;
  onChange: (value: RiskFilter) => void;
  /** Namespaces to suggest (any name can be typed). */
  namespaces?: string[];
}) {
  const classes = useStyles();
  const { value, onChange } = props;
  const rules = useInspectionRules();
  const categories = useMemo(
    () => [...new Set((rules.data ?? []).map(r => r.category))].sort(),
    [rules.data],
  );
  const ruleIds = useMemo(
    () => (rules.data ?? []).map(r => r.id),
    [rules.data],
  );
  const ruleTitle = useMemo(
    () => new Map((rules.data ?? []).map(r => [r.id, r.title])),
    [rules.data],
  );

  // Typing should not fire a request per key stroke.
  const [search, setSearch] = useState(value.search ?? '');
  useEffect(() => {
    const timer = setTimeout(() => {
      const next = search.trim() || undefined;
      if (next !== value.search) onChange({ ...value, search: next });
    }, 300);
    return () => clearTimeout(timer);
  }, [search, value, onChange]);

  return (
    <Box className={classes.root} role="search" aria-label="Risk filters">
      <MultiSelect<Severity>
        id="kubemate-filter-severity"
        label="Severity"
        options={SEVERITIES}
        labels={SEVERITY_LABELS}
        value={value.severity}
        onChange={severity => onChange({ ...value, severity })}
      />
      <MultiSelect<FindingState>
        id="kubemate-filter-state"
        label="State"
        options={FINDING_STATES}
        labels={STATE_LABELS}
        value={value.state}
        onChange={state => onChange({ ...value, state })}
      />
      <MultiSelect<string>
        id="kubemate-filter-category"
        label="Category"
        options={categories}
        value={value.category}
        onChange={category => onChange({ ...value, category })}
      />
      <Autocomplete
        className={classes.wide}
        multiple
        size="small"
        options={ruleIds}
        getOptionLabel={id => id}
        renderOption={id => `${id} — ${ruleTitle.get(id) ?? ''}`}
        value={value.ruleId ?? []}
        onChange={(_e, ids) =>
          onChange({ ...value, ruleId: ids.length ? ids : undefined })
        }
        renderInput={params => <TextField {...params} label="Rule" />}
      />
      <Autocomplete
        className={classes.wide}
        multiple
        freeSolo
        size="small"
        options={props.namespaces ?? []}
        value={value.namespace ?? []}
        onChange={(_e, ns) =>
          onChange({
            ...value,
            namespace: ns.length ? (ns as string[]) : undefined,
          })
        }
        renderInput={params => (
          <TextField
            {...params}
            label="Namespace"
            helperText="Type a name, Enter"
          />
        )}
      />
      <TextField
        label="Search"
        value={search}
        onChange={e => setSearch(e.target.value)}
        placeholder="resource, title or rule"
        inputProps={{ 'aria-label': 'Search risks' }}
      />
      <Button
        size="small"
        onClick={() => {
          setSearch('');
          onChange(DEFAULT_RISK_FILTER);
        }}
      >
        Reset
      </Button>
    </Box>
  );
}
