import { Box, Typography } from '@material-ui/core';
import { appendAt, removeAt, setIn } from './draft';
import { RouteField } from './RouteField';
import { useRouteForm } from './RouteFormContext';
import { AddButton, RemoveButton } from './SectionButtons';

/** The hostnames the route answers for; none means every hostname of its parents. */
export function HostnamesSection() {
  const { draft, change } = useRouteForm();
  const hostnames = draft.spec.hostnames ?? [];
  return (
    <Box component="section" aria-label="Hostnames" mt={2}>
      <Typography variant="subtitle1">Hostnames</Typography>
      {hostnames.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          None: the route answers for every hostname of its parents.
        </Typography>
      )}
      {hostnames.map((hostname, h) => (
        <Box key={h} display="flex" alignItems="center">
          <RouteField
            path={['spec', 'hostnames', h]}
            label={`Hostname ${h + 1}`}
            value={hostname}
            width={360}
            placeholder="api.example.com or *.example.com"
            onChange={text =>
              change(d => setIn(d, ['spec', 'hostnames', h], text))
            }
          />
          <RemoveButton
            label={`Remove hostname ${h + 1}`}
            onClick={() => change(d => removeAt(d, ['spec', 'hostnames', h]))}
          />
        </Box>
      ))}
      <AddButton
        label="Add hostname"
        onClick={() => change(d => appendAt(d, ['spec', 'hostnames'], ''))}
      />
    </Box>
  );
}
