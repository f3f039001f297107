import { Box, Typography } from '@material-ui/core';
import { appendAt, removeAt, setIn } from './draft';
import {
  parentOptionKey,
  parentOptions,
  parentRefLabel,
} from './parentOptions';
import { RouteField } from './RouteField';
import { useRouteForm } from './RouteFormContext';
import { AddButton, RemoveButton } from './SectionButtons';

/** Where the route attaches: Gateway listeners (Traefik) or Services (Linkerd mesh). */
export function ParentsSection() {
  const { draft, change, cluster } = useRouteForm();
  const options = parentOptions(cluster, draft.metadata.namespace);
  const parents = draft.spec.parentRefs ?? [];
  return (
    <Box component="section" aria-label="Parents" mt={2}>
      <Typography variant="subtitle1">Parents</Typography>
      {options.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No Gateway or Service in namespace {draft.metadata.namespace || '—'}.
        </Typography>
      )}
      {parents.map((ref, p) => {
        const key = parentOptionKey(ref);
        // A parent written outside the form stays selectable as it is.
        const shown = options.some(o => o.key === key)
          ? options
          : [{ key, label: parentRefLabel(ref), ref }, ...options];
        return (
          <Box key={p} display="flex" alignItems="center">
            <RouteField
              path={['spec', 'parentRefs', p]}
              label={`Parent ${p + 1}`}
              value={key}
              width={480}
              options={shown.map(o => ({ value: o.key, label: o.label }))}
              onChange={value => {
                const chosen = shown.find(o => o.key === value);
                if (chosen) {
                  change(d => setIn(d, ['spec', 'parentRefs', p], chosen.ref));
                }
              }}
            />
            <RemoveButton
              label={`Remove parent ${p + 1}`}
              onClick={() =>
                change(d => removeAt(d, ['spec', 'parentRefs', p]))
              }
            />
          </Box>
        );
      })}
      <AddButton
        label="Add parent"
        disabled={options.length === 0}
        onClick={() =>
          change(d => appendAt(d, ['spec', 'parentRefs'], options[0].ref))
        }
      />
    </Box>
  );
}
