import {
  redirectStatusCodes,
  type HttpHeaderModifier,
  type HttpPathModifier,
  type HttpRouteFilter,
} from '@kubemate/plugin-kubemate-common';
import { Box, Typography } from '@material-ui/core';
import {
  appendAt,
  editableFilterTypes,
  filterOfType,
  isEditableFilter,
  optionalNumber,
  optionalText,
  pathModifierOfType,
  removeAt,
  setIn,
  type EditableFilterType,
  type FieldPath,
} from './draft';
import { pathModifierValueField } from './fields';
import { RouteField } from './RouteField';
import { useRouteForm } from './RouteFormContext';
import { AddButton, RemoveButton } from './SectionButtons';

/** Set, add and remove lists of a RequestHeaderModifier or ResponseHeaderModifier. */
function HeaderModifierFields(props: {
  at: FieldPath;
  modifier: HttpHeaderModifier;
}) {
  const { change } = useRouteForm();
  const { at, modifier } = props;
  return (
    <Box ml={2}>
      {(['set', 'add'] as const).map(action => (
        <Box key={action}>
          {(modifier[action] ?? []).map((header, i) => (
            <Box key={i} display="flex" alignItems="center" flexWrap="wrap">
              <RouteField
                path={[...at, action, i, 'name']}
                label={`${action === 'set' ? 'Set' : 'Add'} header name`}
                value={header.name}
                width={200}
                onChange={text =>
                  change(d => setIn(d, [...at, action, i, 'name'], text))
                }
              />
              <RouteField
                path={[...at, action, i, 'value']}
                label={`${action === 'set' ? 'Set' : 'Add'} header value`}
                value={header.value}
                width={240}
                onChange={text =>
                  change(d => setIn(d, [...at, action, i, 'value'], text))
                }
              />
              <RemoveButton
                label={`Remove ${action} header ${i + 1}`}
                onClick={() => change(d => removeAt(d, [...at, action, i]))}
              />
            </Box>
          ))}
        </Box>
      ))}
      {(modifier.remove ?? []).map((name, i) => (
        <Box key={i} display="flex" alignItems="center">
          <RouteField
            path={[...at, 'remove', i]}
            label="Header to remove"
            value={name}
            width={200}
            onChange={text => change(d => setIn(d, [...at, 'remove', i], text))}
          />
          <RemoveButton
            label={`Remove removed header ${i + 1}`}
            onClick={() => change(d => removeAt(d, [...at, 'remove', i]))}
          />
        </Box>
      ))}
      <AddButton
        label="Set a header"
        onClick={() =>
          change(d => appendAt(d, [...at, 'set'], { name: '', value: '' }))
        }
      />
      <AddButton
        label="Add a header"
        onClick={() =>
          change(d => appendAt(d, [...at, 'add'], { name: '', value: '' }))
        }
      />
      <AddButton
        label="Remove a header"
        onClick={() => change(d => appendAt(d, [...at, 'remove'], ''))}
      />
    </Box>
  );
}

/** The path part of a redirect or rewrite: replace the full path or the matched prefix. */
function PathModifierFields(props: {
  at: FieldPath;
  what: 'Redirect' | 'Rewrite';
  path: HttpPathModifier | undefined;
}) {
  const { change } = useRouteForm();
  const { at, path, what } = props;
  const valueField = pathModifierValueField(path);
  return (
    <>
      <RouteField
        path={[...at, 'type']}
        label={`${what} path type`}
        value={path?.type ?? ''}
        width={210}
        options={[
          { value: '', label: 'Keep the path' },
          { value: 'ReplaceFullPath', label: 'ReplaceFullPath' },
          { value: 'ReplacePrefixMatch', label: 'ReplacePrefixMatch' },
        ]}
        onChange={type => {
          const value = path?.replaceFullPath ?? path?.replacePrefixMatch ?? '';
          const next = pathModifierOfType(type, value);
          change(d => setIn(d, at, next));
        }}
      />
      {valueField && (
        <RouteField
          path={[...at, valueField]}
          label={`${what} path`}
          value={path?.[valueField]}
          width={220}
          onChange={text => change(d => setIn(d, [...at, valueField], text))}
        />
      )}
    </>
  );
}

