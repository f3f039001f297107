import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  kubemateClusterReadPermission,
  type ClusterListResponse,
} from '@kubemate/plugin-kubemate-common';
import express from 'express';
import Router from 'express-promise-router';
import { requirePermission } from '../auth/requirePermission';
import type { ClusterService } from '../clusters/ClusterService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  clusters: ClusterService;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, clusters } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/clusters', async (req, res) => {
    await requirePermission(
      permissions,
      await httpAuth.credentials(req),
      kubemateClusterReadPermission,
    );
    const body: ClusterListResponse = {
      items: await clusters.listWithStatus(),
    };
    res.json(body);
  });

  return router;
}
