import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  kubemateClusterReadPermission,
  type ClusterListResponse,
  type HealthResponse,
} from '@kubemate/plugin-kubemate-common';
import express from 'express';
import Router from 'express-promise-router';
import { addAuditRoutes } from '../audit/auditRoutes';
import type { AuditLogStore } from '../audit/AuditLogStore';
import { requirePermission } from '../auth/requirePermission';
import type { ClusterService } from '../clusters/ClusterService';
import type { EntityMesh } from '../mesh/EntityMesh';
import { addMeshRoutes } from '../mesh/meshRoutes';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';
import type { WorkloadOperations } from '../workloads/operations/WorkloadOperations';
import { addWorkloadRoutes } from '../workloads/workloadRoutes';
import { addYamlRoutes } from '../workloads/yaml/yamlRoutes';
import type { EntityRoutes } from '../routes/EntityRoutes';
import { addRouteRoutes } from '../routes/routeRoutes';
import type { NamespaceOnboarding } from '../namespaces/NamespaceOnboarding';
import { addNamespaceRoutes } from '../namespaces/namespaceRoutes';
import type { YamlOperations } from '../workloads/yaml/YamlOperations';
import type { LogFollowLimits } from '../workloads/podLogs/LogFollowLimits';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  clusters: ClusterService;
  workloads: EntityWorkloadsService;
  operations: WorkloadOperations;
  yamlOperations: YamlOperations;
  audit: AuditLogStore;
  mesh: EntityMesh;
  routes: EntityRoutes;
  onboarding: NamespaceOnboarding;
  /** Bounds of followed logs (kubemate.logs); the defaults without it. */
  logLimits?: LogFollowLimits;
}

/** The plugin's REST API; each capability adds its own routes. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, clusters } = options;
  const router = Router();
  // Before the shared JSON parser: YAML bodies may exceed its 100 kB limit.
  addYamlRoutes(router, { httpAuth, operations: options.yamlOperations });
  router.use(express.json());

  router.get('/health', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
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

  addWorkloadRoutes(router, options);
  addAuditRoutes(router, { httpAuth, permissions, store: options.audit });
  addMeshRoutes(router, { httpAuth, permissions, mesh: options.mesh });
  addRouteRoutes(router, { httpAuth, permissions, routes: options.routes });
  addNamespaceRoutes(router, {
    httpAuth,
    permissions,
    onboarding: options.onboarding,
  });

  return router;
}
