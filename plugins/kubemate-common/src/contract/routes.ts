import { adminRoutes } from '../admin/contract';
import { auditRoutes } from '../audit/contract';
import { clusterRoutes } from '../clusters/contract';
import { inspectionRoutes } from '../inspection/contract';
import { meshRoutes } from '../mesh/contract';
import { serviceProfileRoutes } from '../mesh/serviceProfiles';
import { routeRoutes } from '../routes/contract';
import { namespaceRoutes } from '../namespaces/contract';
import { observabilityRoutes } from '../observability/contract';
import { probeRoutes } from '../probes/contract';
import { releaseRoutes } from '../releases/contract';
import { scaffoldingRoutes } from '../scaffolding/contract';
import { workloadRoutes } from '../workloads/contract';
import { configDataRoutes } from '../workloads/configData';

/**
 * Every route of `/api/kubemate`, by id: the backend registers these, the frontend clients call
 * them and docs/api-reference.md is generated from them. A test fails when a router registers
 * a route that is not here.
 */
export const kubemateRoutes = {
  ...clusterRoutes,
  ...workloadRoutes,
  ...configDataRoutes,
  ...auditRoutes,
  ...inspectionRoutes,
  ...meshRoutes,
  ...serviceProfileRoutes,
  ...routeRoutes,
  ...namespaceRoutes,
  ...adminRoutes,
  ...observabilityRoutes,
  ...releaseRoutes,
  ...probeRoutes,
  ...scaffoldingRoutes,
};
export type KubemateRouteId = keyof typeof kubemateRoutes;