function RedirectFields(props: { at: FieldPath; filter: HttpRouteFilter }) {
  const { change } = useRouteForm();
  const at = [...props.at, 'requestRedirect'];
  const redirect = props.filter.requestRedirect ?? {};
  return (
    <Box ml={2} display="flex" alignItems="center" flexWrap="wrap">
      <RouteField
        path={[...at, 'scheme']}
        label="Redirect scheme"
        value={redirect.scheme ?? ''}
        width={150}
        options={[
          { value: '', label: 'Keep' },
          { value: 'http', label: 'http' },
          { value: 'https', label: 'https' },
        ]}
        onChange={text =>
          change(d => setIn(d, [...at, 'scheme'], optionalText(text)))
        }
      />
      <RouteField
        path={[...at, 'hostname']}
        label="Redirect hostname"
        value={redirect.hostname}
        width={220}
        onChange={text =>
          change(d => setIn(d, [...at, 'hostname'], optionalText(text)))
        }
      />
      <RouteField
        path={[...at, 'port']}
        label="Redirect port"
        type="number"
        value={redirect.port === undefined ? '' : String(redirect.port)}
        width={130}
        onChange={text =>
          change(d => setIn(d, [...at, 'port'], optionalNumber(text)))
        }
      />
      <PathModifierFields
        at={[...at, 'path']}
        what="Redirect"
        path={redirect.path}
      />
      <RouteField
        path={[...at, 'statusCode']}
        label="Redirect status code"
        value={
          redirect.statusCode === undefined ? '' : String(redirect.statusCode)
        }
        width={170}
        options={[
          { value: '', label: '302 (default)' },
          ...redirectStatusCodes.map(c => ({
            value: String(c),
            label: String(c),
          })),
        ]}
        onChange={text =>
          change(d => setIn(d, [...at, 'statusCode'], optionalNumber(text)))
        }
      />
    </Box>
  );
}

function RewriteFields(props: { at: FieldPath; filter: HttpRouteFilter }) {
  const { change } = useRouteForm();
  const at = [...props.at, 'urlRewrite'];
  const rewrite = props.filter.urlRewrite ?? {};
  return (
    <Box ml={2} display="flex" alignItems="center" flexWrap="wrap">
      <RouteField
        path={[...at, 'hostname']}
        label="Rewrite hostname"
        value={rewrite.hostname}
        width={220}
        onChange={text =>
          change(d => setIn(d, [...at, 'hostname'], optionalText(text)))
        }
      />
      <PathModifierFields
        at={[...at, 'path']}
        what="Rewrite"
        path={rewrite.path}
      />
    </Box>
  );
}

/**
 * One filter of a rule. The types the form knows are edited field by field; others (a mirror,
 * CORS) are kept exactly as written and can only be removed.
 */
export function FilterFields(props: {
  at: FieldPath;
  index: number;
  filter: HttpRouteFilter;
  /** ExtensionRef (a Traefik Middleware) is offered only when a Gateway serves the route. */
  allowExtensionRef: boolean;
  onRemove(): void;
}) {
  const { change } = useRouteForm();
  const { at, filter } = props;
  const remove = (
    <RemoveButton
      label={`Remove filter ${props.index + 1}`}
      onClick={props.onRemove}
    />
  );
  if (!isEditableFilter(filter.type)) {
    return (
      <Box
        role="group"
        aria-label={`Filter ${props.index + 1}`}
        display="flex"
        alignItems="center"
      >
        <Typography variant="body2">
          {filter.type} filter (kept as written; edit it as YAML)
        </Typography>
        {remove}
      </Box>
    );
  }
  const types = editableFilterTypes.filter(
    t => t !== 'ExtensionRef' || props.allowExtensionRef || filter.type === t,
  );
  return (
    <Box role="group" aria-label={`Filter ${props.index + 1}`} mb={1}>
      <Box display="flex" alignItems="center" flexWrap="wrap">
        <RouteField
          path={[...at, 'type']}
          label="Filter type"
          value={filter.type}
          width={240}
          options={types.map(t => ({ value: t, label: t }))}
          onChange={type =>
            change(d => setIn(d, at, filterOfType(type as EditableFilterType)))
          }
        />
        {filter.type === 'ExtensionRef' && (
          <RouteField
            path={[...at, 'extensionRef', 'name']}
            label="Traefik Middleware name"
            value={filter.extensionRef?.name}
            width={240}
            onChange={text =>
              change(d => setIn(d, [...at, 'extensionRef', 'name'], text))
            }
          />
        )}
        {remove}
      </Box>
      {filter.type === 'RequestHeaderModifier' && (
        <HeaderModifierFields
          at={[...at, 'requestHeaderModifier']}
          modifier={filter.requestHeaderModifier ?? {}}
        />
      )}
      {filter.type === 'ResponseHeaderModifier' && (
        <HeaderModifierFields
          at={[...at, 'responseHeaderModifier']}
          modifier={filter.responseHeaderModifier ?? {}}
        />
      )}
      {filter.type === 'RequestRedirect' && (
        <RedirectFields at={at} filter={filter} />
      )}
      {filter.type === 'URLRewrite' && (
        <RewriteFields at={at} filter={filter} />
      )}
    </Box>
  );
}
