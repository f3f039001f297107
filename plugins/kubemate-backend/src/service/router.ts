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
import type { AdminConsole } from '../admin/AdminConsole';
import { addAdminRoutes, addAdminYamlRoutes } from '../admin/adminRoutes';
import { addAuditRoutes } from '../audit/auditRoutes';
import type { AuditLogStore } from '../audit/AuditLogStore';
import type { AuditTrail } from '../audit/AuditTrail';
import { requirePermission } from '../auth/requirePermission';
import type { ClusterService } from '../clusters/ClusterService';
import type { EntityMesh } from '../mesh/EntityMesh';
import { addMeshRoutes } from '../mesh/meshRoutes';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';
import type { WorkloadOperations } from '../workloads/operations/WorkloadOperations';
import { addWorkloadRoutes } from '../workloads/workloadRoutes';
import { addYamlRoutes } from '../workloads/yaml/yamlRoutes';
import { addConfigDataRoutes } from '../workloads/configData/configDataRoutes';
import { ConfigDataOperations } from '../workloads/configData/ConfigDataOperations';
import type { RouteServices } from '../routes/routeServices';
import { addRouteRoutes } from '../routes/routeRoutes';
import type { NamespaceOnboarding } from '../namespaces/NamespaceOnboarding';
import { addNamespaceRoutes } from '../namespaces/namespaceRoutes';
import { addScaffoldingRoutes } from '../scaffolding/scaffoldingRoutes';
import type { ManifestApply } from '../scaffolding/ManifestApply';
import type { CreatedEntities } from '../scaffolding/CreatedEntities';
import type { YamlOperations } from '../workloads/yaml/YamlOperations';
import type { LogFollowLimits } from '../workloads/podLogs/LogFollowLimits';
import { addObservabilityRoutes, type EntityLinks } from '../observability';
import type { PodMetrics } from '../workloads/operations/PodMetrics';
import { addPodMetricsRoutes } from '../workloads/operations/podMetricsRoutes';
import type { Releases } from '../releases/Releases';
import type { ServiceProfiles } from '../mesh/ServiceProfiles';
import { addServiceProfileRoutes } from '../mesh/serviceProfileRoutes';
import { addReleaseRoutes } from '../releases/releaseRoutes';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  clusters: ClusterService;
  workloads: EntityWorkloadsService;
  operations: WorkloadOperations;
  yamlOperations: YamlOperations;
  audit: AuditLogStore;
  /** Writes audit records (ConfigMap and Secret edits, Secret reveals). */
  auditTrail: AuditTrail;
  mesh: EntityMesh;
  routes: RouteServices;
  onboarding: NamespaceOnboarding;
  /** The platform admin console (nodes, events, YAML apply). */
  admin: AdminConsole;
  /** Bounds of followed logs (kubemate.logs); the defaults without it. */
  logLimits?: LogFollowLimits;
  /** Observability links of entities and their objects. */
  links: EntityLinks;
  /** Pod usage from metrics.k8s.io, for pod details. */
  podMetrics: PodMetrics;
  /** Gray and canary releases (progressive delivery). */
  releases: Releases;
  /** Linkerd ServiceProfiles of entities' Services. */
  serviceProfiles: ServiceProfiles;
  /** Manifests of templates into a namespace the caller's groups own. */
  manifestApply: ManifestApply;
  /** Components of created apps, for the catalog's entity provider. */
  createdEntities: CreatedEntities;
}

/** The plugin's REST API; each capability adds its own routes. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, clusters } = options;
  const router = Router();
  // Before the shared JSON parser: YAML bodies may exceed its 100 kB limit.
  addYamlRoutes(router, { httpAuth, operations: options.yamlOperations });
  addAdminYamlRoutes(router, { httpAuth, admin: options.admin });
  addConfigDataRoutes(router, {
    httpAuth,
    operations: new ConfigDataOperations({
      ...options,
      audit: options.auditTrail,
      auditLog: options.audit,
    }),
  });
  addScaffoldingRoutes(router, {
    httpAuth,
    apply: options.manifestApply,
    createdEntities: options.createdEntities,
  });
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
  addRouteRoutes(router, { httpAuth, permissions, ...options.routes });
  addNamespaceRoutes(router, {
    httpAuth,
    permissions,
    onboarding: options.onboarding,
  });
  addAdminRoutes(router, { httpAuth, admin: options.admin });
  addObservabilityRoutes(router, { httpAuth, links: options.links });
  addPodMetricsRoutes(router, { httpAuth, podMetrics: options.podMetrics });
  addReleaseRoutes(router, { httpAuth, releases: options.releases });
  addServiceProfileRoutes(router, {
    httpAuth,
    serviceProfiles: options.serviceProfiles,
  });

  return router;
}
