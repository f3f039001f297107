import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  httpRouteMethods,
  type ClusterRoutes,
  type RouteTestBody,
  type RouteTestResponse,
} from '@kubemate/plugin-kubemate-common';
import { Box, Button, Grid, TextField, Typography } from '@material-ui/core';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { kubemateApiRef, routeIssuesOf } from '../../api';
import { KeyValueRows } from './KeyValueRows';
import { RouteTestResult } from './RouteTestResult';
import { testParentOptions, type TestParentOption } from './testParents';
import { pathError, testRequestOf, type KeyValueRow } from './testRequest';

/**
 * The route tester of one cluster: which HTTPRoute, rule and backends serve a request arriving
 * at a Gateway listener or a Service, decided by the server with Gateway API precedence.
 */
export function RouteTesterPanel(props: { cluster: ClusterRoutes }) {
  const { cluster } = props;
  const { entity } = useEntity();
  const api = useApi(kubemateApiRef);
  const options = useMemo(() => testParentOptions(cluster), [cluster]);
  const [parentKey, setParentKey] = useState('');
  const [host, setHost] = useState('');
  const [path, setPath] = useState('/');
  const [method, setMethod] = useState('GET');
  const [headers, setHeaders] = useState<KeyValueRow[]>([]);
  const [query, setQuery] = useState<KeyValueRow[]>([]);
  const [touched, setTouched] = useState(false);
  const test = useMutation<RouteTestResponse, Error, RouteTestBody>({
    mutationFn: body => api.testRoute(getCompoundEntityRef(entity), body),
  });
  // The first option until the user picks one (and again if theirs disappears on a refetch).
  const selected: TestParentOption | undefined =
    options.find(o => o.key === parentKey) ?? options[0];
  const invalidPath = pathError(path);

  const run = (e?: FormEvent) => {
    e?.preventDefault();
    setTouched(true);
    if (invalidPath || !selected) return;
    test.mutate({
      cluster: cluster.cluster,
      parent: selected.parent,
      request: testRequestOf({ host, path, method, headers, query }),
    });
  };
  const issues = routeIssuesOf(test.error);

  return (
    <InfoCard
      title="Route tester"
      subheader="Which rule wins for a request, by Gateway API precedence"
    >
      {options.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No Gateway listener or Service of this entity to test against.
        </Typography>
      ) : (
        <form onSubmit={run} noValidate aria-label="Route test">
          <Grid container spacing={2} alignItems="flex-end">
            <Grid item xs={12} md={4}>
              <TextField
                id="route-test-parent"
                select
                label="Parent"
                value={selected?.key ?? ''}
                onChange={e => setParentKey(e.target.value)}
                SelectProps={{ native: true }}
                fullWidth
                margin="dense"
              >
                {options.map(o => (
                  <option key={o.key} value={o.key}>
                    {o.label}
                  </option>
                ))}
              </TextField>
            </Grid>
            <Grid item xs={12} sm={6} md={3}>
              <TextField
                id="route-test-host"
                label="Host"
                placeholder="any"
                value={host}
                onChange={e => setHost(e.target.value)}
                fullWidth
                margin="dense"
                inputProps={{ maxLength: 253 }}
              />
            </Grid>
            <Grid item xs={12} sm={6} md={3}>
              <TextField
                id="route-test-path"
                label="Path"
                required
                value={path}
                onChange={e => setPath(e.target.value)}
                error={touched && !!invalidPath}
                helperText={touched ? invalidPath : undefined}
                fullWidth
                margin="dense"
                inputProps={{ maxLength: 4096 }}
              />
            </Grid>
            <Grid item xs={6} md={1}>
              <TextField
                id="route-test-method"
                select
                label="Method"
                value={method}
                onChange={e => setMethod(e.target.value)}
                SelectProps={{ native: true }}
                fullWidth
                margin="dense"
              >
                <option value="">any</option>
                {httpRouteMethods.map(m => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </TextField>
            </Grid>
            <Grid item xs={6} md={1}>
              <Button
                type="submit"
                variant="contained"
                color="primary"
                disabled={test.isPending}
              >
                Test
              </Button>
            </Grid>
            <Grid item xs={12} md={6}>
              <KeyValueRows
                label="Header"
                rows={headers}
                onChange={setHeaders}
              />
            </Grid>
            <Grid item xs={12} md={6}>
              <KeyValueRows
                label="Query parameter"
                rows={query}
                onChange={setQuery}
              />
            </Grid>
          </Grid>
        </form>
      )}
      {test.error && (
        <Box mt={2}>
          <ResponseErrorPanel error={test.error} />
          {issues.map(i => (
            <Typography key={i.path} color="error" variant="body2">
              {i.path}: {i.message}
            </Typography>
          ))}
        </Box>
      )}
      {test.data && !test.error && (
        <Box mt={2}>
          <RouteTestResult result={test.data} />
        </Box>
      )}
    </InfoCard>
  );
}
