import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { kubemateAuditReadPermission } from '@kubemate/plugin-kubemate-common';
import type { Router } from 'express';
import { z } from 'zod';
import { requirePermission } from '../auth/requirePermission';
import { parseOr400 } from '../service/entityRef';
import type { AuditLogStore } from './AuditLogStore';

const query = z.object({
  entityRef: z.string().max(255).optional(),
  actor: z.string().max(255).optional(),
  cluster: z.string().max(253).optional(),
  namespace: z.string().max(253).optional(),
  operation: z.string().max(63).optional(),
  result: z.enum(['succeeded', 'failed', 'denied']).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** `GET /audit`: the audit log with filters and paging, newest first. */
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
    res.json(
      await deps.store.list(parseOr400(query, req.query, 'audit query')),
    );
  });
}
