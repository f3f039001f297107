import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  auditExportQuerySchema,
  auditQuerySchema,
  MAX_AUDIT_CSV_ROWS,
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
import { auditToCsv } from './auditCsv';

/**
 * `GET /audit`: the whole audit log (basic permission, for auditors and admins).
 * `GET /entities/:kind/:namespace/:name/audit`: the log of one entity's workloads, guarded by a
 * resource permission on that entity so a policy can open it to the entity's owners.
 * Both newest first, with filters and paging. `GET /audit/export.csv`: the whole log's filtered
 * records as CSV (at most MAX_AUDIT_CSV_ROWS).
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

  router.get('/audit/export.csv', async (req, res) => {
    await requirePermission(
      deps.permissions,
      await deps.httpAuth.credentials(req),
      { permission: kubemateAuditReadPermission },
    );
    const q = parseOr400(auditExportQuerySchema, req.query, 'audit query');
    const { items } = await deps.store.list({
      ...q,
      limit: MAX_AUDIT_CSV_ROWS,
      offset: 0,
    });
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment('kubemate-audit.csv')
      .send(auditToCsv(items));
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
