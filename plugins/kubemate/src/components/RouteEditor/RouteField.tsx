import { TextField } from '@material-ui/core';
import type { FieldPath } from './draft';
import { fieldId, fieldKey } from './fields';
import { useRouteForm } from './RouteFormContext';

export type FieldOption = { value: string; label: string };

/**
 * One input of the route form, labelled, with the issues at its path shown under it. Selects
 * are native, so they work with the keyboard and screen readers as any select does.
 */
export function RouteField(props: {
  path: FieldPath;
  label: string;
  value: string | number | undefined;
  onChange(text: string): void;
  options?: FieldOption[];
  type?: 'text' | 'number';
  hint?: string;
  placeholder?: string;
  disabled?: boolean;
  width?: number;
}) {
  const { issuesAt } = useRouteForm();
  const key = fieldKey(props.path);
  const messages = issuesAt(key);
  return (
    <TextField
      id={fieldId(key)}
      label={props.label}
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value)}
      select={!!props.options}
      SelectProps={props.options ? { native: true } : undefined}
      type={props.type ?? 'text'}
      error={!!messages}
      helperText={messages ? messages.join('; ') : props.hint}
      placeholder={props.placeholder}
      disabled={props.disabled}
      margin="dense"
      variant="outlined"
      size="small"
      InputLabelProps={
        props.options || props.placeholder ? { shrink: true } : undefined
      }
      style={{ width: props.width ?? 240, marginRight: 8 }}
    >
      {props.options?.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}
