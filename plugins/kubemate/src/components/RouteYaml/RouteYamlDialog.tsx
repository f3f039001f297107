import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { kubemateRouteUpdatePermission } from '@kubemate/plugin-kubemate-common';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@material-ui/core';
import { useQuery } from '@tanstack/react-query';
import { kubemateApiRef, type WorkloadTarget } from '../../api';
import { YamlEditor } from '../WorkloadDetail/YamlEditor';

/**
 * A route's YAML as the API server has it; those who may update the entity's routes edit it
 * (dry-run diff first, a stale edit refused). Legacy IngressRoutes are edited this way.
 */
export function RouteYamlDialog(props: {
  target: WorkloadTarget;
  onClose(): void;
}) {
  const { entity } = useEntity();
  const api = useApi(kubemateApiRef);
  const update = usePermission({
    permission: kubemateRouteUpdatePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const { target } = props;
  const yaml = useQuery({
    queryKey: ['kubemate', 'route-yaml', stringifyEntityRef(entity), target],
    queryFn: () => api.getYaml(getCompoundEntityRef(entity), target),
  });
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md">
      <DialogTitle>
        {target.kind} {target.namespace}/{target.name}
      </DialogTitle>
      <DialogContent>
        {yaml.isPending && <Progress />}
        {yaml.error && <ResponseErrorPanel error={yaml.error} />}
        {yaml.data && (
          <YamlEditor
            entity={entity}
            target={target}
            yaml={yaml.data.yaml}
            canEdit={update.allowed}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
