import { Button, IconButton, Tooltip } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';

/** Adds an item to one of the form's lists. */
export function AddButton(props: {
  label: string;
  onClick(): void;
  disabled?: boolean;
}) {
  return (
    <Button
      size="small"
      startIcon={<AddIcon />}
      onClick={props.onClick}
      disabled={props.disabled}
    >
      {props.label}
    </Button>
  );
}

/** Removes an item; its accessible name says which (e.g. "Remove rule 2"). */
export function RemoveButton(props: { label: string; onClick(): void }) {
  return (
    <Tooltip title={props.label}>
      <IconButton size="small" aria-label={props.label} onClick={props.onClick}>
        <DeleteIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}
