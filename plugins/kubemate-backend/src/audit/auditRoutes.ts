import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  kubemateAuditReadPermission,
  kubemateWorkloadAuditReadPermission,
} from '@kubemate/plugin-kubemate-common';
import type { Router } from 'express';
import { z } from 'zod';
import { requirePermission } from '../auth/requirePermission';
import { entityRefFromParams } from '../service/entityRef';
import { parseOr400 } from '../service/validation';
import type { AuditLogStore } from './AuditLogStore';

const filters = z.object({
  actor: z.string().max(255).optional(),
  cluster: z.string().max(253).optional(),
  namespace: z.string().max(253).optional(),
  kind: z.string().max(63).optional(),
  name: z.string().max(253).optional(),
  operation: z.string().max(63).optional(),
  result: z.enum(['succeeded', 'failed', 'denied']).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** One entity's log: an `entityRef` (or a misspelt filter) is refused, not ignored. */
const entityQuery = filters.strict();

/** The whole log can also be filtered by entity. */
const query = filters.extend({
  entityRef: z.string().max(255).optional(),
});

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
    res.json(
      await deps.store.list(parseOr400(query, req.query, 'audit query')),
    );
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
    const q = parseOr400(entityQuery, req.query, 'audit query');
    res.json(await deps.store.list({ ...q, entityRef }));
  });
}
