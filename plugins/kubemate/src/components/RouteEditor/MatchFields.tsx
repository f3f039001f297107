import {
  httpPathMatchTypes,
  httpRouteMethods,
  type HttpRouteMatch,
} from '@kubemate/plugin-kubemate-common';
import { Box, Typography } from '@material-ui/core';
import {
  appendAt,
  optionalText,
  removeAt,
  setIn,
  type FieldPath,
} from './draft';
import { RouteField } from './RouteField';
import { useRouteForm } from './RouteFormContext';
import { AddButton, RemoveButton } from './SectionButtons';

const valueMatchTypes = ['Exact', 'RegularExpression'].map(t => ({
  value: t,
  label: t,
}));

/** Header or query parameter matches: name, value and how the value is compared. */
function ValueMatchList(props: {
  at: FieldPath;
  what: 'Header' | 'Query parameter';
  items: Array<{ name: string; value: string; type?: string }>;
}) {
  const { change } = useRouteForm();
  const { at, what } = props;
  return (
    <Box ml={2}>
      {props.items.map((item, i) => (
        <Box key={i} display="flex" alignItems="center" flexWrap="wrap">
          <RouteField
            path={[...at, i, 'name']}
            label={`${what} name`}
            value={item.name}
            width={200}
            onChange={text => change(d => setIn(d, [...at, i, 'name'], text))}
          />
          <RouteField
            path={[...at, i, 'value']}
            label={`${what} value`}
            value={item.value}
            width={200}
            onChange={text => change(d => setIn(d, [...at, i, 'value'], text))}
          />
          <RouteField
            path={[...at, i, 'type']}
            label={`${what} match type`}
            value={item.type ?? 'Exact'}
            width={180}
            options={valueMatchTypes}
            onChange={text => change(d => setIn(d, [...at, i, 'type'], text))}
          />
          <RemoveButton
            label={`Remove ${what.toLowerCase()} match ${i + 1}`}
            onClick={() => change(d => removeAt(d, [...at, i]))}
          />
        </Box>
      ))}
      <AddButton
        label={`Add ${what.toLowerCase()} match`}
        onClick={() =>
          change(d => appendAt(d, at, { name: '', value: '', type: 'Exact' }))
        }
      />
    </Box>
  );
}

/** One match of a rule: path, method, headers and query parameters (all must hold). */
export function MatchFields(props: {
  at: FieldPath;
  index: number;
  match: HttpRouteMatch;
  onRemove(): void;
}) {
  const { change } = useRouteForm();
  const { at, match } = props;
  return (
    <Box
      role="group"
      aria-label={`Match ${props.index + 1}`}
      mb={1}
      pl={1}
      borderLeft={2}
      borderColor="divider"
    >
      <Box display="flex" alignItems="center" flexWrap="wrap">
        <Typography variant="body2" style={{ width: 70 }}>
          Match {props.index + 1}
        </Typography>
        <RouteField
          path={[...at, 'path', 'type']}
          label="Path type"
          value={match.path?.type ?? 'PathPrefix'}
          width={190}
          options={httpPathMatchTypes.map(t => ({ value: t, label: t }))}
          onChange={text =>
            change(d => setIn(d, [...at, 'path', 'type'], text))
          }
        />
        <RouteField
          path={[...at, 'path', 'value']}
          label="Path value"
          value={match.path?.value}
          placeholder="/"
          width={260}
          onChange={text =>
            change(d => setIn(d, [...at, 'path', 'value'], text))
          }
        />
        <RouteField
          path={[...at, 'method']}
          label="Method"
          value={match.method ?? ''}
          width={130}
          options={[
            { value: '', label: 'Any' },
            ...httpRouteMethods.map(m => ({ value: m, label: m })),
          ]}
          onChange={text =>
            change(d => setIn(d, [...at, 'method'], optionalText(text)))
          }
        />
        <RemoveButton
          label={`Remove match ${props.index + 1}`}
          onClick={props.onRemove}
        />
      </Box>
      <ValueMatchList
        at={[...at, 'headers']}
        what="Header"
        items={match.headers ?? []}
      />
      <ValueMatchList
        at={[...at, 'queryParams']}
        what="Query parameter"
        items={match.queryParams ?? []}
      />
    </Box>
  );
}
