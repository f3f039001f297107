import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  auditQuerySchema,
  entityAuditQuerySchema,
  kubemateAuditReadPermission,
  kubemateWorkloadAuditReadPermission,
  type AuditPage,
} from '@kubemate/plugin-kubemate-common';
import type { Router } from 'express';
import { requirePermission } from '../auth/requirePermission';
import { entityRefFromParams } from '../service/entityRef';
import { parseOr400 } from '../service/validation';
import { toWire } from '../service/wire';
import type { AuditLogStore } from './AuditLogStore';

/**
 * `GET /audit`: the whole audit log (basic permission, for auditors and admins).
 * `GET /entities/:kind/:namespace/:name/audit`: the log of one entity's workloads, guarded by a
 * resource permission on that entity so a policy can open it to the entity's owners.
 * Both newest first, with filters and paging.
 */
export function addAuditRoutes(
  router: Router,
  deps: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    store: AuditLogStore;
  },
) {
  router.get('/audit', async (req, res) => {
    await requirePermission(
      deps.permissions,
      await deps.httpAuth.credentials(req),
      {
        permission: kubemateAuditReadPermission,
      },
    );
    const q = parseOr400(auditQuerySchema, req.query, 'audit query');
    const body: AuditPage = toWire(await deps.store.list(q));
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name/audit', async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    await requirePermission(
      deps.permissions,
      await deps.httpAuth.credentials(req),
      {
        permission: kubemateWorkloadAuditReadPermission,
        resourceRef: entityRef,
      },
    );
    const q = parseOr400(entityAuditQuerySchema, req.query, 'audit query');
    const body: AuditPage = toWire(await deps.store.list({ ...q, entityRef }));
    res.json(body);
  });
}
