import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  kubemateWorkloadReadPermission,
  meshQuerySchema,
  type EntityMeshResponse,
} from '@kubemate/plugin-kubemate-common';
import type { Router } from 'express';
import { requirePermission } from '../auth/requirePermission';
import { parseOr400 } from '../service/validation';
import { callerOf } from '../workloads/workloadRequest';
import type { EntityMesh } from './EntityMesh';

/** The mesh view of an entity: its Services' routes and its Deployments' golden metrics. */
export function addMeshRoutes(
  router: Router,
  deps: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    mesh: EntityMesh;
  },
) {
  router.get('/entities/:kind/:namespace/:name/mesh', async (req, res) => {
    const caller = await callerOf(deps.httpAuth, req);
    await requirePermission(deps.permissions, caller.credentials, {
      permission: kubemateWorkloadReadPermission,
      resourceRef: caller.entityRef,
    });
    const query = parseOr400(meshQuerySchema, req.query, 'mesh query');
    const body: EntityMeshResponse = await deps.mesh.read(
      caller.entityRef,
      caller.credentials,
      query.window,
    );
    res.json(body);
  });
}
