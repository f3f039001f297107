import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  kubemateRouteUpdatePermission,
  type ServiceProfileListResponse,
  type ServiceProfileRoute,
} from '@kubemate/plugin-kubemate-common';
import { Box, Button, Typography } from '@material-ui/core';
import { useState } from 'react';
import { ServiceProfileDialog } from './ServiceProfileDialog';
import { ShadowWarning } from './ShadowWarning';
import { useServiceProfiles } from './useServiceProfiles';

type Item = ServiceProfileListResponse['items'][number];

const columns: TableColumn<ServiceProfileRoute>[] = [
  { title: 'Route', field: 'name' },
  { title: 'Method', render: r => r.condition.method ?? 'any' },
  { title: 'Path regex', render: r => <code>{r.condition.pathRegex}</code> },
  { title: 'Retryable', render: r => (r.isRetryable ? 'yes' : 'no') },
  { title: 'Timeout', render: r => r.timeout ?? 'default' },
];

function Profile(props: {
  entity: Entity;
  item: Item;
  canEdit: boolean;
  onEdit(): void;
}) {
  const { item } = props;
  const budget = item.profile?.spec.retryBudget;
  return (
    <Box mb={3}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="h6">
          {item.namespace}/{item.service}{' '}
          <Typography component="span" variant="body2" color="textSecondary">
            ({item.cluster})
          </Typography>
        </Typography>
        {props.canEdit && (
          <Button
            variant="outlined"
            color="primary"
            onClick={props.onEdit}
            aria-label={`${
              item.profile ? 'Edit' : 'Create'
            } the ServiceProfile of ${item.service}`}
          >
            {item.profile ? 'Edit profile' : 'Create profile'}
          </Button>
        )}
      </Box>
      <ShadowWarning
        namespace={item.namespace}
        service={item.service}
        routes={item.shadowedRoutes}
      />
      {item.profile ? (
        <>
          <Table
            title={item.profile.name}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={columns}
            data={item.profile.spec.routes}
          />
          <Typography variant="body2" color="textSecondary">
            {budget
              ? `Retry budget: ratio ${budget.retryRatio}, at least ${budget.minRetriesPerSecond} retries/s, TTL ${budget.ttl}`
              : 'No retry budget (Linkerd’s default).'}
          </Typography>
        </>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No ServiceProfile: Linkerd routes this Service by its HTTPRoutes.
        </Typography>
      )}
    </Box>
  );
}

/**
 * The Linkerd ServiceProfiles of the entity's Services, for meshes that still use them: routes,
 * retries, timeouts, and which HTTPRoutes a profile shadows. Editing needs
 * `kubemate.route.update` (the backend checks it too).
 */
export function ServiceProfilesSection(props: { entity: Entity }) {
  const { data, error, isPending } = useServiceProfiles(props.entity);
  const update = usePermission({
    permission: kubemateRouteUpdatePermission,
    resourceRef: stringifyEntityRef(props.entity),
  });
  const [editing, setEditing] = useState<Item>();
  if (isPending) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!data.items.length) return null;
  return (
    <Box>
      <Typography variant="h5" gutterBottom>
        Linkerd ServiceProfiles
      </Typography>
      {data.items.map(item => (
        <Profile
          key={`${item.cluster}/${item.namespace}/${item.service}`}
          entity={props.entity}
          item={item}
          canEdit={update.allowed}
          onEdit={() => setEditing(item)}
        />
      ))}
      {editing && (
        <ServiceProfileDialog
          entity={props.entity}
          target={{
            cluster: editing.cluster,
            namespace: editing.namespace,
            service: editing.service,
          }}
          spec={editing.profile?.spec}
          resourceVersion={editing.profile?.resourceVersion}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Box>
  );
}
