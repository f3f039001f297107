import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  kubemateRouteReadPermission,
  type EntityRoutesResponse,
} from '@kubemate/plugin-kubemate-common';
import type { Router } from 'express';
import { requirePermission } from '../auth/requirePermission';
import { callerOf } from '../workloads/workloadRequest';
import type { EntityRoutes } from './EntityRoutes';

/** The Routes tab of an entity: its HTTPRoutes and IngressRoutes with their status. */
export function addRouteRoutes(
  router: Router,
  deps: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    routes: EntityRoutes;
  },
) {
  router.get('/entities/:kind/:namespace/:name/routes', async (req, res) => {
    const caller = await callerOf(deps.httpAuth, req);
    await requirePermission(deps.permissions, caller.credentials, {
      permission: kubemateRouteReadPermission,
      resourceRef: caller.entityRef,
    });
    const body: EntityRoutesResponse = await deps.routes.read(
      caller.entityRef,
      caller.credentials,
    );
    res.json(body);
  });
}
