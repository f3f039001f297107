import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  kubemateClusterReadPermission,
  kubemateWorkloadReadPermission,
  kubemateWorkloadSecretReadPermission,
  type ClusterListResponse,
} from '@kubemate/plugin-kubemate-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { isAllowed, requirePermission } from '../auth/requirePermission';
import type { ClusterService } from '../clusters/ClusterService';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  clusters: ClusterService;
  workloads: EntityWorkloadsService;
}

// Catalog entity name parts: letters, digits, `-`, `_`, `.`, up to 253 characters.
const entityPart = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$/);
const entityParams = z.object({
  kind: entityPart,
  namespace: entityPart,
  name: entityPart,
});

function parseEntityRef(params: unknown): string {
  const parsed = entityParams.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid entity ${issue.path.join('.')}: must be a catalog name`,
    );
  }
  return stringifyEntityRef(parsed.data);
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, clusters, workloads } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/clusters', async (req, res) => {
    await requirePermission(permissions, await httpAuth.credentials(req), {
      permission: kubemateClusterReadPermission,
    });
    const body: ClusterListResponse = {
      items: await clusters.listWithStatus(),
    };
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name/workloads', async (req, res) => {
    const entityRef = parseEntityRef(req.params);
    const credentials = await httpAuth.credentials(req);
    await requirePermission(permissions, credentials, {
      permission: kubemateWorkloadReadPermission,
      resourceRef: entityRef,
    });
    const showSecretValues = await isAllowed(permissions, credentials, {
      permission: kubemateWorkloadSecretReadPermission,
      resourceRef: entityRef,
    });
    res.json(
      await workloads.getWorkloads(entityRef, credentials, {
        showSecretValues,
      }),
    );
  });

  return router;
}
