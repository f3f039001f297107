import {
  Box,
  Button,
  IconButton,
  TextField,
  Typography,
} from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import { useId } from 'react';
import type { KeyValueRow } from './testRequest';

/** Editable name/value rows (headers, query parameters), each removable. */
export function KeyValueRows(props: {
  /** Singular, e.g. "Header": used in labels and the add button. */
  label: string;
  rows: KeyValueRow[];
  onChange(rows: KeyValueRow[]): void;
}) {
  const { label, rows, onChange } = props;
  // Ids tie each label to its input (two lists share one form).
  const id = useId();
  const set = (i: number, row: KeyValueRow) =>
    onChange(rows.map((r, k) => (k === i ? row : r)));
  return (
    <Box mt={1}>
      <Typography variant="caption" color="textSecondary">
        {label}s
      </Typography>
      {rows.map((row, i) => (
        <Box key={i} display="flex" alignItems="center" style={{ gap: 8 }}>
          <TextField
            id={`${id}-${i}-name`}
            label={`${label} ${i + 1} name`}
            value={row.key}
            onChange={e => set(i, { ...row, key: e.target.value })}
            margin="dense"
            inputProps={{ maxLength: 256 }}
          />
          <TextField
            id={`${id}-${i}-value`}
            label={`${label} ${i + 1} value`}
            value={row.value}
            onChange={e => set(i, { ...row, value: e.target.value })}
            margin="dense"
            inputProps={{ maxLength: 4096 }}
          />
          <IconButton
            size="small"
            aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
            onClick={() => onChange(rows.filter((_, k) => k !== i))}
          >
            <DeleteIcon fontSize="small" />
          </IconButton>
        </Box>
      ))}
      <Button
        size="small"
        onClick={() => onChange([...rows, { key: '', value: '' }])}
      >
        Add {label.toLowerCase()}
      </Button>
    </Box>
  );
}
