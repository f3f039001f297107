import { Box, MenuItem, TextField } from '@material-ui/core';
import { useEffect, useState } from 'react';
import {
  AUDIT_RESULTS,
  ENTITY_AUDIT_OPERATIONS,
} from '@kubemate/plugin-kubemate-common';
import type { AuditFilters } from '../../api';

/** Operations the backend audits for an entity's workloads. */
export const AUDITED_OPERATIONS = ENTITY_AUDIT_OPERATIONS;

/** The backend matches actors exactly; a bare name means a user of the default namespace. */
const actorRef = (typed: string) => {
  const trimmed = typed.trim();
  if (!trimmed) return undefined;
  return trimmed.includes(':') ? trimmed : `user:default/${trimmed}`;
};

/** Operation, result and actor filters; the actor is applied once typing pauses. */
export function AuditFiltersBar(props: {
  filters: AuditFilters;
  onChange(filters: AuditFilters): void;
}) {
  const { filters, onChange } = props;
  const [actor, setActor] = useState(filters.actor ?? '');
  useEffect(() => {
    const ref = actorRef(actor);
    if (ref === filters.actor) return undefined;
    const timer = setTimeout(() => onChange({ ...filters, actor: ref }), 400);
    return () => clearTimeout(timer);
  }, [actor, filters, onChange]);
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} px={2} pb={1}>
      <TextField
        select
        id="kubemate-audit-operation"
        label="Operation"
        value={filters.operation ?? ''}
        onChange={e =>
          onChange({ ...filters, operation: e.target.value || undefined })
        }
        style={{ minWidth: 160 }}
      >
        <MenuItem value="">All</MenuItem>
        {AUDITED_OPERATIONS.map(op => (
          <MenuItem key={op} value={op}>
            {op}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        id="kubemate-audit-result"
        label="Result"
        value={filters.result ?? ''}
        onChange={e =>
          onChange({
            ...filters,
            result: (e.target.value || undefined) as AuditFilters['result'],
          })
        }
        style={{ minWidth: 140 }}
      >
        <MenuItem value="">All</MenuItem>
        {AUDIT_RESULTS.map(r => (
          <MenuItem key={r} value={r}>
            {r}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="kubemate-audit-actor"
        label="Actor"
        placeholder="guest or user:default/guest"
        value={actor}
        onChange={e => setActor(e.target.value)}
        style={{ minWidth: 220 }}
      />
    </Box>
  );
}
